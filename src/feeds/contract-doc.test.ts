import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAME, idNumber } from './catalogue';
import { DOC_PATH, renderFeed, withCatalogue } from './contract-doc';
import type { FeedDef } from './feed-types';
import { feedTableDdl } from './table-ddl';

const DOC = fs.readFileSync(DOC_PATH, 'utf8');

describe('docs/feeds.md', () => {
  it('publishes the catalogue as it is (run `npx tsx src/feeds/contract-doc.ts --write` after changing it)', () => {
    expect(withCatalogue(DOC)).toBe(DOC);
  });

  it('shows in "Adding a 14th feed" the SQL the generator really gives for the example', () => {
    const example: FeedDef = {
      code: 'public_housing_allocation',
      department: '住建局',
      name: '公租房配租',
      nameEn: 'Public rental housing allocations',
      columns: [
        idNumber('承租人身份证号'),
        NAME,
        { key: 'project', header: '项目名称', aliases: ['小区名称'], type: 'text', required: true },
        { key: 'allocated_on', header: '配租日期', type: 'date', required: true },
        { key: 'ended_on', header: '退租日期', type: 'date', required: false },
        { key: 'rent', header: '月租金', type: 'money', required: false, note: '元/月' },
        { key: 'area_m2', header: '建筑面积', type: 'area', required: false, note: '平方米' },
        { key: 'kind', header: '保障方式', type: 'enum', required: true, values: { 实物配租: 'in_kind', 租赁补贴: 'rent_subsidy' } },
      ],
      naturalKey: ['id_number', 'allocated_on'],
      timeColumn: 'allocated_on',
      checks: [{ kind: 'dateOrder', earlier: 'allocated_on', later: 'ended_on' }],
    };
    expect(DOC).toContain(feedTableDdl(example));
    expect(renderFeed(example)).toContain('退租日期 may not be before 配租日期');
  });
});
