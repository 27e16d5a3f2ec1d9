import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../i18n';
import type { FileEntry } from '../../api/casework';
import { describeEntry, groupByDay } from './timeline';

const zh = makeI18n('zh-CN');
const en = makeI18n('en');
const entry = (e: Partial<FileEntry>): FileEntry => ({ kind: 'warning', action: 'raised', on: '2026-11-23', at: null, actor: 'system', refId: 1, detail: {}, ...e });

describe('the one-person file, entry by entry', () => {
  it('reads a warning with its level and summary, and links to it', () => {
    const t = describeEntry(entry({ refId: 7, detail: { level: 'red', summary: '近12个月自付医疗费用超过2万元', scenario: 'illness', evidenceCount: 3 } }), zh);
    expect(t.title).toBe('产生预警（红色（高））：近12个月自付医疗费用超过2万元');
    expect(t.details).toEqual(['场景：因病', '证据 3 条']);
    expect(t.link).toBe('/monitoring/warnings/7');
  });

  it('reads a visit with its disposition and amount in yuan', () => {
    const t = describeEntry(entry({
      kind: 'visit', action: 'warningVerification', refId: 4,
      detail: { purpose: 'warningVerification', disposition: { kind: 'emergencyAssistance', amountFen: 150000, reason: '透析' }, visitors: [{ name: '王强' }, { name: '李芳' }], findings: { health: '尿毒症' }, attachments: 1 },
    }), zh);
    expect(t.title).toBe('入户核实');
    expect(t.details).toEqual(['处置：急难型临时救助（先行救助） ¥1,500.00', '走访人员：王强、李芳', '健康状况：尿毒症', '附件 1 个']);
    expect(t.link).toBe('/casework/visits/4');
  });

  it('reads payment decisions and monthly approvals in both languages', () => {
    const pay = entry({ kind: 'decision', action: 'emergencyPayment', detail: { programme: 'temporaryAssistance', amountFen: 150000, payBy: '2026-11-26', reason: '房屋失火', visitId: 4 } });
    expect(describeEntry(pay, zh)).toEqual({ title: '临时救助（急难型）决定：¥1,500.00', details: ['应于 2026年11月26日 前发放', '原因：房屋失火'], link: '/casework/visits/4' });
    expect(describeEntry(pay, en).title).toBe('Emergency assistance decided: ¥1,500.00');
    const monthly = entry({ kind: 'decision', action: 'approval', detail: { programme: 'dibao', amountFenPerMonth: 93500, startMonth: '2026-12', itemId: 9, policyVersion: '2026' } });
    expect(describeEntry(monthly, zh).title).toBe('批准最低生活保障（低保）：每月 ¥935.00，自 2026-12 起');
  });

  it('reads tasks, items and referrals', () => {
    expect(describeEntry(entry({ kind: 'task', action: 'assigned', detail: { taskKind: 'warningVerification', assigneeName: '赵敏' } }), zh).title).toBe('预警核实任务分派给 赵敏');
    expect(describeEntry(entry({ kind: 'item', action: 'accept', refId: 3, detail: { itemKind: 'medicalAssistance', toStatus: 'accepted', department: 'medicalSecurity' } }), zh))
      .toEqual({ title: '医疗救助：受理', details: ['状态：已受理', '医保局'], link: '/casework/items/3' });
    expect(describeEntry(entry({ kind: 'referral', action: 'created', detail: { department: 'education', why: '孩子辍学' } }), zh).title).toBe('转介 教育局');
  });

  it('groups consecutive entries of a day, keeping their order', () => {
    const groups = groupByDay([{ on: '2026-11-23', n: 1 }, { on: '2026-11-23', n: 2 }, { on: '2026-11-20', n: 3 }]);
    expect(groups.map((g) => [g.day, g.entries.map((e) => e.n)])).toEqual([['2026-11-23', [1, 2]], ['2026-11-20', [3]]]);
  });
});
