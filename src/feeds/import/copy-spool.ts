// A segment of a file's validated rows as COPY text, spooled to disk while JavaScript goes on parsing: the
// database loads a file in segments of a million rows (a set-based insert costs a third less per row at that
// size than at 100,000, measured), and holding a million rows in memory would break the import's memory
// budget. The file is unlinked as soon as it is opened, so a killed process leaves nothing on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class CopySegment {
  private readonly fd: number;
  /** Where each append's text lies: read back in the same pieces, so no piece splits a line (a quoted value
   *  may hold a newline, so a newline is not always a line's end). */
  private readonly blocks: { at: number; bytes: number }[] = [];
  private written = 0;
  rows = 0;

  constructor(dir: string = os.tmpdir()) {
    const file = path.join(dir, `safetynet-copy-${process.pid}-${randomBytes(6).toString('hex')}`);
    this.fd = fs.openSync(file, 'wx+', 0o600);
    fs.unlinkSync(file);
  }

  /** Whole COPY lines. */
  append(lines: string, rows: number): void {
    const bytes = Buffer.from(lines, 'utf8');
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    this.blocks.push({ at: this.written, bytes: bytes.length });
    this.written += bytes.length;
    this.rows += rows;
  }

  /** The text again, one append at a time (PGlite sends each piece as a COPY of its own). Read like it was
   *  written, synchronously: a piece is a few megabytes from the page cache. */
  *pieces(): Generator<string> {
    for (const block of this.blocks) {
      const bytes = Buffer.allocUnsafe(block.bytes);
      let done = 0;
      while (done < block.bytes) {
        const n = fs.readSync(this.fd, bytes, done, block.bytes - done, block.at + done);
        if (n === 0) throw new Error('copy spool ended early');
        done += n;
      }
      yield bytes.toString('utf8');
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
