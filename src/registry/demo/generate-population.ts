// The demo population: households of low-income people spread over the real villages of a region tree,
// generated lazily and deterministically from a seed. Memory stays flat whatever the size (3.56 million
// people for Jiangxi): nothing per person is remembered except one byte per county × birth day × sex
// (IdSequences) that keeps ID numbers unique.

import { computeCheckDigit } from '../id-number';
import type { Region, RegionTree } from '../regions/region-tree';
import { deriveVillageArea } from '../regions/village-area';
import type { AreaType, Category, SchoolStage } from '../vocabulary';
import { AddressMaker } from './address';
import { accountNumber, pickBank } from './bank';
import { CategoryPicker, categoryReason, earliestStart, HISTORY_SHARE, type DemoCategory, type HeadProfile, type HouseholdFacts } from './categories';
import { HouseholdComposer, type DraftMember } from './composition';
import { DayTable } from './day-table';
import { IdSequences } from './id-sequences';
import { NameMaker } from './names';
import { Random } from './random';
import { needsGuardian, TraitMaker, type HealthNeeds } from './traits';
import type { DemoCategorySpell, DemoHousehold, DemoPerson } from './types';

export interface GeneratePopulationOptions {
  /** Total number of people; the last household is cut to fit exactly. */
  people: number;
  /** 32-bit integer; the same seed, tree and today give the same population. */
  seed: number;
  regions: RegionTree;
  /** 'YYYY-MM-DD': ages, school stages and spell dates are relative to it. */
  today: string;
}

/** Years of birth days covered: the oldest people are 100, and parents of heads may be a little older. */
const YEARS_COVERED = 106;
/** Rural villages carry more low-income households than urban communities. */
const RURAL_VILLAGE_WEIGHT = 1.4;
/** Urban families are smaller: this share of urban households loses one member. */
const URBAN_SMALLER = 0.2;
/** How far back the current spell may have started. */
const SPELL_YEARS_BACK = 8;

/**
 * Households one by one; iterate again to get the same households again. Throws at once on bad options.
 */
export function generatePopulation(options: GeneratePopulationOptions): Iterable<DemoHousehold> {
  if (!Number.isInteger(options.people) || options.people < 0) throw new RangeError(`people must be a whole number ≥ 0`);
  if (options.regions.atLevel(5).length === 0) throw new RangeError('the region tree has no villages');
  new DayTable(options.today, 0); // validates today
  return { [Symbol.iterator]: () => generate(options) };
}

function* generate({ people, seed, regions, today }: GeneratePopulationOptions): Generator<DemoHousehold> {
  const random = new Random(seed);
  // village sizes come from their own stream, so they do not depend on how many people are asked for
  const layout = new Random(seed ^ 0x5bd1e995);
  const days = new DayTable(today, YEARS_COVERED);
  const places = new Places(regions, layout);
  const sequences = new IdSequences(places.countyCount, days.count);
  const names = new NameMaker(random);
  const composer = new HouseholdComposer(random, days, names);
  const traits = new TraitMaker(random);
  const categories = new CategoryPicker(random);
  const addresses = new AddressMaker(regions, places.villages, random);

  let personId = 0;
  let householdId = 0;
  while (personId < people) {
    householdId++;
    const category = categories.category();
    const v = category === 'ruralMonitoring' ? places.pickRural(random) : places.pickAny(random);
    const area = places.area[v];
    let size = categories.size(category);
    if (area === 'urban' && size > 1 && random.chance(URBAN_SMALLER)) size--;
    size = Math.min(size, people - personId);

    const { profile, members: drafts } = composer.compose(category, size);
    // a rigid-expenditure household mostly carries someone with heavy medical costs
    const illIndex = category === 'rigidExpenditure' && random.chance(0.65) ? random.int(drafts.length) : -1;
    const factor = category === 'dibao' ? (size === 1 && profile === 'adult' ? 3 : 1.3) : 1;

    const county = places.countyOf[v];
    const members: DemoPerson[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const needs: HealthNeeds = { factor, severeDisability: i === 0 && profile === 'severeDisability', illness: i === illIndex };
      members.push(makePerson(++personId, drafts[i], i === 0, needs, area, county));
    }

    yield {
      id: householdId,
      areaType: area,
      villageCode: places.villages[v].code,
      address: addresses.address(v, area),
      bank: makeBank(members, drafts, area, householdId),
      members,
      categories: makeSpells(category, members, profile, area === 'rural', drafts[0].day),
    };
  }

  function makePerson(id: number, draft: DraftMember, isHead: boolean, needs: HealthNeeds, area: AreaType, county: number): DemoPerson {
    // a full cell (never seen in practice: 255 people of one sex born on one day in one county) moves
    // the birth one day earlier rather than reusing a number
    let day = draft.day;
    let sequence = sequences.next(county, day, draft.sex);
    while (sequence === null && day > 0) sequence = sequences.next(county, --day, draft.sex);
    if (sequence === null) throw new Error('ID sequences exhausted');
    const first17 = places.addressCode[county] + days.compact[day] + pad3(sequence);
    const birthDate = days.iso[day];
    const age = days.age(day);
    const health = traits.health(age, needs);
    const schoolStage = traits.schoolStage(age);
    const student = schoolStage !== null && schoolStage !== 'preschool';
    const labourCapacity = traits.labourCapacity(age, health, student);
    return {
      id,
      idNumber: first17 + computeCheckDigit(first17),
      name: draft.surname + names.givenName(draft.sex, Number(birthDate.slice(0, 4))),
      sex: draft.sex,
      birthDate,
      relation: draft.relation,
      disabilityKind: health.disabilityKind,
      disabilityGrade: health.disabilityGrade,
      seriousIllness: health.seriousIllness,
      labourCapacity,
      employment: traits.employment(age, labourCapacity, schoolStage, area === 'rural'),
      schoolStage,
      phone: traits.phone(age, isHead, health),
    };
  }

  /** The head receives the money unless a minor or unable to manage it; then the first capable adult. */
  function makeBank(members: DemoPerson[], drafts: DraftMember[], area: AreaType, householdId: number): DemoHousehold['bank'] {
    let holderIndex = members.findIndex((m, i) => days.age(drafts[i].day) >= 18 && !needsGuardian(m));
    if (holderIndex < 0) holderIndex = 0; // a guardian outside the household would hold it; keep the head
    const bankName = pickBank(area, random);
    return { holderIndex, bankName, accountNo: accountNumber(bankName, householdId, seed) };
  }

  /** The current spell and, for some households, the closed one before it. */
  function makeSpells(category: DemoCategory, members: DemoPerson[], profile: HeadProfile, rural: boolean, headDay: number): DemoCategorySpell[] {
    const facts = householdFacts(members, profile);
    const fromDay = startDay(category, headDay, days.todayIndex - 1);
    const current: DemoCategorySpell = { category, fromDate: days.iso[fromDay], toDate: null, reason: categoryReason(category, facts, random) };
    if (!random.chance(HISTORY_SHARE)) return [current];
    const before = categories.previousOf(category, rural);
    const toDay = fromDay - 1;
    const earliest = Math.max(startLimit(before, headDay), toDay - 1800);
    const latestStart = toDay - 180; // a spell lasts at least half a year before a change of category
    if (latestStart < earliest) return [current];
    const previous: DemoCategorySpell = {
      category: before,
      fromDate: days.iso[random.between(earliest, latestStart)],
      toDate: days.iso[toDay],
      reason: categoryReason(before, facts, random),
    };
    return [previous, current];
  }

  function startDay(category: DemoCategory, headDay: number, latest: number): number {
    const earliest = Math.min(latest, startLimit(category, headDay));
    return random.between(earliest, latest);
  }

  /** No spell before the mechanism existed, before the head was born, or more than SPELL_YEARS_BACK ago. */
  function startLimit(category: Category, headDay: number): number {
    let limit = Math.max(headDay, days.todayIndex - Math.floor(SPELL_YEARS_BACK * 365.25));
    const mechanism = earliestStart(category);
    if (mechanism !== undefined) {
      const at = days.indexOf(mechanism);
      if (at > limit) limit = at;
      else if (at < 0 && mechanism > days.iso[days.todayIndex]) limit = days.todayIndex;
    }
    return limit;
  }
}

function householdFacts(members: DemoPerson[], headProfile: HeadProfile): HouseholdFacts {
  return {
    headProfile,
    anySeriousIllness: members.some((m) => m.seriousIllness !== null),
    anySevereDisability: members.some((m) => m.disabilityGrade !== null && m.disabilityGrade <= 2),
    anyDisability: members.some((m) => m.disabilityGrade !== null),
    anyStudentAboveCompulsory: members.some((m) => m.schoolStage !== null && ABOVE_COMPULSORY.has(m.schoolStage)),
    elderlyOnly: headProfile === 'elderly' && members.length <= 2,
  };
}

const ABOVE_COMPULSORY = new Set<SchoolStage>(['senior', 'secondary_vocational', 'higher_vocational', 'bachelor', 'postgraduate']);

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

/** Villages with their county and area, and weighted picking of a household's village. */
class Places {
  readonly villages: readonly Region[];
  readonly area: AreaType[];
  /** County index per village. */
  readonly countyOf: Int32Array;
  /** 6-digit address code per county index. */
  readonly addressCode: string[] = [];
  private readonly allCumulative: Float64Array;
  private readonly ruralIndex: Int32Array;
  private readonly ruralCumulative: Float64Array;

  constructor(regions: RegionTree, random: Random) {
    this.villages = regions.atLevel(5);
    const n = this.villages.length;
    this.area = this.villages.map((v) => v.area ?? deriveVillageArea(v.code, v.name).area);
    this.countyOf = new Int32Array(n);
    const countyIndex = new Map<string, number>();
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const village = this.villages[i];
      const county = regions.ancestorAt(village.code, 3);
      if (!county) throw new Error(`village ${village.code} has no county`);
      let c = countyIndex.get(county.code);
      if (c === undefined) {
        countyIndex.set(county.code, (c = this.addressCode.length));
        this.addressCode.push(county.code.slice(0, 6));
      }
      this.countyOf[i] = c;
      // villages differ in size: a uniform spread of 0.3–1.7 around the area's weight
      weights[i] = (this.area[i] === 'rural' ? RURAL_VILLAGE_WEIGHT : 1) * (0.3 + 1.4 * random.next());
    }
    this.allCumulative = cumulative(weights);
    const rural = [...this.area.keys()].filter((i) => this.area[i] === 'rural');
    // a tree without rural villages still yields rural-monitoring households, in whatever villages it has
    const ruralPool = rural.length > 0 ? rural : [...this.area.keys()];
    this.ruralIndex = Int32Array.from(ruralPool);
    this.ruralCumulative = cumulative(Float64Array.from(ruralPool, (i) => weights[i]));
  }

  get countyCount(): number {
    return this.addressCode.length;
  }

  pickAny(random: Random): number {
    return search(this.allCumulative, random.next() * this.allCumulative[this.allCumulative.length - 1]);
  }

  pickRural(random: Random): number {
    const at = search(this.ruralCumulative, random.next() * this.ruralCumulative[this.ruralCumulative.length - 1]);
    return this.ruralIndex[at];
  }
}

function cumulative(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}

/** First index whose cumulative weight exceeds x. */
function search(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
