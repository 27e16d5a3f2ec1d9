import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CopySegment } from './copy-spool';

describe('CopySegment', () => {
  it('gives back what was appended, piece by piece, and leaves no file behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-spool-'));
    const segment = new CopySegment(dir);
    expect(fs.readdirSync(dir)).toEqual([]); // unlinked at once: a killed process leaves nothing
    segment.append('1,"肺炎\n复查",2\n', 1);
    segment.append('3,白内障,4\n5,骨折,6\n', 2);
    expect(segment.rows).toBe(3);
    const pieces: string[] = [];
    for (const piece of segment.pieces()) pieces.push(piece);
    expect(pieces).toEqual(['1,"肺炎\n复查",2\n', '3,白内障,4\n5,骨折,6\n']);
    segment.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('reads a segment larger than one read', async () => {
    const segment = new CopySegment();
    const line = `${'甲'.repeat(100)}\n`;
    segment.append(line.repeat(20_000), 20_000);
    let text = '';
    for (const piece of segment.pieces()) text += piece;
    expect(text.length).toBe(line.length * 20_000);
    segment.close();
  });
});
