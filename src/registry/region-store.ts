// Loads the shipped region tree into the regions table, idempotently: new codes are added and names
// updated; codes that left the file are kept, because households and old records still point to them.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../platform/db';

export const JIANGXI_REGIONS_FILE = fileURLToPath(new URL('../../assets/regions/jiangxi-36.tsv', import.meta.url));

interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  area: string | null;
}

export function readRegionRows(file = JIANGXI_REGIONS_FILE): RegionRow[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0].split('\t');
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [code, name, level, parent, area] = ['code', 'name', 'level', 'parent', 'area'].map(at);
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    return { code: f[code], name: f[name], level: Number(f[level]), parent: f[parent] || null, area: f[area] || null };
  });
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function loadRegions(db: Database, rows = readRegionRows()): Promise<number> {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ancestorAt = (r: RegionRow, level: number): string | null => {
    let cur: RegionRow | undefined = r;
    while (cur && cur.level > level) cur = cur.parent ? byCode.get(cur.parent) : undefined;
    return cur && cur.level === level ? cur.code : null;
  };
  // Parents before children, so the foreign key holds row by row.
  const ordered = [...rows].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  const lines = ordered.map(
    (r) =>
      [r.code, r.name, r.level, r.parent, r.area, ancestorAt(r, 2), ancestorAt(r, 3), ancestorAt(r, 4)].map(csvField).join(',') + '\n',
  );
  return db.transaction(async (tx) => {
    await tx.query(`create temporary table regions_incoming (like regions) on commit drop`);
    await tx.copyIn(
      'COPY regions_incoming (code, name, level, parent_code, area_type, city_code, county_code, township_code) FROM STDIN WITH (FORMAT csv)',
      lines,
    );
    const result = await tx.query(
      `insert into regions select * from regions_incoming order by level, code
       on conflict (code) do update set name = excluded.name, area_type = excluded.area_type
       where regions.name is distinct from excluded.name or regions.area_type is distinct from excluded.area_type`,
    );
    return result.rowCount;
  });
}
