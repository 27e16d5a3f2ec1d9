// From registry rows to the pure Household: who is left out (died, not yet born), which facts are dropped,
// and how the registry's serious-illness text maps onto the policy's catastrophic-illness codes.
import { describe, expect, it } from 'vitest';
import { SEED_POLICY_VERSIONS } from '../policy/seed';
import { buildHousehold, illnessCodes, type PersonRow } from './subjects';

const p = SEED_POLICY_VERSIONS[1];

describe('illnessCodes', () => {
  it.each([
    ['恶性肿瘤', 50, ['cancer']],
    ['尿毒症', 50, ['endStageRenal']],
    ['白血病', 8, ['childLeukemia']],
    ['白血病', 40, []],
    ['先天性心脏病', 5, ['childCongenitalHeart']],
    ['脑卒中后遗症', 60, []],
    [null, 60, []],
  ])('%s at %i → %j', (text, age, codes) => {
    expect(illnessCodes(text, age, p)).toEqual(codes);
  });
});

describe('buildHousehold', () => {
  const person = (id: number, over: Partial<PersonRow>): PersonRow => ({
    id, household_id: 1, name: `人${id}`, relation: 'head', birth_date: '1970-01-01', disability_kind: null, disability_grade: null,
    serious_illness: null, labour_capacity: 'full', employment: 'employed', school_stage: null, died_on: null, ...over,
  });
  const subject = {
    household: { id: 1, area_type: 'rural' as const, village_code: '', township_code: '', county_code: '360724000000', city_code: '', address: '', head_person_id: 1, bank_holder_person_id: 1 },
    members: [
      person(1, {}),
      person(2, { relation: 'spouse', died_on: '2026-03-01' }),
      person(3, { relation: 'child', birth_date: '2026-08-01' }),
      person(4, { relation: 'grandchild', birth_date: '2015-01-01', disability_kind: 'intellectual', disability_grade: 3, serious_illness: '恶性肿瘤' }),
    ],
  };
  const facts = {
    incomes: [{ memberId: '1', kind: 'wages' as const, monthlyFen: 100 }, { memberId: '2', kind: 'wages' as const, monthlyFen: 200 }, { memberId: '77', kind: 'wages' as const, monthlyFen: 300 }],
    expenses: [], assets: [{ ownerId: '2', kind: 'deposit' as const, valueFen: 5 }], rigidExpenses12m: [], members: { '4': { supportDuty: true } },
  };

  it('leaves out the dead and the unborn with a step, and drops their facts', () => {
    const b = buildHousehold(subject, facts, '2026-06-01', p);
    expect(b.household.members.map((m) => m.id)).toEqual(['1', '4']);
    expect(b.steps.map((s) => s.label.zh)).toEqual(['不计入家庭成员（已死亡）', '不计入家庭成员（尚未出生）', '不计入（非在世家庭成员）', '不计入（非在世家庭成员）', '不计入（非在世家庭成员）']);
    expect(b.household.incomes).toEqual([facts.incomes[0]]);
    expect(b.household.assets).toEqual([]);
  });

  it('carries registry facts (disability, illness code, student) and the stored member facts', () => {
    const m = buildHousehold(subject, facts, '2026-06-01', p).household.members[1];
    expect(m).toMatchObject({ relation: 'grandchild', supportDuty: true, disabilities: [{ kind: 'intellectual', grade: 3 }], illnesses: ['cancer'], livesTogether: true });
  });

  it('counts the spouse before the death', () => {
    expect(buildHousehold(subject, facts, '2026-02-28', p).household.members.map((m) => m.id)).toEqual(['1', '2', '4']);
  });
});
