// The one error a reader throws when a whole file cannot be read: the import is rejected with this
// message (Chinese for the department, English for logs), never with a library's stack trace.
export type FeedFileErrorCode =
  | 'unsupported_format' // .xls, HTML saved as .xls, binary data
  | 'encoding' // bytes that are not the (declared or detected) encoding
  | 'corrupt' // broken CSV quoting, damaged ZIP/XLSX, invalid JSON
  | 'empty' // no header row at all
  | 'sheet_not_found'
  | 'not_records' // JSON that is not an array of objects
  | 'too_many_records';

export class FeedFileError extends Error {
  override readonly name = 'FeedFileError';
  constructor(
    readonly code: FeedFileErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(messageEn, options);
  }

  get bilingual(): { zh: string; en: string } {
    return { zh: this.messageZh, en: this.messageEn };
  }
}

export function isFeedFileError(error: unknown): error is FeedFileError {
  return error instanceof FeedFileError;
}
