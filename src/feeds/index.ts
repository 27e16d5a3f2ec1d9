// Department feeds as the rest of the house sees them: the catalogue, reading files and pushes, mapping
// headers, validating rows. (Import runs, tokens and routes live in import/ and feeds-routes.ts.)
export { FEEDS, FEED_CODES, findFeed, getFeed, feedColumn, feedTable } from './catalogue';
export type { ColumnDef, FeedDef, FeedRecord, FeedRow, ParseResult, RowError, ValueParser } from './feed-types';
export { mapHeader, looksLikeHeader, headerScore, headerSearch, normaliseHeader, type HeaderMapping, type MappedColumn } from './header-map';
export { rowValidator, validateRow, type RowResult } from './validate-row';
export { VALUE_TYPES, columnParser, valueType, type ValueTypeName, type ValueType } from './values';
export {
  openFeedFile,
  openCsv,
  openXlsx,
  readJsonRecords,
  readJsonText,
  detectFormat,
  FeedFileError,
  isFeedFileError,
  type FeedSource,
  type FeedFileFormat,
} from './readers';
export { feedTableDdl } from './table-ddl';
export type { FeedTables, FeedImportsTable, FeedImportErrorsTable, FeedTokensTable, FeedPushBatchesTable } from './tables';
