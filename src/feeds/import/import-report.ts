// The answer of an import run, as the CLI prints it with --json and the API returns it.

export interface ImportErrorLine {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportReport {
  importId: number | null;
  feed: string;
  status: 'completed' | 'rejected';
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  matched: number;
  unmatched: number;
  errors: ImportErrorLine[];
  /** Why the whole file was refused (status rejected), in Chinese and English. */
  rejectReason?: { zh: string; en: string };
  ignoredColumns?: string[];
  encoding?: string;
  sheet?: string;
  durationMs: number;
}

/** Error lines kept per import (in the database and the report); past this only the count grows. */
export const MAX_ERROR_LINES = 10_000;
