// The simulation's fast path must give exactly what assessDibao gives, for any household and for
// versions that differ in the standard (and, through the fallback, in the counting rule).
import { describe, expect, it } from 'vitest';
import { assessDibao } from '../assessment/dibao';
import { buildHousehold } from '../store/subjects';
import { demoFacts, type ModelMember } from '../demo/income-model';
import { policy } from '../test-fixtures';
import { yuan } from '../money';
import { dibaoUnderPolicies } from './dibao-figures';

const relations = ['head', 'spouse', 'child', 'child', 'parent', 'grandchild', 'sibling'] as const;
const employments = ['employed', 'self_employed', 'farming', 'unemployed', 'none', 'student', null] as const;

function members(seed: number, size: number): ModelMember[] {
  return Array.from({ length: size }, (_, i) => ({
    id: seed * 10 + i,
    relation: relations[i],
    birthDate: `${1940 + ((seed * 7 + i * 13) % 80)}-0${1 + (i % 9)}-1${i % 9}`,
    labourCapacity: ['full', 'partial', 'none'][(seed + i) % 3],
    employment: employments[(seed * 3 + i) % employments.length],
    disabilityGrade: (seed + i) % 11 === 0 ? 1 + ((seed + i) % 4) : null,
    diedOn: null,
  }));
}

describe('dibaoUnderPolicies', () => {
  const date = '2026-03-01';
  const base = policy({ effectiveFrom: '2026-01-01' });
  const higher = policy({ effectiveFrom: '2026-01-01', version: 2, params: { dibaoStandard: { urban: yuan(900), rural: yuan(760) } } });
  const banded = policy({
    effectiveFrom: '2026-01-01', version: 3,
    params: { dibaoBands: { urban: null, rural: [{ fromGapFen: 0, toGapFen: 20000, amountPerPersonFen: 15000 }, { fromGapFen: 20000, toGapFen: null, amountPerPersonFen: 40000 }] }, rounding: 'ceilYuan' },
  });
  const deducting = policy({ effectiveFrom: '2026-01-01', version: 4, params: { employmentCostDeduction: { sharePermille: 200, capMonthlyFenPerWorker: 30000 } } });
  const categories = ['dibao', 'nearPoor', 'ruralMonitoring', 'tekun', 'rigidExpenditure', null];

  it('agrees with assessDibao on 600 generated households under four versions', () => {
    let eligibleSeen = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const area = seed % 4 === 0 ? 'urban' : 'rural';
      const size = 1 + (seed % 7);
      const ms = members(seed, size);
      const standard = base.params.dibaoStandard[area];
      const facts = demoFacts({ id: seed, category: categories[seed % categories.length], members: ms }, standard, date);
      if (seed % 7 === 0) facts.assets.push({ kind: 'vehicle', vehicleKind: 'car', valueFen: 3_000_000 });
      if (seed % 11 === 0) facts.assets.push({ kind: 'vehicle', vehicleKind: 'motorcycle', valueFen: 300_000, ownerId: String(ms[0].id) });
      if (seed % 13 === 0) facts.assets.push({ kind: 'securities', valueFen: 2_000_000, ownerId: String(ms[ms.length - 1].id) });
      const subject = {
        household: { id: seed, area_type: area, village_code: '360724100001', township_code: '360724100000', county_code: '360724000000', city_code: '360700000000', address: '', head_person_id: ms[0].id, bank_holder_person_id: ms[0].id },
        members: ms.map((m) => ({ id: m.id, household_id: seed, name: `成员${m.id}`, relation: m.relation, birth_date: m.birthDate, disability_kind: m.disabilityGrade ? 'physical' : null, disability_grade: m.disabilityGrade, serious_illness: null, labour_capacity: m.labourCapacity, employment: m.employment, school_stage: null, died_on: null })),
      } as never;
      const hh = buildHousehold(subject, facts, date, base).household;
      const versions = [base, higher, banded, deducting];
      const fast = dibaoUnderPolicies(hh, versions, date);
      versions.forEach((v, i) => {
        const full = assessDibao(hh, v, date);
        expect(fast[i], `household ${seed} version ${v.version}`).toEqual({ eligible: full.eligible, amountFen: full.amountFen, countedMembers: full.countedMembers });
        if (full.eligible) eligibleSeen++;
      });
    }
    expect(eligibleSeen).toBeGreaterThan(300);
  });
});
