import { describe, expect, it } from 'vitest';
import { assessmentHousehold } from './household';
import type { Member } from './types';
import { household, member } from '../test-fixtures';

const DATE = '2024-06-15';

function verdict(m: Partial<Member> & Pick<Member, 'relation'>) {
  const head = member({ id: 'head', relation: 'head' });
  const x = member({ id: 'x', ...m });
  const r = assessmentHousehold(household({ members: [head, x] }), DATE);
  const c = r.counted.find((e) => e.member.id === 'x');
  const e = r.excluded.find((e) => e.member.id === 'x');
  return { counted: !!c, text: c?.basis ?? e?.reason ?? '', flags: r.flags };
}

describe('assessmentHousehold: who counts (民发〔2021〕57号第七条)', () => {
  it.each<[string, Partial<Member> & Pick<Member, 'relation'>, boolean, string]>([
    ['spouse living elsewhere still counts', { relation: 'spouse', livesTogether: false }, true, '配偶'],
    ['minor child, 17', { relation: 'child', birthDate: '2006-06-16', livesTogether: false }, true, '未成年子女（17周岁'],
    ['child turning 18 today, living apart, working', { relation: 'child', birthDate: '2006-06-15', livesTogether: false }, false, '能独立生活'],
    ['adult child at university (bachelor) away from home', { relation: 'child', birthDate: '2004-01-01', livesTogether: false, fullTimeStudent: true, schoolStage: 'bachelor' }, true, '本科'],
    ['adult child at higher vocational college', { relation: 'child', birthDate: '2004-01-01', livesTogether: false, fullTimeStudent: true, schoolStage: 'higher_vocational' }, true, '高职'],
    ['postgraduate away from home', { relation: 'child', birthDate: '2000-01-01', livesTogether: false, fullTimeStudent: true, schoolStage: 'postgraduate' }, false, '研究生'],
    ['postgraduate living at home (support duty to parents)', { relation: 'child', birthDate: '2000-01-01', livesTogether: true, fullTimeStudent: true, schoolStage: 'postgraduate' }, true, '赡养义务'],
    ['adult child unable to live independently, apart', { relation: 'child', birthDate: '1995-01-01', livesTogether: false, unableToLiveIndependently: true }, true, '不能独立生活'],
    ['adult working child living together', { relation: 'child', birthDate: '1995-01-01', livesTogether: true }, true, '第七条第四项'],
    ['parent living together', { relation: 'parent', birthDate: '1950-01-01', livesTogether: true }, true, '赡养'],
    ['parent living apart', { relation: 'parent', birthDate: '1950-01-01', livesTogether: false }, false, '未长期共同居住'],
    ['grandchild with established duty', { relation: 'grandchild', birthDate: '2015-01-01', supportDuty: true }, true, '法定'],
    ['sibling without duty', { relation: 'sibling', supportDuty: false }, false, '不具有法定'],
    ['grandparent apart', { relation: 'grandparent', birthDate: '1940-01-01', livesTogether: false, supportDuty: true }, false, '未长期共同居住'],
  ])('%s', (_, m, counted, text) => {
    const v = verdict(m);
    expect(v.counted).toBe(counted);
    expect(v.text).toContain(text);
  });

  it('a co-resident relative whose duty is unknown is not counted and is flagged', () => {
    const v = verdict({ relation: 'grandchild', birthDate: '2015-01-01' });
    expect(v.counted).toBe(false);
    expect(v.flags.join()).toContain('请核实');
  });

  it.each([
    ['imprisoned', '在监狱内服刑'],
    ['compulsoryDetox', '强制隔离戒毒'],
    ['declaredMissing', '宣告失踪'],
    ['clergyAway3Years', '宗教教职人员'],
  ] as const)('%s is excluded whatever the relation', (exclusion, text) => {
    for (const relation of ['spouse', 'child', 'head'] as const) {
      const v = verdict({ relation, exclusion, birthDate: '2010-01-01' });
      expect(v.counted).toBe(false);
      expect(v.text).toContain(text);
    }
  });

  it('explains every member and the count; refuses duplicate ids and future births', () => {
    const r = assessmentHousehold(household({ members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', relation: 'spouse' })] }), DATE);
    expect(r.steps).toHaveLength(3);
    expect(r.steps[2].detail).toContain('计入2人');
    expect(r.policyVersion).toBeNull();
    expect(() => assessmentHousehold(household({ members: [member({ id: 'a', relation: 'head' }), member({ id: 'a', relation: 'spouse' })] }), DATE)).toThrow(RangeError);
    expect(() => assessmentHousehold(household({ members: [member({ relation: 'child', birthDate: '2025-01-01' })] }), DATE)).toThrow(RangeError);
  });

  it('flags a student without a school stage', () => {
    const v = verdict({ relation: 'child', birthDate: '2004-01-01', livesTogether: false, fullTimeStudent: true });
    expect(v.counted).toBe(false);
    expect(v.flags.join()).toContain('学历层次');
  });
});
