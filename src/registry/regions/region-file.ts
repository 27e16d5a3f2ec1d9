// The region data file (assets/regions/*.tsv): one row per region, written by scripts/extract-regions.ts
// and read by RegionTree. Tab-separated because names never contain tabs and it diffs well in git.

import type { AreaType } from '../vocabulary';
import { REGION_LEVELS, type RegionLevel } from './region-code';

export interface RegionRow {
  /** 12-digit statistical code. */
  code: string;
  name: string;
  level: RegionLevel;
  /** 12-digit code of the parent; null for the root (province). */
  parent: string | null;
  /** Only for villages (level 5): derived urban/rural, see village-area.ts. */
  area: AreaType | null;
}

export const REGION_TSV_HEADER = ['code', 'name', 'level', 'parent', 'area'] as const;

export function formatRegionTsv(rows: Iterable<RegionRow>): string {
  const lines = [REGION_TSV_HEADER.join('\t')];
  for (const r of rows) lines.push([r.code, r.name, r.level, r.parent ?? '', r.area ?? ''].join('\t'));
  return lines.join('\n') + '\n';
}

export function parseRegionTsv(text: string): RegionRow[] {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== REGION_TSV_HEADER.join('\t')) {
    throw new Error(`region file: unexpected header ${JSON.stringify(lines[0])}`);
  }
  const rows: RegionRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const [code, name, levelText, parent, area] = line.split('\t');
    const level = Number(levelText) as RegionLevel;
    if (!/^\d{12}$/.test(code) || !name || !REGION_LEVELS.includes(level)) {
      throw new Error(`region file: bad row at line ${i + 1}: ${JSON.stringify(line)}`);
    }
    if (area !== '' && area !== 'urban' && area !== 'rural') {
      throw new Error(`region file: bad area at line ${i + 1}: ${JSON.stringify(area)}`);
    }
    rows.push({ code, name, level, parent: parent || null, area: area === '' ? null : area });
  }
  return rows;
}
