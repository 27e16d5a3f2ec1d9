// Test helper: scratch files for reader tests, removed after the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export function scratchDir(prefix: string): (name: string, content: Buffer | string) => string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `safetynet-${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
}

export async function collect(rows: AsyncIterable<{ rowNumber: number; cells: readonly unknown[] }>) {
  const out: { rowNumber: number; cells: unknown[] }[] = [];
  for await (const row of rows) out.push({ rowNumber: row.rowNumber, cells: [...row.cells] });
  return out;
}
