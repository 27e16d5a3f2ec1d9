// The personal contribution ledger (个人社保缴费台账): for every person and insurance type, the months of the
// last LEDGER_MONTHS in which a contribution was paid, as bits, as of a day. A city's or the province's
// preview of RECOVERY_EMPLOYMENT finds runs of consecutive months from these bits (a few shifts and ANDs
// per person) instead of ranking 4 M contributions and hashing the 1.9 M members of 低保/特困 households
// (about 3 s on the bench).
//
// Exact, as the other ledgers are (ledger-builds.ts): a build notes the highest contribution id it read and
// the last logged change (migration 0011's trigger logs the people whose contributions stopped counting
// because a warning of the rule was closed); a preview evaluates the rule live for the people with newer
// contributions or logged changes. The bits hold every insurance type and the longest window the
// parameters allow, so any version of the rule can count from them; whether a person's household holds
// one of the rule's categories, routing, "applies to" and "already open" are read live.
import { personLedger } from './person-ledgers';
import type { RuleParams, RuleSql } from './rule-types';

/** Months the bits cover, this month included: the rule's longest window (24 months' look-back, runs of 36). */
export const LEDGER_MONTHS = 59;

/** The ledger's rows: each person's months with contributions of each type, bit i = i months before this month. */
function contributionLedgerSql(q: RuleSql): string {
  return `
    select s.id_number, s.insurance_type,
      bit_or(1::bigint << (monitoring_month_index(${q.monthOffset(0)}) - monitoring_month_index(s.period))) as months
    from feed_social_insurance_contribution s
    where ${q.inSlice('s')} and s.period > ${q.monthOffset(LEDGER_MONTHS)} and s.period <= ${q.monthOffset(0)}
      and ${q.fresh('s', 'social_insurance_contribution')}
    group by s.id_number, s.insurance_type`;
}

/** The run and look-back of a version, as whole months (validated integers, written into the SQL). */
function runWindow(params: RuleParams): { run: number; lookback: number } {
  return { run: Math.trunc(Number(params.consecutiveMonths)), lookback: Math.trunc(Number(params.lookbackMonths)) };
}

/**
 * A run of at least `run` consecutive months whose last month is one of the latest `lookback` months, in
 * months bits (bit i: i months ago). Bit i of m & m>>1 & … & m>>(run-1) says that months i to i+run-1 were
 * all paid: a run of `run` months ending at month i. The rule only reads the months of its window
 * (lookback + run - 1 of them); a run that ends in the look-back lies within it, so earlier bits change
 * nothing.
 */
export function runCondition(bits: string, run: number, lookback: number): string {
  const ends = Array.from({ length: run }, (_, k) => (k === 0 ? bits : `(${bits} >> ${k})`)).join(' & ');
  return `((${ends}) & ((1::bigint << ${lookback}) - 1)) <> 0`;
}

export const contributionMonthsLedger = personLedger({
  name: 'contributionMonths',
  label: 'personal contribution ledger',
  ruleCode: 'RECOVERY_EMPLOYMENT',
  tables: { builds: 'contribution_ledger_builds', rows: 'contribution_ledger', changes: 'contribution_ledger_changes' },
  // The bits serve every version whose window fits in them.
  serves: (p) => { const { run, lookback } = runWindow(p); return run >= 1 && lookback >= 1 && lookback + run - 1 <= LEDGER_MONTHS; },
  columns: ['id_number', 'insurance_type', 'months'],
  rows: contributionLedgerSql,
  // The types' bits OR-ed (a month paid under two types counts once); whether the household holds one of
  // the categories is probed per person with a run (as EXISTS, the planner hashed the province's 1.9 M
  // members of such households). No figures, summary or evidence: a preview describes its sample afterwards.
  firing: (q, p, l) => {
    const { run, lookback } = runWindow(p);
    return `
    with m as (
      select l.id_number, bit_or(l.months) as months
      from contribution_ledger l
      where l.build_id = ${l.buildId} and l.insurance_type = any(${q.p('insuranceTypes')}) and ${q.inSlice('l')} and ${l.notChanged}
      group by l.id_number
    )
    select m.id_number, null::text as name, '{}'::jsonb as figures,
      ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
    from m
    where ${runCondition('m.months', run, lookback)}
      and coalesce((select true from persons cp join household_categories cc on cc.household_id = cp.household_id and cc.to_date is null
                     where cp.id_number = m.id_number and cc.category = any(${q.p('categories')}) limit 1), false)`;
  },
  // A proposal and the version in force: each person's bits read once, the household's categories probed
  // once for anyone with a run under either version (the probes are most of a count's time).
  together: (qs, ps, l) => {
    const runs = ps.map((p, i) => {
      const { run, lookback } = runWindow(p);
      return `coalesce(${runCondition(`m.m${i}`, run, lookback)}, false) as r${i}`;
    });
    const fires = (i: number) => `(c.r${i} and coalesce(c.cats && ${qs[i].p('categories')}, false))`;
    return `
    with m as (
      select l.id_number, ${ps.map((_, i) => `bit_or(l.months) filter (where l.insurance_type = any(${qs[i].p('insuranceTypes')})) as m${i}`).join(', ')}
      from contribution_ledger l
      where l.build_id = ${l.buildId} and l.insurance_type = any(${qs.map((q) => q.p('insuranceTypes')).join(' || ')})
        and ${qs[0].inSlice('l')} and ${l.notChanged}
      group by l.id_number
    ), r as (
      select m.id_number, ${runs.join(', ')} from m
    ), c as materialized (
      -- Once per person (each version's flag reads it).
      select r.*, (select array_agg(cc.category) from persons cp join household_categories cc on cc.household_id = cp.household_id and cc.to_date is null
                   where cp.id_number = r.id_number) as cats
      from r where ${ps.map((_, i) => `r.r${i}`).join(' or ')}
    )
    select c.id_number, null::text as name, jsonb_build_object(${ps.map((_, i) => `'v${i}', ${fires(i)}::int`).join(', ')}) as figures,
      ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
    from c where ${ps.map((_, i) => fires(i)).join(' or ')}`;
  },
});
