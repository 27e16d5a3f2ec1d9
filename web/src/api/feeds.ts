// The department-feeds API (src/feeds/feeds-routes.ts): the published catalogue, file uploads with progress,
// the import history with its errors and XLSX error reports, and the data-quality view. Types come from the
// server: ImportReport/ImportErrorLine (import-report.ts), FeedQuality (data-quality.ts), ColumnDef/FeedDef
// (feed-types.ts), the value types' descriptions (values/index.ts).
import type { ColumnDef, FeedDef } from '../../../src/feeds/feed-types';
import type { ValueType, ValueTypeName } from '../../../src/feeds/values';
import type { ImportErrorLine, ImportReport } from '../../../src/feeds/import/import-report';
import type { FeedQuality } from '../../../src/feeds/import/data-quality';
import { apiRequest, apiUpload, type UploadOptions } from './client';

export type { ImportErrorLine, ImportReport, FeedQuality, ValueTypeName };

/** One column of GET /feeds: the catalogue's column with aliases always listed, enum labels as a list and
 *  the value type's published description. */
export type FeedColumn = Pick<ColumnDef, 'key' | 'header' | 'type' | 'required' | 'note'> & {
  aliases: string[];
  values?: string[];
  describe?: ValueType['describe'];
};

/** One feed of GET /feeds (the published contract). */
export type FeedContract = Pick<FeedDef, 'code' | 'department' | 'name' | 'nameEn'> & {
  naturalKey: string[];
  columns: FeedColumn[];
};

/** The counts and outcome an import run shares with the report of an upload. */
type RunCounts = Pick<ImportReport, 'feed' | 'read' | 'accepted' | 'rejected' | 'duplicates' | 'matched' | 'unmatched' | 'durationMs'>;

/** One run of GET /imports, as built by importRow() in feeds-routes.ts (which exports no type of its own). */
export type ImportRun = RunCounts & {
  id: number;
  source: 'file' | 'api';
  status: ImportReport['status'] | 'running' | 'failed';
  fileName: string | null;
  fileSize: number | null;
  sha256: string | null;
  encoding: string | null;
  sheet: string | null;
  batchId: string | null;
  department: string | null;
  /** The username of whoever uploaded; null for API pushes. */
  actor: string | null;
  ignoredColumns: string[];
  rejectReason: NonNullable<ImportReport['rejectReason']> | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
};

/** GET /imports/{id}: the run with its first 1,000 error lines. */
export type ImportRunDetail = ImportRun & { errors: ImportErrorLine[] };

export interface ImportPage {
  items: ImportRun[];
  total: number;
}

export interface ImportsQuery {
  feed?: string;
  page?: number;
  pageSize?: number;
}

export interface UploadRequest {
  feed: string;
  file: File;
  /** 'utf-8' or 'gb18030'; absent = detected by the server. */
  encoding?: string;
  sheet?: string;
  /** Percent, 0–100; absent = the server's default. */
  maxRejected?: number;
}

export const ENCODINGS = ['utf-8', 'gb18030'] as const;

/** Where the XLSX error report of a run is downloaded (a plain GET with the session cookie). */
export const errorsXlsxUrl = (importId: number) => `/api/v1/imports/${importId}/errors.xlsx`;

export const feedsApi = {
  catalogue: (signal?: AbortSignal) => apiRequest<FeedContract[]>('GET', '/feeds', { signal }),
  quality: (signal?: AbortSignal) => apiRequest<FeedQuality[]>('GET', '/feeds/quality', { signal }),
  imports: (query: ImportsQuery, signal?: AbortSignal) => apiRequest<ImportPage>('GET', '/imports', { query, signal }),
  importRun: (id: number, signal?: AbortSignal) => apiRequest<ImportRunDetail>('GET', `/imports/${id}`, { signal }),
  /** 201 with the report when imported, 422 with the report when the file was refused; other failures throw. */
  upload: async (request: UploadRequest, options: Omit<UploadOptions, 'answerStatuses'> = {}): Promise<ImportReport> => {
    const form = new FormData();
    form.append('feed', request.feed);
    if (request.encoding) form.append('encoding', request.encoding);
    if (request.sheet) form.append('sheet', request.sheet);
    if (request.maxRejected !== undefined && request.maxRejected !== null) form.append('maxRejected', String(request.maxRejected));
    form.append('file', request.file, request.file.name);
    const { data } = await apiUpload<ImportReport>('/imports', form, { ...options, answerStatuses: [422] });
    return data;
  },
};
