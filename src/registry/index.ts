// The registry as the rest of the house sees it.
export { registryRoutes } from './registry-routes';
export { createHousehold, updateHousehold } from './household-write';
export { readHousehold, findHouseholdInScope, type HouseholdView } from './household-view';
export { searchPersons, lookupPerson, revealPerson, householdHistory } from './person-search';
export { loadRegions } from './region-store';
export { parseIdNumber } from './id-number';
export { maskIdNumber, maskPhone } from './masking';
