// Public face of the casework domain: pure rules for applications, items, deadlines, the 低保 procedure and
// visits. No clock, database or HTTP here; callers pass today, the parameters and the calendar.
export * from './application-form.js';
export * from './application-item.js';
export * from './deadlines.js';
export * from './decision.js';
export * from './departments.js';
export * from './dibao-procedure.js';
export * from './field-error.js';
export * from './follow-on.js';
export * from './id-number-format.js';
export * from './item-status.js';
export * from './items.js';
export * from './split-application.js';
export * from './validate-application.js';
export * from './visit.js';
