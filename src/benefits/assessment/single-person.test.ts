import { describe, expect, it } from 'vitest';
import { assessSinglePersonDibao } from './single-person';
import type { Disability, Household } from './types';
import { household, member, policy } from '../test-fixtures';

const DATE = '2022-06-01';

/** A rural couple with 1,500 yuan a month (per capita 750: above 600, below 900 → 边缘). */
function couple(disabilities: Disability[] = [], illnesses: string[] = [], wages = 150_000, extra: Partial<Household> = {}): Household {
  return household({
    members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', name: '刘某', relation: 'spouse', disabilities, illnesses })],
    incomes: [{ memberId: 'a', kind: 'wages', monthlyFen: wages }],
    ...extra,
  });
}

describe('assessSinglePersonDibao (单人保)', () => {
  it.each<[string, Disability[], string[], boolean]>([
    ['physical grade 1', [{ kind: 'physical', grade: 1 }], [], true],
    ['hearing grade 2', [{ kind: 'hearing', grade: 2 }], [], true],
    ['physical grade 3', [{ kind: 'physical', grade: 3 }], [], false],
    ['intellectual grade 3', [{ kind: 'intellectual', grade: 3 }], [], true],
    ['mental grade 3', [{ kind: 'mental', grade: 3 }], [], true],
    ['mental grade 4', [{ kind: 'mental', grade: 4 }], [], false],
    ['visual grade 3', [{ kind: 'visual', grade: 3 }], [], false],
    ['listed catastrophic illness', [], ['endStageRenal'], true],
    ['unlisted illness', [], ['hypertension'], false],
  ])('%s → eligible %s', (_, d, ill, eligible) => {
    const r = assessSinglePersonDibao('b', couple(d, ill), policy(), DATE);
    expect(r.eligible).toBe(eligible);
    expect(r.amountFen).toBe(eligible ? 60_000 : 0); // no own income: the full rural standard
  });

  it('pays the gap of the person\'s own counted income, exempt kinds left out', () => {
    const h = couple([{ kind: 'physical', grade: 1 }], [], 150_000, {
      incomes: [
        { memberId: 'a', kind: 'wages', monthlyFen: 150_000 },
        { memberId: 'b', kind: 'pension', monthlyFen: 20_000 },
        { memberId: 'b', kind: 'socialAssistance', monthlyFen: 9_000 },
      ],
    });
    // household 1,700 / 2 = 850 < 900 still near-poor; own counted income 200 → 600 − 200 = 400
    const r = assessSinglePersonDibao('b', h, policy(), DATE);
    expect(r.eligible).toBe(true);
    expect(r.amountFen).toBe(40_000);
    expect(r.paymentFromMonth).toBe('2022-07');
  });

  it('a share of the standard where local policy says so (e.g. 60%)', () => {
    const share = policy({ params: { singlePersonDibao: { ...policy().params.singlePersonDibao, amount: { mode: 'shareOfStandard', permille: 600 } } } });
    expect(assessSinglePersonDibao('b', couple([{ kind: 'physical', grade: 1 }]), share, DATE).amountFen).toBe(36_000);
  });

  it('does not apply when the whole household qualifies for 低保, or is above the near-poor line', () => {
    const poor = assessSinglePersonDibao('b', couple([{ kind: 'physical', grade: 1 }], [], 100_000), policy(), DATE);
    expect(poor.eligible).toBe(false);
    expect(poor.reasons[0]).toContain('整户符合低保条件');
    const richer = assessSinglePersonDibao('b', couple([{ kind: 'physical', grade: 1 }], [], 180_000), policy(), DATE);
    expect(richer.eligible).toBe(false);
    expect(richer.reasons).toContain('家庭不属于低保边缘家庭');
  });

  it('the person must be a counted member', () => {
    const h = couple();
    h.members.push(member({ id: 'c', relation: 'parent', livesTogether: false, disabilities: [{ kind: 'physical', grade: 1 }] }));
    expect(assessSinglePersonDibao('c', h, policy(), DATE).reasons.join()).toContain('不属于共同生活的家庭成员');
    expect(() => assessSinglePersonDibao('zz', h, policy(), DATE)).toThrow(RangeError);
  });
});
