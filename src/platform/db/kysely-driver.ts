// Kysely on top of our ConnectionPool, so that typed queries run unchanged on PostgreSQL and PGlite.
import {
  CompiledQuery, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type QueryResult,
} from 'kysely';
import type { ConnectionPool, SqlConnection } from './connection';

class KyselyConnection implements DatabaseConnection {
  constructor(readonly sql: SqlConnection, readonly release: () => void) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.sql.query<R>(compiled.sql, compiled.parameters);
    const kind = compiled.query.kind;
    const writes = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || kind === 'MergeQueryNode';
    return { rows: result.rows, numAffectedRows: writes ? BigInt(result.rowCount) : undefined };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used: page with keyset queries instead');
  }
}

/** Each acquire takes a session from the pool until Kysely releases it. */
class PoolDriver implements Driver {
  constructor(private readonly pool: ConnectionPool) {}
  async init() {}
  acquireConnection(): Promise<DatabaseConnection> {
    return new Promise((resolve, reject) => {
      this.pool
        .withConnection((connection) => new Promise<void>((release) => resolve(new KyselyConnection(connection, release))))
        .catch(reject);
    });
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection) {
    (c as KyselyConnection).release();
  }
  async destroy() {}
}

/** Bound to one session that is already inside our own transaction. */
class SessionDriver implements Driver {
  private readonly connection: KyselyConnection;
  constructor(sqlConnection: SqlConnection) {
    this.connection = new KyselyConnection(sqlConnection, () => {});
  }
  async init() {}
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('already inside a transaction');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

function dialect(driver: Driver): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

export function kyselyForPool<DB>(pool: ConnectionPool): Kysely<DB> {
  return new Kysely<DB>({ dialect: dialect(new PoolDriver(pool)) });
}

export function kyselyForSession<DB>(connection: SqlConnection): Kysely<DB> {
  return new Kysely<DB>({ dialect: dialect(new SessionDriver(connection)) });
}
