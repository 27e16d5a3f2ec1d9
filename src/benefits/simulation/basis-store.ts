// The 低保 basis cache (benefit_dibao_basis): stored when facts are saved and when the demo is seeded, and
// brought up to date by the simulation for its date — set-based SQL finds the rows that are missing or no
// longer valid (other counting rules, new facts, a changed member, or a member turning 18 / 25, born or
// dying between the row's date and the simulation's), and only those are recomputed with the pure rules.
import type { Queryable } from '../store/common';
import type { StoredPolicy } from '../store/policy-store';
import { buildHousehold, loadSubjectsPage, type Subject } from '../store/subjects';
import { basisRuleKey, computeBasis, type DibaoBasis } from './dibao-figures';

/**
 * A digest of the registry facts of a household's members that the basis depends on (persons alias `p`,
 * aggregated per household): the bit-xor of a 64-bit hash of each member's fields — order-free, so it can
 * be computed set-based for a whole province; 0 for a household without members.
 */
export function membersFingerprintSql(p: string): string {
  return `coalesce(bit_xor(hashtextextended(concat_ws('|', ${p}.id, coalesce(${p}.relation, ''), ${p}.birth_date, coalesce(${p}.disability_kind, ''),
    coalesce(${p}.disability_grade::text, ''), coalesce(${p}.serious_illness, ''), ${p}.labour_capacity, coalesce(${p}.employment, ''),
    coalesce(${p}.school_stage, ''), coalesce(${p}.died_on::text, '')), 0)), 0)`;
}

export interface BasisRow {
  household_id: number;
  as_of: string;
  rule_key: string;
  counted_members: number;
  income_num: number;
  income_den: number;
  financial_fen: number;
  other_assets_ok: boolean;
}

export function basisRow(householdId: number, asOf: string, ruleKey: string, b: DibaoBasis): BasisRow {
  return {
    household_id: householdId, as_of: asOf, rule_key: ruleKey, counted_members: b.countedMembers,
    income_num: b.income.num, income_den: b.income.den, financial_fen: b.financialFen, other_assets_ok: b.otherAssetsOk,
  };
}

/** Writes basis rows (one statement), with the facts version and members' fingerprint as they are now. */
export async function upsertBasis(q: Queryable, rows: BasisRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `insert into benefit_dibao_basis (household_id, as_of, rule_key, facts_version, members_fingerprint, counted_members, income_num, income_den, financial_fen, other_assets_ok)
     select x.household_id, x.as_of, x.rule_key, f.version, fp.fp, x.counted_members, x.income_num, x.income_den, x.financial_fen, x.other_assets_ok
     from jsonb_to_recordset($1::jsonb) as x(household_id bigint, as_of date, rule_key text, counted_members integer, income_num bigint, income_den bigint,
       financial_fen bigint, other_assets_ok boolean)
       join benefit_household_facts f on f.household_id = x.household_id
       cross join lateral (select ${membersFingerprintSql('p')} as fp from persons p where p.household_id = x.household_id) fp
     on conflict (household_id) do update set as_of = excluded.as_of, rule_key = excluded.rule_key, facts_version = excluded.facts_version,
       members_fingerprint = excluded.members_fingerprint, counted_members = excluded.counted_members, income_num = excluded.income_num,
       income_den = excluded.income_den, financial_fen = excluded.financial_fen, other_assets_ok = excluded.other_assets_ok, computed_at = now()`,
    [JSON.stringify(rows)]);
}

/** The basis of one household on a date under a version (for callers that already hold the subject). */
export function basisOf(subject: Subject, policy: StoredPolicy, date: string): BasisRow | null {
  if (!subject.facts) return null;
  const built = buildHousehold(subject, subject.facts.facts, date, policy);
  return basisRow(subject.household.id, date, basisRuleKey(policy), computeBasis(built.household, policy, date));
}

export interface BasisRefresh {
  recomputed: number;
}

/**
 * Makes the basis of every household matching `where` (SQL on alias h; parameters from $1) valid for
 * `date`, under the base version of its county (`baseByCounty`). Households without facts, or in a county
 * without a version, are left alone.
 */
export async function refreshBasis(q: Queryable, where: string, params: unknown[], date: string, baseByCounty: ReadonlyMap<string, StoredPolicy>, pageSize = 5000): Promise<BasisRefresh> {
  const keys = [...baseByCounty.entries()].map(([county, p]) => ({ county, rule_key: basisRuleKey(p) }));
  const p = [...params, JSON.stringify(keys), date];
  const K = `$${p.length - 1}`;
  const D = `$${p.length}::date`;
  const lo = `least(b.as_of, ${D})`;
  const hi = `greatest(b.as_of, ${D})`;
  // One set-based statement: the target households, their members' fingerprint and whether a member turns
  // 18 (25 for a student), is born or dies between the row's date and D (a day's margin either side).
  const stale = await q.query<{ id: number }>(
    `with target as materialized (
       select h.id, f.version as facts_version, k.rule_key
       from households h
         join benefit_household_facts f on f.household_id = h.id
         join jsonb_to_recordset(${K}::jsonb) as k(county text, rule_key text) on k.county = h.county_code
       where (${where})
     ), members as (
       select p.household_id, ${membersFingerprintSql('p')} as fp,
         bool_or(b.as_of <> ${D} and (
              (p.birth_date + interval '18 years')::date between ${lo} - 2 and ${hi} + 2
           or (p.school_stage is not null and (p.birth_date + interval '25 years')::date between ${lo} - 2 and ${hi} + 2)
           or p.birth_date between ${lo} - 1 and ${hi} + 1
           or p.died_on between ${lo} - 1 and ${hi} + 1)) as crossing
       from target t join persons p on p.household_id = t.id left join benefit_dibao_basis b on b.household_id = t.id
       group by p.household_id
     )
     select t.id from target t left join benefit_dibao_basis b on b.household_id = t.id left join members m on m.household_id = t.id
     where b.household_id is null or b.rule_key <> t.rule_key or b.facts_version <> t.facts_version
       or b.members_fingerprint <> coalesce(m.fp, 0) or coalesce(m.crossing, false)
     order by t.id`, p);
  const ids = stale.rows.map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += pageSize) {
    const chunk = ids.slice(i, i + pageSize);
    const page = await loadSubjectsPage(q, 'h.id = any($1::bigint[])', [chunk], 0, chunk.length);
    const rows: BasisRow[] = [];
    for (const s of page) {
      const policy = baseByCounty.get(s.household.county_code);
      if (!policy) continue;
      const row = basisOf(s, policy, date);
      if (row) rows.push(row);
    }
    await upsertBasis(q, rows);
  }
  return { recomputed: ids.length };
}
