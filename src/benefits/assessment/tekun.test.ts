import { describe, expect, it } from 'vitest';
import { assessTekun, selfCareLevel, supporterUnable } from './tekun';
import type { Household, Member, Supporter } from './types';
import type { SelfCareActivity } from '../kinds';
import { household, member, policy } from '../test-fixtures';
import { policyInForce } from '../policy/in-force';
import { SEED_POLICY_VERSIONS, SHANGYOU_COUNTY } from '../policy/seed';
import type { PolicyParameters } from '../policy/types';

const DATE = '2022-06-15';

/** An old person living alone with no income and no supporters: every condition met unless overridden. */
function alone(over: Partial<Member> = {}, area: 'urban' | 'rural' = 'rural', extra: Partial<Household> = {}): Household {
  return household({
    areaType: area,
    members: [member({ id: 'p', name: '张某', relation: 'head', birthDate: '1950-01-01', supporters: [], unmetSelfCareActivities: [], ...over })],
    ...extra,
  });
}

describe('assessTekun: no labour capacity', () => {
  it.each([
    ['1962-06-15', true], // 60 on the decision day
    ['1962-06-16', false], // 59
    ['2006-06-16', true], // 15
    ['2006-06-15', false], // 16 on the decision day
  ])('born %s → no labour capacity %s', (birthDate, met) => {
    expect(assessTekun('p', alone({ birthDate }), policy(), DATE).conditions.noLabourCapacity).toBe(met);
  });

  it.each([
    ['intellectual', 3, true], ['intellectual', 4, false],
    ['mental', 3, true], ['mental', 4, false],
    ['physical', 2, true], ['physical', 3, false],
    ['visual', 1, true], ['visual', 2, false],
    ['hearing', 1, false], ['speech', 1, false],
  ] as const)('a 40-year-old with %s disability grade %i → %s', (kind, grade, met) => {
    const r = assessTekun('p', alone({ birthDate: '1982-01-01', disabilities: [{ kind, grade }] }), policy(), DATE);
    expect(r.conditions.noLabourCapacity).toBe(met);
  });

  it('a multiple-disability certificate is flagged, not guessed', () => {
    const r = assessTekun('p', alone({ birthDate: '1982-01-01', disabilities: [{ kind: 'multiple', grade: 1 }] }), policy(), DATE);
    expect(r.conditions.noLabourCapacity).toBe(false);
    expect(r.flags.join()).toContain('多重残疾');
  });

  it('Jiangxi: full incapacity from a major illness counts where the policy says so', () => {
    const m = { birthDate: '1982-01-01', majorIllnessFullIncapacity: true };
    expect(assessTekun('p', alone(m), policy(), DATE).conditions.noLabourCapacity).toBe(true);
    const national = policy({ params: { tekunNoLabour: { ...policy().params.tekunNoLabour, majorIllnessFullIncapacity: false } } });
    const r = assessTekun('p', alone(m), national, DATE);
    expect(r.conditions.noLabourCapacity).toBe(false);
    expect(r.flags.join()).toContain('重病');
  });
});

describe('assessTekun: no income', () => {
  it.each([
    [59_999, true],
    [60_000, false],
  ])('own counted income %i fen against the rural standard 600 → %s', (monthlyFen, met) => {
    const h = alone({}, 'rural', { incomes: [{ memberId: 'p', kind: 'pension', monthlyFen }] });
    expect(assessTekun('p', h, policy(), DATE).conditions.noIncome).toBe(met);
  });
  it('exempt income (basic resident pension) does not count', () => {
    const h = alone({}, 'rural', { incomes: [{ memberId: 'p', kind: 'residentPensionBasic', monthlyFen: 200_000 }] });
    expect(assessTekun('p', h, policy(), DATE).conditions.noIncome).toBe(true);
  });
  it('own assets over the 特困 limit fail the condition', () => {
    const h = alone({}, 'rural', { assets: [{ kind: 'deposit', valueFen: 24 * 60_000 + 1 }] });
    expect(assessTekun('p', h, policy(), DATE).conditions.noIncome).toBe(false);
  });
});

describe('assessTekun: supporters', () => {
  const s = (over: Partial<Supporter>): Supporter => ({ id: 's', name: '儿子', birthDate: '1980-01-01', ...over });
  it.each<[string, Partial<Supporter>, boolean]>([
    ['able-bodied son', {}, false],
    ['son who is himself 特困', { isTekun: true }, true],
    ['低保 recipient aged 60', { birthDate: '1962-06-15', isDibao: true }, true],
    ['低保 recipient aged 59', { birthDate: '1962-06-16', isDibao: true }, false],
    ['aged 70, low income, low-income assets', { birthDate: '1952-06-15', annualIncomeFen: 100_000, assetsWithinLowIncomeLimits: true }, true],
    ['aged 69, low income, low-income assets', { birthDate: '1952-06-16', annualIncomeFen: 100_000, assetsWithinLowIncomeLimits: true }, false],
    ['aged 70, income at the disposable-income line', { birthDate: '1950-01-01', annualIncomeFen: 1_700_000, assetsWithinLowIncomeLimits: true }, false],
    ['physical disability grade 2, low income', { disabilities: [{ kind: 'physical', grade: 2 }], annualIncomeFen: 0, assetsWithinLowIncomeLimits: true }, true],
    ['physical disability grade 3, low income', { disabilities: [{ kind: 'physical', grade: 3 }], annualIncomeFen: 0, assetsWithinLowIncomeLimits: true }, false],
    ['mental disability grade 3, low income', { disabilities: [{ kind: 'mental', grade: 3 }], annualIncomeFen: 0, assetsWithinLowIncomeLimits: true }, true],
    ['in prison, assets within 特困 limits', { imprisoned: true, assetsWithinTekunLimits: true }, true],
    ['in prison, assets over 特困 limits', { imprisoned: true, assetsWithinTekunLimits: false }, false],
    ['no civil capacity, assets within limits', { noCivilCapacity: true, assetsWithinTekunLimits: true }, true],
  ])('%s → unable %s', (_, over, unable) => {
    expect(supporterUnable(s(over), DATE, policy(), 'rural').unable).toBe(unable);
  });

  it('missing facts are listed, never assumed', () => {
    expect(supporterUnable(s({ imprisoned: true }), DATE, policy(), 'rural').unknown[0]).toContain('特困人员财产');
    expect(supporterUnable(s({ birthDate: '1950-01-01' }), DATE, policy(), 'rural').unknown[0]).toContain('年收入');
    const noLine = policy({ params: { lastYearPerCapitaDisposableIncomeFen: { urban: null, rural: null } } });
    expect(supporterUnable(s({ birthDate: '1950-01-01', annualIncomeFen: 0, assetsWithinLowIncomeLimits: true }), DATE, noLine, 'rural').unknown[0]).toContain('人均可支配收入');
  });

  it('all supporters must be unable; none at all meets the condition; unknown supporters are flagged', () => {
    const two = [s({ id: 'a', isTekun: true }), s({ id: 'b' })];
    expect(assessTekun('p', alone({ supporters: two }), policy(), DATE).conditions.noSupporter).toBe(false);
    expect(assessTekun('p', alone({ supporters: [] }), policy(), DATE).conditions.noSupporter).toBe(true);
    const r = assessTekun('p', alone({ supporters: undefined }), policy(), DATE);
    expect(r.conditions.noSupporter).toBe(false);
    expect(r.flags.join()).toContain('义务人情况');
  });
});

describe('selfCareLevel: six activities', () => {
  const acts: SelfCareActivity[] = ['eating', 'dressing', 'bedTransfer', 'toileting', 'indoorWalking', 'bathing'];
  it.each([
    [0, 'selfCare'], [1, 'partlyLost'], [3, 'partlyLost'], [4, 'fullyLost'], [6, 'fullyLost'],
  ] as const)('%i unmet → %s', (n, level) => {
    expect(selfCareLevel(acts.slice(0, n), policy()).level).toBe(level);
  });
  it('counts an activity once and refuses unknown ones', () => {
    expect(selfCareLevel(['eating', 'eating', 'eating', 'eating'], policy()).unmetCount).toBe(1);
    expect(() => selfCareLevel(['flying'], policy())).toThrow(RangeError);
  });
});

describe('assessTekun: amounts', () => {
  const three: SelfCareActivity[] = ['eating', 'dressing', 'bathing'];
  const four: SelfCareActivity[] = [...three, 'toileting'];
  it.each([
    // rural 2022: 780 basic (1,080 when partly or fully lost), care 80 / 350 / 1,380
    ['rural', [], 78_000 + 8_000],
    ['rural', three, 108_000 + 35_000],
    ['rural', four, 108_000 + 138_000],
    ['urban', [], 108_000 + 8_000],
    ['urban', three, 108_000 + 35_000],
    ['urban', four, 108_000 + 138_000],
  ] as const)('%s with %o unmet → %i fen a month', (area, unmet, amount) => {
    const r = assessTekun('p', alone({ unmetSelfCareActivities: [...unmet] }, area), policy(), DATE);
    expect(r.eligible).toBe(true);
    expect(r.amountFen).toBe(amount);
  });

  it('2024 seed: rural fully lost 1,220 + 1,500 = 2,720 yuan', () => {
    const v = policyInForce(SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, 'rural', '2024-03-01')!;
    const r = assessTekun('p', alone({ unmetSelfCareActivities: four }), v, '2024-03-01');
    expect(r.amountFen).toBe(272_000);
    expect(r.basicSupportFen).toBe(122_000);
    expect(r.careSubsidyFen).toBe(150_000);
  });

  it('a ratio rule: 1.3 × 825 = 1,072.50, rounded up to ten yuan → 1,080', () => {
    const ratio: Partial<PolicyParameters> = {
      tekunBasic: { ...policy().params.tekunBasic, urban: { default: { mode: 'ratio', ratioPermille: 1300, rounding: 'ceilTenYuan' } } },
    };
    expect(assessTekun('p', alone({}, 'urban'), policy({ params: ratio }), DATE).basicSupportFen).toBe(108_000);
    const halfUp = { tekunBasic: { ...policy().params.tekunBasic, urban: { default: { mode: 'ratio' as const, ratioPermille: 1300, rounding: 'halfUpYuan' as const } } } };
    expect(assessTekun('p', alone({}, 'urban'), policy({ params: halfUp }), DATE).basicSupportFen).toBe(107_300);
  });

  it('not eligible pays nothing but still shows what would apply, with the reasons', () => {
    const r = assessTekun('p', alone({ birthDate: '1980-01-01' }), policy(), DATE);
    expect(r.eligible).toBe(false);
    expect(r.amountFen).toBe(0);
    expect(r.basicSupportFen).toBe(78_000);
    expect(r.reasons).toEqual(['不符合“无劳动能力”条件']);
  });

  it('an unassessed self-care level is flagged', () => {
    const r = assessTekun('p', alone({ unmetSelfCareActivities: undefined }), policy(), DATE);
    expect(r.selfCare).toEqual({ level: 'selfCare', unmetCount: 0, assessed: false });
    expect(r.flags.join()).toContain('尚未评估');
  });
});
