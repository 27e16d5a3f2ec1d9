// PostgreSQL through node-postgres: a pool of connections, COPY through pg-copy-streams.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ConnectionPool, QueryResult, SqlConnection } from './connection';
import { preparedName } from './prepared';

// Both engines must hand the same JS values to the house: int8 as number (our ids and fen amounts stay
// far below 2^53), plain dates as 'YYYY-MM-DD' strings (time zones must never shift a birth date).
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1082) return (v: string) => v;
    if (oid === 1016) return (v: string) => (pg.types.getTypeParser(1016 as never) as (s: string) => string[])(v).map(Number);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

class PostgresConnection implements SqlConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient) {}

  /**
   * One statement at a time on this session, in the order asked. Callers may overlap (Promise.all over a
   * transaction's reads); node-postgres queues such calls itself, but deprecates it (pg 9 refuses them).
   */
  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const run = this.tail.then(statement);
    this.tail = run.catch(() => undefined);
    return run;
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return this.inTurn(async () => {
      const result = await this.client.query({ text: sql, values: params as unknown[], types, name: preparedName(sql) });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    });
  }

  exec(sql: string): Promise<void> {
    return this.inTurn(async () => void (await this.client.query(sql)));
  }

  copyIn(copySql: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
    return this.inTurn(async () => {
      const target = this.client.query(copyFrom(copySql));
      await pipeline(Readable.from(chunks, { objectMode: false }), target);
    });
  }
}

export class PostgresPool implements ConnectionPool {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(url: string, options: { max?: number; searchPath?: string } = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      // No JIT: it compiles a statement whose estimated cost passes jit_above_cost, and ours are either short
      // (a push's rules over a few dozen people: 30–60 ms of compiling for 2 ms of work, measured) or long
      // set-based work, which already turned it off for itself (tuneTransaction).
      options: ['-c jit=off', options.searchPath ? `-c search_path=${options.searchPath}` : ''].join(' ').trim(),
    });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
  }

  async withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await fn(new PostgresConnection(client));
    } catch (e) {
      broken = !(e instanceof Error && 'code' in e);
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
