// The one seam between the house and its two database engines (PostgreSQL via pg, PGlite in a worker).
// Everything above this file speaks SQL through these interfaces and never knows which engine answers.

export type Engine = 'postgres' | 'pglite';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** One exclusive database session: statements run in order, transactions span calls. */
export interface SqlConnection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load with COPY. `copySql` is `COPY table (cols) FROM STDIN WITH (FORMAT csv)`; `chunks` are
   * pieces of CSV text, streamed so that a feed is never held in memory whole.
   */
  copyIn(copySql: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

export interface ConnectionPool {
  readonly engine: Engine;
  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error with PostgreSQL's fields, whichever engine raised it. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly constraint: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const SERIALIZATION_FAILURE = '40001';

export function isDatabaseError(e: unknown, code?: string): e is DatabaseError {
  return e instanceof Error && typeof (e as DatabaseError).code === 'string' && (code === undefined || (e as DatabaseError).code === code);
}
