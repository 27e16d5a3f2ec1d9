// Regions: codes, the Jiangxi tree and the urban/rural derivation for villages.
export { REGION_LEVELS, REGION_LEVEL_LABELS, normaliseRegionCode, regionLevel, shortRegionCode } from './region-code';
export type { RegionLevel } from './region-code';
export { RegionTree } from './region-tree';
export type { Region, RegionSearchOptions } from './region-tree';
export { formatRegionTsv, parseRegionTsv, REGION_TSV_HEADER } from './region-file';
export type { RegionRow } from './region-file';
export { areaByName, areaBySegment, deriveVillageArea } from './village-area';
export type { VillageAreaDerivation } from './village-area';
export { villageShortName } from './village-name';
