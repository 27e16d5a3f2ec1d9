// Who lives in a demo household: the head (profile and age fitting the category), then spouse, children,
// parents, grandchildren… with birth days that fit the relation — spouses of similar age, children 20–40
// years younger than the head, parents 20–40 years older, grandchildren two generations down.

import type { Relation, Sex } from '../vocabulary';
import type { DemoCategory, HeadProfile } from './categories';
import type { DayTable } from './day-table';
import type { NameMaker } from './names';
import { Random, Weighted } from './random';

export interface DraftMember {
  relation: Relation;
  sex: Sex;
  /** Birth day as a DayTable index. */
  day: number;
  surname: string;
}

export interface Composition {
  profile: HeadProfile;
  members: DraftMember[];
}

const YEAR = 365.25;
// Strictly more than 20 years and less than 40 years of days, whatever the leap years in between.
const MIN_GAP = 7306;
const MAX_GAP = 14_600;
const OLDEST_AGE = 100;

type Role = Exclude<Relation, 'head' | 'spouse'>;

const ROLES_BY_HEAD_AGE: { below: number; roles: Weighted<Role> }[] = [
  { below: 18, roles: new Weighted<Role>([['sibling', 1]]) },
  { below: 30, roles: new Weighted<Role>([['child', 4], ['parent', 4], ['sibling', 1.5], ['grandparent', 0.5], ['other', 0.3]]) },
  { below: 50, roles: new Weighted<Role>([['child', 8], ['parent', 2], ['sibling', 0.5], ['other', 0.3]]) },
  { below: 65, roles: new Weighted<Role>([['child', 6], ['grandchild', 3], ['child_in_law', 1.5], ['parent', 1], ['other', 0.3]]) },
  { below: Infinity, roles: new Weighted<Role>([['child', 4], ['grandchild', 4], ['child_in_law', 2], ['sibling', 0.5], ['other', 0.3]]) },
];

export class HouseholdComposer {
  private readonly oldestDay: number;

  constructor(
    private readonly random: Random,
    private readonly days: DayTable,
    private readonly names: NameMaker,
  ) {
    this.oldestDay = Math.max(0, days.todayIndex - Math.floor((OLDEST_AGE + 1) * YEAR) + 1);
  }

  compose(category: DemoCategory, size: number): Composition {
    const r = this.random;
    const { profile, age } = this.headProfile(category, size);
    const headSex: Sex = r.chance(size === 1 ? (profile === 'severeDisability' ? 0.6 : 0.5) : 0.72) ? 'M' : 'F';
    const head: DraftMember = { relation: 'head', sex: headSex, day: this.dayAtAge(age), surname: this.names.surname() };
    const members = [head];

    const spouseLikely = category === 'tekun' ? (profile === 'elderly' ? 0.7 : 0) : 0.8;
    if (size > 1 && age >= 20 && r.chance(spouseLikely)) members.push(this.spouse(head));
    const spouse = members[1];
    // children carry the father's surname; a mother alone passes on hers or the absent father's
    const familySurname =
      head.sex === 'M' ? head.surname : spouse?.sex === 'M' ? spouse.surname : r.chance(0.5) ? head.surname : this.names.surname();

    const roles = category === 'tekun' ? ROLES_BY_HEAD_AGE[0].roles : ROLES_BY_HEAD_AGE.find((g) => age < g.below)!.roles;
    while (members.length < size) {
      const role = roles.pick(r);
      // a role that does not fit the ages (no parents alive for an old head…) becomes a child or sibling
      const member =
        this.member(role, members, familySurname) ?? this.member('child', members, familySurname) ?? this.member('sibling', members, familySurname)!;
      members.push(member);
    }
    return { profile, members };
  }

  private headProfile(category: DemoCategory, size: number): { profile: HeadProfile; age: number } {
    const r = this.random;
    if (category === 'tekun') {
      const x = r.next();
      if (x < 0.62) return { profile: 'elderly', age: r.between(60, 95) };
      if (x < 0.92) return { profile: 'severeDisability', age: r.between(18, 59) };
      return { profile: 'minor', age: r.between(4, 15) };
    }
    // single low-income people are mostly old; larger households have a working-age head
    const elderlyShare = size === 1 ? 0.5 : category === 'rigidExpenditure' ? 0.2 : category === 'dibao' ? 0.3 : 0.25;
    if (r.chance(elderlyShare)) return { profile: 'elderly', age: r.between(60, size === 1 ? 92 : 85) };
    return { profile: 'adult', age: r.between(size === 1 ? 30 : 25, 59) };
  }

  private member(role: Role, members: DraftMember[], familySurname: string): DraftMember | null {
    const r = this.random;
    const head = members[0];
    const today = this.days.todayIndex;
    switch (role) {
      case 'child': {
        const maxGap = Math.min(MAX_GAP, today - head.day);
        if (maxGap < MIN_GAP) return null;
        const sex = this.sex();
        return { relation: 'child', sex, day: head.day + r.between(MIN_GAP, maxGap), surname: r.chance(0.95) ? familySurname : this.names.surname() };
      }
      case 'parent': {
        const parents = members.filter((m) => m.relation === 'parent');
        if (parents.length >= 2) return null;
        const day = head.day - r.between(MIN_GAP, MAX_GAP);
        if (day < this.oldestDay) return null;
        const sex: Sex = parents.length === 1 ? (parents[0].sex === 'M' ? 'F' : 'M') : this.sex();
        return { relation: 'parent', sex, day, surname: sex === 'M' ? head.surname : this.names.surname() };
      }
      case 'grandchild': {
        const adultChild = members.find((m) => m.relation === 'child' && this.days.age(m.day) >= 20);
        const parentDay = adultChild ? adultChild.day : head.day + r.between(MIN_GAP, 12_000);
        const maxGap = Math.min(MAX_GAP, today - parentDay);
        if (maxGap < MIN_GAP) return null;
        return { relation: 'grandchild', sex: this.sex(), day: parentDay + r.between(MIN_GAP, maxGap), surname: r.chance(0.8) ? familySurname : this.names.surname() };
      }
      case 'child_in_law': {
        const married = members.filter((m) => m.relation === 'child_in_law').length;
        const adultChildren = members.filter((m) => m.relation === 'child' && this.days.age(m.day) >= 20);
        const child = adultChildren[married];
        if (!child) return null;
        const day = this.clampAdult(child.day + r.between(-3 * 365, 3 * 365));
        return { relation: 'child_in_law', sex: child.sex === 'M' ? 'F' : 'M', day, surname: this.names.surname() };
      }
      case 'grandparent': {
        const day = head.day - r.between(2 * MIN_GAP, 2 * MAX_GAP);
        if (day < this.oldestDay) return null;
        const sex = this.sex();
        return { relation: 'grandparent', sex, day, surname: sex === 'M' ? head.surname : this.names.surname() };
      }
      case 'sibling': {
        const spread = this.days.age(head.day) < 18 ? 6 * 365 : 12 * 365;
        const day = Math.min(today, Math.max(this.oldestDay, head.day + r.between(-spread, spread)));
        return { relation: 'sibling', sex: this.sex(), day, surname: head.surname };
      }
      case 'other':
        return this.other();
    }
  }

  /** Husbands are usually a little older than wives. */
  private spouse(head: DraftMember): DraftMember {
    const younger = this.random.between(-2 * 365, 6 * 365);
    const day = this.clampAdult(head.day + (head.sex === 'M' ? younger : -younger));
    return { relation: 'spouse', sex: head.sex === 'M' ? 'F' : 'M', day, surname: this.names.surname() };
  }

  private other(): DraftMember {
    const day = this.dayAtAge(this.random.between(5, 85));
    return { relation: 'other', sex: this.sex(), day, surname: this.names.surname() };
  }

  private sex(): Sex {
    return this.random.chance(0.51) ? 'M' : 'F';
  }

  /** A birth day giving about this age today (within the year after the birthday). */
  private dayAtAge(age: number): number {
    const day = this.days.todayIndex - Math.floor(age * YEAR) - this.random.int(365);
    return Math.min(this.days.todayIndex, Math.max(this.oldestDay, day));
  }

  /** Adults in spouse-like roles: at least 18 and within the table. */
  private clampAdult(day: number): number {
    const latest = this.days.todayIndex - Math.ceil(18 * YEAR);
    return Math.min(latest, Math.max(this.oldestDay, day));
  }
}
