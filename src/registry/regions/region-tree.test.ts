import { describe, expect, it } from 'vitest';
import { formatRegionTsv, parseRegionTsv, type RegionRow } from './region-file';
import { RegionTree } from './region-tree';

const tree = RegionTree.loadJiangxi();

describe('RegionTree.loadJiangxi', () => {
  it('has the NBS 2023 counts per level', () => {
    expect([1, 2, 3, 4, 5].map((l) => tree.atLevel(l as 1).length)).toEqual([1, 11, 100, 1767, 22080]);
    expect(tree.size).toBe(1 + 11 + 100 + 1767 + 22080);
  });

  it('marks every village urban or rural and nothing else', () => {
    const villages = tree.atLevel(5);
    const urban = villages.filter((v) => v.area === 'urban').length;
    const rural = villages.filter((v) => v.area === 'rural').length;
    expect(urban + rural).toBe(villages.length);
    expect(rural).toBeGreaterThan(urban); // Jiangxi is mostly villages
    expect(tree.atLevel(4).every((t) => t.area === null)).toBe(true);
  });

  it('gives a real village its chain, root first', () => {
    expect(tree.get('360731101205')?.name).toBe('大庄村委会');
    expect(tree.ancestors('360731101205').map((r) => r.name)).toEqual(['江西省', '赣州市', '于都县', '铁山垅镇']);
    expect(tree.pathNames('360731101205')).toEqual(['江西省', '赣州市', '于都县', '铁山垅镇', '大庄村委会']);
    expect(tree.parent('360731101205')?.code).toBe('360731101000');
    expect(tree.ancestors('36')).toEqual([]);
  });

  it('finds a region by any short form', () => {
    expect(tree.get('3607')?.name).toBe('赣州市');
    expect(tree.get('360731')?.name).toBe('于都县');
    expect(tree.get('360731101')?.name).toBe('铁山垅镇');
    expect(tree.get('360799')).toBeUndefined();
    expect(tree.get('nonsense')).toBeUndefined();
  });

  it('answers containment from parent links, across counties', () => {
    expect(tree.contains('360731', '360731101205')).toBe(true); // 于都县 ⊃ its village
    expect(tree.contains('3607', '360731101205')).toBe(true);
    expect(tree.contains('36', '360731101205')).toBe(true);
    expect(tree.contains('360731101205', '360731101205')).toBe(true); // inclusive
    expect(tree.contains('360732', '360731101205')).toBe(false); // 兴国县, the next county
    expect(tree.contains('3601', '360731101205')).toBe(false); // 南昌市
    expect(tree.contains('360731101205', '360731')).toBe(false); // upwards is not inside
    expect(tree.contains('360731', '360799000000')).toBe(false); // unknown
  });

  it('does not trust code prefixes when parent links say otherwise', () => {
    const rows: RegionRow[] = [
      { code: '360000000000', name: '省', level: 1, parent: null, area: null },
      { code: '360100000000', name: '甲市', level: 2, parent: '360000000000', area: null },
      { code: '360200000000', name: '乙市', level: 2, parent: '360000000000', area: null },
      // a county moved to another city keeps its old code
      { code: '360121000000', name: '划转县', level: 3, parent: '360200000000', area: null },
    ];
    const moved = new RegionTree(rows);
    expect(moved.contains('3601', '360121')).toBe(false);
    expect(moved.contains('3602', '360121')).toBe(true);
    expect(moved.ancestorAt('360121', 2)?.name).toBe('乙市');
  });

  it('finds the ancestor at a level', () => {
    expect(tree.ancestorAt('360731101205', 3)?.name).toBe('于都县');
    expect(tree.ancestorAt('360731101205', 2)?.name).toBe('赣州市');
    expect(tree.ancestorAt('360731101205', 5)?.code).toBe('360731101205');
    expect(tree.ancestorAt('360731', 4)).toBeUndefined();
  });

  it('lists children and villages', () => {
    expect(tree.children('36').map((c) => c.name)).toContain('赣州市');
    expect(tree.children('3607').length).toBe(18);
    expect(tree.children('360731101205')).toEqual([]);
    const villages = tree.villagesOf('360731101');
    expect(villages.map((v) => v.code)).toContain('360731101205');
    expect(villages.every((v) => v.level === 5 && v.parentCode === '360731101000')).toBe(true);
    expect(tree.villagesOf('360731').length).toBeGreaterThan(villages.length);
    expect(tree.villagesOf('36').length).toBe(22080);
  });

  it('searches by name, exact first, within a region', () => {
    expect(tree.search('于都')[0].name).toBe('于都县');
    expect(tree.search('于都县')[0].code).toBe('360731000000');
    const inYudu = tree.search('村委会', { within: '360731', limit: 5000 });
    expect(inYudu.length).toBeGreaterThan(100);
    expect(inYudu.every((r) => tree.contains('360731', r.code))).toBe(true);
    expect(tree.search('街道', { level: 4, limit: 3 }).every((r) => r.level === 4)).toBe(true);
    expect(tree.search('  ')).toEqual([]);
  });

  it('round-trips its file format', () => {
    const rows = parseRegionTsv(formatRegionTsv(tree.atLevel(2).map((r) => ({ ...r, parent: r.parentCode }))));
    expect(rows[0]).toEqual({ code: '360100000000', name: '南昌市', level: 2, parent: '360000000000', area: null });
  });

  it('rejects rows whose parent is missing', () => {
    expect(() => new RegionTree([{ code: '360731000000', name: 'x', level: 3, parent: '360700000000', area: null }])).toThrow(
      /unknown parent/,
    );
  });
});
