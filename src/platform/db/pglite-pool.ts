// The embedded engine: one PGlite database in a worker thread, one session at a time (PGlite has a
// single backend), handed out in turn by a queue so transactions from different requests never interleave.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DatabaseError, type ConnectionPool, type QueryResult, type SqlConnection } from './connection';
import { lockFolder } from './folder-lock';

interface Reply {
  id: number;
  rows?: unknown[];
  rowCount?: number;
  dump?: Uint8Array;
  error?: { message: string; code?: string; constraint?: string; detail?: string };
}

// COPY data is sent to the worker in pieces of about this many characters.
const COPY_CHUNK_CHARS = 8 * 1024 * 1024;

export class PglitePool implements ConnectionPool {
  readonly engine = 'pglite' as const;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly releaseLock: () => void;
  private closed = false;

  /**
   * dataDir: the platform's data folder (the database lives in its `pgdata`, the lock beside it);
   * null → in memory (tests). snapshotPath → start from a saved migrated database.
   */
  constructor(dataDir: string | null, options: { snapshotPath?: string } = {}) {
    this.releaseLock = dataDir ? lockFolder(path.resolve(dataDir)) : () => {};
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: {
        dataDir: dataDir ? path.join(path.resolve(dataDir), 'pgdata') : null,
        snapshotPath: options.snapshotPath ?? null,
      },
      // A TypeScript loader is not needed in the worker (plain .mjs); keep the host's flags out.
      execArgv: [],
    });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      waiter.resolve(reply);
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`PGlite worker exited with code ${code}`));
    });
  }

  private failAll(err: Error) {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }

  private async send(message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<Reply> {
    if (this.closed) throw new Error('database is closed');
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer ?? []);
    });
    if (reply.error) {
      const { message: m, code, constraint, detail } = reply.error;
      throw new DatabaseError(m, code, constraint, detail);
    }
    return reply;
  }

  private readonly connection: SqlConnection = {
    query: async <R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
      const reply = await this.send({ op: 'query', sql, params: normaliseParams(params) });
      return { rows: (reply.rows ?? []) as R[], rowCount: reply.rowCount ?? 0 };
    },
    exec: async (sql: string) => {
      await this.send({ op: 'exec', sql });
    },
    copyIn: async (copySql: string, chunks: AsyncIterable<string> | Iterable<string>) => {
      let buffer = '';
      for await (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length >= COPY_CHUNK_CHARS) {
          await this.send({ op: 'copy', sql: copySql, data: buffer });
          buffer = '';
        }
      }
      if (buffer.length > 0) await this.send({ op: 'copy', sql: copySql, data: buffer });
    },
  };

  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => fn(this.connection));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A tar of the whole database, to start later instances from (tests, first start). */
  async dump(): Promise<Uint8Array> {
    return this.withConnection(async () => (await this.send({ op: 'dump' })).dump!);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    try {
      await this.send({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
      this.releaseLock();
    }
  }
}

// Structured clone keeps Dates and arrays; pg turns plain objects into JSON, so PGlite must get the same.
function normaliseParams(params: readonly unknown[]): unknown[] {
  return params.map((p) =>
    p !== null && typeof p === 'object' && !(p instanceof Date) && !Array.isArray(p) && !(p instanceof Uint8Array)
      ? JSON.stringify(p)
      : p,
  );
}
