// Keeps every imported file as it arrived, named by its sha256 (content-addressed), so that a warning can
// point back to the exact file and row it came from, and the same file is stored once however often sent.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
  storedPath: string;
}

export function storedPathFor(storeDir: string, sha256: string): string {
  return path.join(storeDir, 'feeds', sha256.slice(0, 2), sha256);
}

/** Streams a file or an upload into the store; memory stays flat whatever the size. */
export async function storeFile(storeDir: string, source: string | Readable): Promise<StoredFile> {
  const tmpDir = path.join(storeDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  try {
    await pipeline(
      input,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(tmp),
    );
    const sha256 = hash.digest('hex');
    const storedPath = storedPathFor(storeDir, sha256);
    fs.mkdirSync(path.dirname(storedPath), { recursive: true });
    if (fs.existsSync(storedPath)) fs.rmSync(tmp);
    else fs.renameSync(tmp, storedPath);
    return { sha256, size, storedPath };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
