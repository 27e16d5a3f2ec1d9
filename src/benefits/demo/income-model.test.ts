// The demo income model: deterministic, and consistent with the categories it is drawn for, so that the
// demo's 低保 households are eligible and its 边缘 households are near-poor under the real rules.
import { describe, expect, it } from 'vitest';
import { assessDibao } from '../assessment/dibao';
import { classifyNearPoor } from '../assessment/near-poor';
import { buildHousehold } from '../store/subjects';
import { policy } from '../test-fixtures';
import { demoFacts, type ModelMember } from './income-model';

const DATE = '2026-06-15';
const p = policy({ effectiveFrom: '2024-01-01' });

function household(id: number, category: string, members: ModelMember[]) {
  const facts = demoFacts({ id, category, members }, p.params.dibaoStandard.rural, DATE);
  const subject = {
    household: { id, area_type: 'rural' as const, village_code: '', township_code: '', county_code: '360724000000', city_code: '', address: '', head_person_id: members[0].id, bank_holder_person_id: members[0].id },
    members: members.map((m) => ({ id: m.id, household_id: id, name: `人${m.id}`, relation: m.relation as never, birth_date: m.birthDate, disability_kind: m.disabilityGrade ? 'physical' as const : null, disability_grade: m.disabilityGrade as never, serious_illness: null, labour_capacity: m.labourCapacity as never, employment: m.employment, school_stage: null, died_on: m.diedOn })),
  };
  return { facts, hh: buildHousehold(subject, facts, DATE, p).household };
}

const family = (id: number): ModelMember[] => [
  { id: id * 10 + 1, relation: 'head', birthDate: '1975-01-01', labourCapacity: 'full', employment: 'farming', disabilityGrade: null, diedOn: null },
  { id: id * 10 + 2, relation: 'spouse', birthDate: '1976-01-01', labourCapacity: 'partial', employment: 'employed', disabilityGrade: 2, diedOn: null },
  { id: id * 10 + 3, relation: 'parent', birthDate: '1950-01-01', labourCapacity: 'none', employment: 'none', disabilityGrade: null, diedOn: null },
];

describe('demoFacts', () => {
  it('is deterministic per household id', () => {
    expect(household(5, 'dibao', family(5)).facts).toEqual(household(5, 'dibao', family(5)).facts);
    expect(household(5, 'dibao', family(5)).facts).not.toEqual(household(6, 'dibao', family(5)).facts);
  });

  it('makes every 低保 household eligible and every 边缘 household near-poor', () => {
    for (let id = 1; id <= 300; id++) {
      expect(assessDibao(household(id, 'dibao', family(id)).hh, p, DATE).eligible, `dibao ${id}`).toBe(true);
      const n = classifyNearPoor(household(id, 'nearPoor', family(id)).hh, p, DATE);
      expect(n.nearPoor, `nearPoor ${id}: ${n.reasons.join('；')}`).toBe(true);
    }
  });

  it('gives farming as annual income, exempt pension from 60 and disability allowance for grades 1–2', () => {
    const { facts } = household(9, 'ruralMonitoring', family(9));
    expect(facts.incomes.find((i) => i.kind === 'businessNet')?.annualFen).toBeGreaterThan(0);
    expect(facts.incomes).toContainEqual(expect.objectContaining({ memberId: '93', kind: 'residentPensionBasic' }));
    expect(facts.incomes).toContainEqual(expect.objectContaining({ memberId: '92', kind: 'disabilityAllowance' }));
    expect(facts.incomeVaries).toBe(true);
  });

  it('gives a 特困 head no income, no supporters and a self-care assessment', () => {
    const alone: ModelMember[] = [{ id: 1, relation: 'head', birthDate: '1940-01-01', labourCapacity: 'none', employment: 'none', disabilityGrade: null, diedOn: null }];
    const { facts } = household(3, 'tekun', alone);
    expect(facts.incomes.filter((i) => i.kind !== 'residentPensionBasic')).toEqual([]);
    expect(facts.members['1'].supporters).toEqual([]);
    expect(Array.isArray(facts.members['1'].unmetSelfCareActivities)).toBe(true);
  });
});
