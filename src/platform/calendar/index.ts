// Public face of the working-day calendar: import from here, not from the files behind it.
export * from './dates.js';
export * from './types.js';
export * from './work-calendar.js';
export { OFFICIAL_2024_2026 } from './official-2024-2026.js';
