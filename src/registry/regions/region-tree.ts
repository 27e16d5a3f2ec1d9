// The region hierarchy (province ⊃ city ⊃ county ⊃ township ⊃ village) held in memory: lookups, walks up
// and down, and containment for scope checks. Parent links from the data file are the truth; code prefixes
// are not used to decide containment.

import { readFileSync } from 'node:fs';
import type { AreaType } from '../vocabulary';
import { normaliseRegionCode, type RegionLevel } from './region-code';
import { parseRegionTsv, type RegionRow } from './region-file';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
  /** Villages only: derived urban/rural (docs/regions.md). */
  readonly area: AreaType | null;
}

export interface RegionSearchOptions {
  /** Only regions of this level. */
  level?: RegionLevel;
  /** Only regions inside this one (inclusive). */
  within?: string;
  /** At most this many results; default 20. */
  limit?: number;
}

const NONE: readonly Region[] = Object.freeze([]);
let jiangxi: RegionTree | undefined;

export class RegionTree {
  private readonly byCode = new Map<string, Region>();
  private readonly childrenByCode = new Map<string, Region[]>();
  private readonly byLevel = new Map<RegionLevel, Region[]>();

  /** Rows in any order; every parent must itself be a row. Children and level lists are kept in code order. */
  constructor(rows: Iterable<RegionRow>) {
    for (const row of rows) {
      if (this.byCode.has(row.code)) throw new Error(`region ${row.code} appears twice`);
      const region: Region = Object.freeze({
        code: row.code,
        name: row.name,
        level: row.level,
        parentCode: row.parent,
        area: row.area,
      });
      this.byCode.set(region.code, region);
      let list = this.byLevel.get(region.level);
      if (!list) this.byLevel.set(region.level, (list = []));
      list.push(region);
    }
    for (const region of this.byCode.values()) {
      if (region.parentCode === null) continue;
      const parent = this.byCode.get(region.parentCode);
      if (!parent) throw new Error(`region ${region.code} has unknown parent ${region.parentCode}`);
      if (parent.level >= region.level) throw new Error(`region ${region.code} is not below its parent`);
      let list = this.childrenByCode.get(parent.code);
      if (!list) this.childrenByCode.set(parent.code, (list = []));
      list.push(region);
    }
    const byCodeOrder = (a: Region, b: Region) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    for (const list of this.childrenByCode.values()) list.sort(byCodeOrder);
    for (const list of this.byLevel.values()) list.sort(byCodeOrder);
  }

  /** Jiangxi from assets/regions/jiangxi-36.tsv, read once per process (the tree is immutable). */
  static loadJiangxi(): RegionTree {
    if (!jiangxi) {
      const text = readFileSync(new URL('../../../assets/regions/jiangxi-36.tsv', import.meta.url), 'utf8');
      jiangxi = new RegionTree(parseRegionTsv(text));
    }
    return jiangxi;
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Accepts 2/4/6/9/12-digit codes. */
  get(code: string): Region | undefined {
    const code12 = normaliseRegionCode(code);
    return code12 === null ? undefined : this.byCode.get(code12);
  }

  has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  /** Direct children in code order; empty for villages and unknown codes. */
  children(code: string): readonly Region[] {
    const region = this.get(code);
    return (region && this.childrenByCode.get(region.code)) ?? NONE;
  }

  parent(code: string): Region | undefined {
    const region = this.get(code);
    return region?.parentCode ? this.byCode.get(region.parentCode) : undefined;
  }

  /** The chain above a region, root first, without the region itself; empty for the root or unknown codes. */
  ancestors(code: string): Region[] {
    const chain: Region[] = [];
    let current = this.parent(code);
    while (current) {
      chain.push(current);
      current = current.parentCode ? this.byCode.get(current.parentCode) : undefined;
    }
    return chain.reverse();
  }

  /**
   * Whether `codeInside` lies in `ancestorCode`, walking parent links (at most the depth of the tree).
   * Inclusive: a region contains itself, so a county-scoped account sees county-level records too.
   */
  contains(ancestorCode: string, codeInside: string): boolean {
    const ancestor = this.get(ancestorCode);
    let current = this.get(codeInside);
    if (!ancestor) return false;
    while (current) {
      if (current === ancestor) return true;
      if (current.level <= ancestor.level) return false;
      current = current.parentCode ? this.byCode.get(current.parentCode) : undefined;
    }
    return false;
  }

  /** The region at `level` on the chain of `code` (itself when it is at that level), e.g. the county of a village. */
  ancestorAt(code: string, level: RegionLevel): Region | undefined {
    let current = this.get(code);
    while (current && current.level > level) {
      current = current.parentCode ? this.byCode.get(current.parentCode) : undefined;
    }
    return current?.level === level ? current : undefined;
  }

  /** All regions of a level in code order. */
  atLevel(level: RegionLevel): readonly Region[] {
    return this.byLevel.get(level) ?? NONE;
  }

  /** Villages and communities inside a region (a township's own, or all of a county's…), in code order. */
  villagesOf(code: string): Region[] {
    const region = this.get(code);
    if (!region) return [];
    if (region.level === 5) return [region];
    const found: Region[] = [];
    const visit = (r: Region) => {
      for (const child of this.childrenByCode.get(r.code) ?? NONE) {
        if (child.level === 5) found.push(child);
        else visit(child);
      }
    };
    visit(region);
    return found;
  }

  /**
   * Regions whose name contains `query` (trimmed): exact names first, then names starting with it, then the
   * rest; higher levels before lower, then code order.
   */
  search(query: string, options: RegionSearchOptions = {}): Region[] {
    const needle = query.trim();
    const limit = options.limit ?? 20;
    if (needle === '' || limit <= 0) return [];
    const pool = options.level ? this.atLevel(options.level) : this.byCode.values();
    const hits: { region: Region; rank: number }[] = [];
    for (const region of pool) {
      const at = region.name.indexOf(needle);
      if (at < 0) continue;
      if (options.within !== undefined && !this.contains(options.within, region.code)) continue;
      hits.push({ region, rank: region.name === needle ? 0 : at === 0 ? 1 : 2 });
    }
    hits.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.region.level - b.region.level ||
        (a.region.code < b.region.code ? -1 : a.region.code > b.region.code ? 1 : 0),
    );
    return hits.slice(0, limit).map((h) => h.region);
  }

  /** Names from the province down to the region itself, e.g. for addresses. */
  pathNames(code: string): string[] {
    const region = this.get(code);
    if (!region) return [];
    return [...this.ancestors(region.code), region].map((r) => r.name);
  }
}
