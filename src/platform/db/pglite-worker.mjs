// Worker thread that owns the embedded PGlite database. PGlite runs queries synchronously inside
// WebAssembly and would stall the HTTP server's event loop, so it lives here and answers messages.
// Plain JavaScript so that it starts without a TypeScript loader in any host (tsx, vitest, node).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, snapshotPath } = workerData;

// Same values as the PostgreSQL adapter: dates stay 'YYYY-MM-DD' strings, int8 arrays numbers.
const parsers = { 1082: (v) => v, 1016: (v) => (v === '{}' ? [] : v.slice(1, -1).split(',').map(Number)) };

async function open() {
  const options = { parsers, relaxedDurability: false };
  if (snapshotPath) {
    const { readFile } = await import('node:fs/promises');
    options.loadDataDir = new Blob([await readFile(snapshotPath)]);
  }
  const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await db.waitReady;
  return db;
}

const ready = open();

function serialiseError(e) {
  return {
    message: e?.message ?? String(e),
    code: e?.code,
    constraint: e?.constraint,
    detail: e?.detail,
  };
}

parentPort.on('message', async (msg) => {
  let db;
  try {
    db = await ready;
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: serialiseError(e) });
    return;
  }
  try {
    switch (msg.op) {
      case 'query': {
        const r = await db.query(msg.sql, msg.params ?? []);
        parentPort.postMessage({ id: msg.id, rows: r.rows, rowCount: r.affectedRows ?? r.rows.length });
        break;
      }
      case 'exec': {
        await db.exec(msg.sql);
        parentPort.postMessage({ id: msg.id, rows: [], rowCount: 0 });
        break;
      }
      case 'copy': {
        // COPY … FROM STDIN becomes PGlite's virtual device fed with this chunk.
        const sql = msg.sql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
        await db.query(sql, [], { blob: new Blob([msg.data]) });
        parentPort.postMessage({ id: msg.id, rows: [], rowCount: 0 });
        break;
      }
      case 'dump': {
        const blob = await db.dumpDataDir('none');
        const buf = new Uint8Array(await blob.arrayBuffer());
        parentPort.postMessage({ id: msg.id, rows: [], rowCount: 0, dump: buf }, [buf.buffer]);
        break;
      }
      case 'close': {
        await db.close();
        parentPort.postMessage({ id: msg.id, rows: [], rowCount: 0 });
        break;
      }
      default:
        parentPort.postMessage({ id: msg.id, error: { message: `unknown op ${msg.op}` } });
    }
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: serialiseError(e) });
  }
});
