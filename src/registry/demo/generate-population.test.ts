import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../id-number';
import { RegionTree } from '../regions/region-tree';
import { villageShortName } from '../regions/village-name';
import type { Category, SchoolStage } from '../vocabulary';
import { luhnDigit } from './bank';
import { generatePopulation } from './generate-population';
import type { DemoHousehold } from './types';

const regions = RegionTree.loadJiangxi();
const TODAY = '2026-03-01';

function digest(households: Iterable<DemoHousehold>): string {
  const hash = createHash('sha256');
  for (const h of households) hash.update(JSON.stringify(h));
  return hash.digest('hex');
}

/** Full years from one 'YYYY-MM-DD' to a later one. */
function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

const STAGE_AGES: Record<SchoolStage, [number, number]> = {
  preschool: [3, 5],
  primary: [6, 11],
  junior: [12, 14],
  senior: [15, 18],
  secondary_vocational: [15, 18],
  higher_vocational: [18, 21],
  bachelor: [18, 21],
  postgraduate: [22, 25],
};

describe('generatePopulation: determinism and size', () => {
  it('gives the same households for the same seed, and others for another seed', () => {
    const options = { people: 10_000, seed: 1, regions, today: TODAY };
    const population = generatePopulation(options);
    const first = digest(population);
    expect(digest(population)).toBe(first); // iterating again starts over
    expect(digest(generatePopulation({ ...options }))).toBe(first);
    expect(digest(generatePopulation({ ...options, seed: 2 }))).not.toBe(first);
  });

  it('stops at exactly the number of people, with ids counting from 1', () => {
    let people = 0;
    let households = 0;
    let idsInOrder = true;
    for (const h of generatePopulation({ people: 10_001, seed: 3, regions, today: TODAY })) {
      households++;
      if (h.id !== households) idsInOrder = false;
      for (const p of h.members) if (p.id !== ++people) idsInOrder = false;
    }
    expect(people).toBe(10_001);
    expect(idsInOrder).toBe(true);
    expect([...generatePopulation({ people: 0, seed: 3, regions, today: TODAY })]).toEqual([]);
  });

  it('refuses bad options at once', () => {
    expect(() => generatePopulation({ people: -1, seed: 1, regions, today: TODAY })).toThrow(RangeError);
    expect(() => generatePopulation({ people: 10, seed: 1, regions, today: '2026-13-01' })).toThrow(RangeError);
  });
});

describe('generatePopulation: 200,000 people', () => {
  const PEOPLE = 200_000;
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < 20) problems.push(problem);
  };
  const categoryCounts: Partial<Record<Category, number>> = {};
  const idNumbers = new Set<string>();
  const accounts = new Set<string>();
  let households = 0;
  let people = 0;
  let disabled = 0;
  let ill = 0;
  let rural = 0;
  let withHistory = 0;
  let tekun = 0;
  let tekunSingle = 0;
  let adults = 0;
  let adultsWithPhone = 0;

  beforeAll(() => {
    for (const h of generatePopulation({ people: PEOPLE, seed: 2026, regions, today: TODAY })) {
      households++;
      const village = regions.get(h.villageCode);
      const county = regions.ancestorAt(h.villageCode, 3);
      if (!village || village.level !== 5 || !county) {
        note(`household ${h.id}: ${h.villageCode} is not a village`);
        continue;
      }
      if (h.areaType !== village.area) note(`household ${h.id}: area ${h.areaType}, village ${village.area}`);
      if (h.areaType === 'rural') rural++;
      const expectedPrefix = regions.ancestors(village.code).map((r) => r.name).join('') + villageShortName(village.name);
      if (!h.address.startsWith(expectedPrefix)) note(`household ${h.id}: address ${h.address}`);
      if (h.members.length < 1 || h.members.length > 7) note(`household ${h.id}: ${h.members.length} members`);
      if (h.members[0].relation !== 'head' || h.members.slice(1).some((m) => m.relation === 'head')) {
        note(`household ${h.id}: head is not first and only`);
      }
      accounts.add(h.bank.accountNo);
      if (!/^\d{19}$/.test(h.bank.accountNo) || luhnDigit(h.bank.accountNo.slice(0, 18)) !== h.bank.accountNo[18]) {
        note(`household ${h.id}: account ${h.bank.accountNo}`);
      }
      if (!h.members[h.bank.holderIndex]) note(`household ${h.id}: holder ${h.bank.holderIndex}`);

      const spells = h.categories;
      const current = spells[spells.length - 1];
      categoryCounts[current.category] = (categoryCounts[current.category] ?? 0) + 1;
      if (current.toDate !== null || current.fromDate > TODAY) note(`household ${h.id}: current spell ${JSON.stringify(current)}`);
      if (spells.length > 1) {
        withHistory++;
        const before = spells[0];
        if (!(before.toDate && before.fromDate < before.toDate && before.toDate < current.fromDate)) {
          note(`household ${h.id}: history ${JSON.stringify(spells)}`);
        }
      }
      if (current.category === 'ruralMonitoring' && h.areaType !== 'rural') note(`household ${h.id}: urban rural monitoring`);
      if (current.category === 'tekun') {
        tekun++;
        if (h.members.length === 1) tekunSingle++;
      }

      const head = h.members[0];
      for (const p of h.members) {
        people++;
        const parsed = parseIdNumber(p.idNumber, { today: TODAY });
        if (!parsed.ok || parsed.idNumber !== p.idNumber) {
          note(`person ${p.id}: invalid ID ${p.idNumber}`);
          continue;
        }
        if (parsed.addressCode !== county.code.slice(0, 6)) note(`person ${p.id}: address code ${parsed.addressCode} not ${county.code}`);
        if (parsed.birthDate !== p.birthDate) note(`person ${p.id}: birth ${p.birthDate} vs ID ${parsed.birthDate}`);
        if (parsed.sex !== p.sex) note(`person ${p.id}: sex ${p.sex} vs ID ${parsed.sex}`);
        if (idNumbers.has(p.idNumber)) note(`person ${p.id}: duplicate ID ${p.idNumber}`);
        idNumbers.add(p.idNumber);

        const age = fullYears(p.birthDate, TODAY);
        if (age < 0 || age > 100) note(`person ${p.id}: age ${age}`);
        const gap = fullYears(head.birthDate, p.birthDate); // > 0 when younger than the head
        const older = fullYears(p.birthDate, head.birthDate); // > 0 when older than the head
        if (p.relation === 'spouse' && (Math.abs(gap) > 6 && Math.abs(older) > 6)) note(`person ${p.id}: spouse ${gap} years apart`);
        if (p.relation === 'spouse' && p.sex === head.sex) note(`person ${p.id}: spouse of the same sex`);
        if (p.relation === 'child' && (gap < 20 || gap >= 40)) note(`person ${p.id}: child ${gap} years younger`);
        if (p.relation === 'parent' && (older < 20 || older >= 40)) note(`person ${p.id}: parent ${older} years older`);
        if (p.relation === 'grandchild' && gap < 40) note(`person ${p.id}: grandchild ${gap} years younger`);
        if (p.relation === 'grandparent' && older < 40) note(`person ${p.id}: grandparent ${older} years older`);

        if (p.schoolStage !== null) {
          const [min, max] = STAGE_AGES[p.schoolStage];
          if (age < min || age > max) note(`person ${p.id}: ${p.schoolStage} at ${age}`);
        }
        if (p.schoolStage === null && age >= 6 && age <= 14) note(`person ${p.id}: out of compulsory school at ${age}`);
        if ((p.disabilityKind === null) !== (p.disabilityGrade === null)) note(`person ${p.id}: half a disability`);
        if (p.disabilityGrade !== null && p.disabilityGrade <= 2 && p.labourCapacity !== 'none') note(`person ${p.id}: severe but able`);
        if (age < 16 && p.labourCapacity !== 'none') note(`person ${p.id}: child able to work`);
        if (p.phone !== null && (age < 18 || !/^1\d{10}$/.test(p.phone))) note(`person ${p.id}: phone ${p.phone}`);
        if (!/^\p{Script=Han}{2,4}$/u.test(p.name)) note(`person ${p.id}: name ${p.name}`);
        if (p.disabilityGrade !== null) disabled++;
        if (p.seriousIllness !== null) ill++;
        if (age >= 18) {
          adults++;
          if (p.phone !== null) adultsWithPhone++;
        }
      }
    }
  });

  it('holds together: valid IDs of the county, birth date and sex; ages fit relations and school; villages real', () => {
    expect(problems).toEqual([]);
    expect(people).toBe(PEOPLE);
  });

  it('never repeats an ID number or a bank account', () => {
    expect(idNumbers.size).toBe(PEOPLE);
    expect(accounts.size).toBe(households);
  });

  it('has category shares like the field', () => {
    const share = (c: Category) => (categoryCounts[c] ?? 0) / households;
    expect(share('dibao')).toBeCloseTo(0.55, 1);
    expect(share('ruralMonitoring')).toBeCloseTo(0.2, 1);
    expect(share('nearPoor')).toBeCloseTo(0.12, 1);
    expect(share('tekun')).toBeCloseTo(0.08, 1);
    expect(share('rigidExpenditure')).toBeCloseTo(0.05, 1);
    expect(tekunSingle / tekun).toBeGreaterThan(0.8);
    expect(withHistory / households).toBeGreaterThan(0.08);
    expect(withHistory / households).toBeLessThan(0.2);
  });

  it('has plausible rates of disability, illness, rural life and phones', () => {
    console.log(
      `disability ${((100 * disabled) / people).toFixed(1)} %, serious illness ${((100 * ill) / people).toFixed(1)} %, ` +
        `rural households ${((100 * rural) / households).toFixed(1)} %, adults with phone ${((100 * adultsWithPhone) / adults).toFixed(1)} %, ` +
        `${(people / households).toFixed(2)} people per household`,
    );
    expect(disabled / people).toBeGreaterThan(0.06);
    expect(disabled / people).toBeLessThan(0.1);
    expect(ill / people).toBeGreaterThan(0.02);
    expect(ill / people).toBeLessThan(0.045);
    expect(rural / households).toBeGreaterThan(0.7);
    expect(adultsWithPhone / adults).toBeGreaterThan(0.5);
  });
});

describe('generatePopulation: speed', () => {
  it('prints people per second (smoke, not asserted)', () => {
    const people = 300_000;
    const started = performance.now();
    let count = 0;
    for (const h of generatePopulation({ people, seed: 99, regions, today: TODAY })) count += h.members.length;
    const seconds = (performance.now() - started) / 1000;
    console.log(`generated ${count} people in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} people/s`);
    expect(count).toBe(people);
  });
});
