// The demo income model. The registry holds no income, so the demo province's households get assumed
// facts: a per-capita income drawn, deterministically from the household id, as a share of the local 低保
// standard that fits the household's current category (低保 10–90%, 边缘 105–145%, 防返贫监测 110–250%,
// 刚性支出 160–300%, others 90–200%; a 特困 person has no income of their own), split among the members
// able to work as wages, business or farming income (farming given as annual income, so the monthly
// figure is a twelfth), plus exempt income (basic resident pension from 60, disability allowance for
// grades 1–2) and deposits. DEMO ASSUMPTIONS, not data: docs/benefits.md says so. Pure.
import type { IncomeItem } from '../assessment/types';
import { SELF_CARE_ACTIVITIES } from '../kinds';
import { ageOn } from '../dates';
import type { HouseholdFacts, MemberFacts } from '../store/subjects';

export interface ModelMember {
  id: number;
  relation: string | null;
  birthDate: string;
  labourCapacity: string;
  employment: string | null;
  disabilityGrade: number | null;
  diedOn: string | null;
}

export interface ModelHousehold {
  id: number;
  category: string | null;
  members: ModelMember[];
}

/** Per-capita counted income as a share of the standard, per mille: [from, to). */
export const INCOME_SHARE_BY_CATEGORY: Record<string, [number, number]> = {
  dibao: [100, 900],
  tekun: [0, 500],
  nearPoor: [1050, 1450],
  ruralMonitoring: [1100, 2500],
  rigidExpenditure: [1600, 3000],
  other: [900, 2000],
};

/** Deposits as months of the standard per person: [0, months). */
const DEPOSIT_MONTHS: Record<string, number> = { dibao: 6, tekun: 3, nearPoor: 12, ruralMonitoring: 30, rigidExpenditure: 20, other: 20 };

export const DEMO_RESIDENT_PENSION_FEN = 14_500;
export const DEMO_DISABILITY_ALLOWANCE_FEN = 9_000;

/** mulberry32 on the household id: the same household always gets the same facts. */
function random(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONDITIONAL_RELATIONS = new Set(['grandchild', 'grandparent', 'sibling', 'child_in_law', 'other']);

/**
 * Facts for a household as of `asOf`, with `standardFen` the 低保 standard of its area then. The 特困
 * person of a 特困 household is its head (the demo registry makes the head the supported person).
 */
export function demoFacts(h: ModelHousehold, standardFen: number, asOf: string): HouseholdFacts {
  const rnd = random(h.id);
  const category = h.category && INCOME_SHARE_BY_CATEGORY[h.category] ? h.category : 'other';
  const living = h.members.filter((m) => !(m.diedOn && m.diedOn <= asOf) && m.birthDate <= asOf);
  const n = Math.max(1, living.length);
  const [from, to] = INCOME_SHARE_BY_CATEGORY[category];
  const share = from + Math.floor(rnd() * (to - from));
  const tekunHead = category === 'tekun' ? living.find((m) => m.relation === 'head') : undefined;
  // Whole yuan, rounded down, so that a share below the standard stays below it.
  const totalYuan = category === 'tekun'
    ? Math.floor((standardFen * share * Math.max(0, n - 1)) / 1000 / 100)
    : Math.floor((standardFen * share * n) / 1000 / 100);

  const earners = living.filter((m) => {
    if (m === tekunHead) return false;
    const age = ageOn(m.birthDate, asOf);
    return age >= 16 && age < 65 && m.labourCapacity !== 'none' && ['employed', 'self_employed', 'farming', 'unemployed'].includes(m.employment ?? '');
  });
  const weight = (m: ModelMember) => (m.employment === 'unemployed' ? 0.3 : 1) * (m.labourCapacity === 'partial' ? 0.5 : 1);
  const incomes: IncomeItem[] = [];
  if (totalYuan > 0) {
    if (earners.length === 0) {
      incomes.push({ kind: 'supportPayment', monthlyFen: totalYuan * 100, note: '亲友资助（演示数据）' });
    } else {
      const sum = earners.reduce((s, m) => s + weight(m), 0);
      let left = totalYuan;
      earners.forEach((m, i) => {
        const yuanShare = i === earners.length - 1 ? left : Math.floor((totalYuan * weight(m)) / sum);
        left -= yuanShare;
        if (yuanShare <= 0) return;
        const memberId = String(m.id);
        if (m.employment === 'farming') incomes.push({ memberId, kind: 'businessNet', annualFen: yuanShare * 1200, note: '种养殖年纯收入（演示数据）' });
        else if (m.employment === 'self_employed') incomes.push({ memberId, kind: 'businessNet', monthlyFen: yuanShare * 100, note: '个体经营（演示数据）' });
        else incomes.push({ memberId, kind: 'wages', monthlyFen: yuanShare * 100, note: m.employment === 'unemployed' ? '零工收入（演示数据）' : '工资（演示数据）' });
      });
    }
  }
  for (const m of living) {
    if (ageOn(m.birthDate, asOf) >= 60) incomes.push({ memberId: String(m.id), kind: 'residentPensionBasic', monthlyFen: DEMO_RESIDENT_PENSION_FEN });
    if (m.disabilityGrade !== null && m.disabilityGrade <= 2) incomes.push({ memberId: String(m.id), kind: 'disabilityAllowance', monthlyFen: DEMO_DISABILITY_ALLOWANCE_FEN });
  }
  const depositMonths = DEPOSIT_MONTHS[category];
  const deposit = Math.floor(rnd() * depositMonths * n * standardFen / 100) * 100;
  const members: Record<string, MemberFacts> = {};
  for (const m of living) {
    if (CONDITIONAL_RELATIONS.has(m.relation ?? 'other')) members[String(m.id)] = { supportDuty: true };
  }
  if (tekunHead) {
    const u = rnd();
    const unmet = u < 0.65 ? 0 : u < 0.9 ? 1 + Math.floor(rnd() * 3) : 4 + Math.floor(rnd() * 3);
    members[String(tekunHead.id)] = { ...members[String(tekunHead.id)], supporters: [], unmetSelfCareActivities: SELF_CARE_ACTIVITIES.slice(0, unmet) as never };
  }
  return {
    incomes,
    expenses: [],
    assets: deposit > 0 ? [{ kind: 'deposit', valueFen: deposit, note: '银行存款（演示数据）' }] : [],
    rigidExpenses12m: [],
    members,
    incomeVaries: earners.some((m) => m.employment !== 'employed'),
  };
}
