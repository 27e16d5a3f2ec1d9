// Demo population for development, tests and load trials: deterministic households over real regions.
export { generatePopulation } from './generate-population';
export type { GeneratePopulationOptions } from './generate-population';
export type { DemoCategorySpell, DemoHousehold, DemoPerson } from './types';
export { CATEGORY_SHARES } from './categories';
export type { DemoCategory } from './categories';
export { Random, Weighted } from './random';
