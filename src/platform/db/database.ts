// The database as the rest of the house sees it: typed queries (Kysely), raw SQL for set-based work,
// transactions that either commit whole or leave nothing, and COPY for bulk loads.
import type { Kysely } from 'kysely';
import type { ConnectionPool, Engine, QueryResult, SqlConnection } from './connection';
import { kyselyForPool, kyselyForSession } from './kysely-driver';
import type { Schema } from './schema';

export interface Tx {
  readonly engine: Engine;
  readonly kysely: Kysely<Schema>;
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  copyIn(copySql: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

export class Database {
  readonly engine: Engine;
  readonly kysely: Kysely<Schema>;

  constructor(readonly pool: ConnectionPool) {
    this.engine = pool.engine;
    this.kysely = kyselyForPool<Schema>(pool);
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return this.pool.withConnection((c) => c.query<R>(sql, params));
  }

  /** Runs fn in one transaction on one session: all of it commits, or none of it does. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.pool.withConnection(async (connection) => {
      await connection.query('begin');
      try {
        const result = await fn(txOn(connection, this.engine));
        await connection.query('commit');
        return result;
      } catch (e) {
        await connection.query('rollback').catch(() => undefined);
        throw e;
      }
    });
  }

  /** A session outside any transaction (for work that manages its own, like migrations). */
  withSession<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    return this.pool.withConnection(fn);
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
    await this.pool.close();
  }
}

export function txOn(connection: SqlConnection, engine: Engine): Tx {
  return {
    engine,
    kysely: kyselyForSession<Schema>(connection),
    query: (sql, params) => connection.query(sql, params),
    copyIn: (copySql, chunks) => connection.copyIn(copySql, chunks),
  };
}

/**
 * Runs fn on a savepoint of tx: if it throws, what it did is undone and the transaction goes on (the error
 * is rethrown to the caller). `name` must be a plain identifier, unique among the savepoints open at once.
 */
export async function inSavepoint<T>(tx: Tx, name: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await tx.query(`savepoint ${name}`);
  try {
    const result = await fn(tx);
    await tx.query(`release savepoint ${name}`);
    return result;
  } catch (e) {
    // Back to where it started, and the savepoint let go (rolling back to it keeps it otherwise).
    await tx.query(`rollback to savepoint ${name}`);
    await tx.query(`release savepoint ${name}`);
    throw e;
  }
}
