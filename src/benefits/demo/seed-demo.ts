// Benefits for the demo province, after the registry's demo population is loaded: demo policy versions for
// the province (the 上犹县 figures copied province-wide, marked as demo), assumed income facts for every
// household (the demo income model: the registry holds no income), and awards for the current 低保 and 特困
// households — and 单人保 for severely disabled or ill members of 边缘 households — computed with the real
// assessment functions on each household's members. An award is decided on the day the household's current
// category began (not before the first stored policy); each later policy version in force is applied as a
// monthly recalculation would (the award ends and a successor starts), so histories and statistics have
// content. Loaded with COPY in one transaction; the re-check schedule is computed afterwards.
import type { Database } from '../../platform/db';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit';
import { addMonthsToMonth, compareDates } from '../dates';
import type { PolicyVersion } from '../policy/types';
import { SEED_POLICY_VERSIONS } from '../policy/seed';
import { assessProgramme, type ProgrammeResult } from '../store/assess';
import { ancestorsOfCounty, type Programme } from '../store/common';
import { loadPolicyVersions, policyForCounty, seedPolicyVersions, type StoredPolicy } from '../store/policy-store';
import { refreshRechecks } from '../dynamic/rechecks';
import { buildHousehold, loadSubjectsPage, type HouseholdFacts, type Subject } from '../store/subjects';
import { qualifyingDisabilities } from '../assessment/single-person';
import { demoFacts } from './income-model';
import { basisRuleKey, computeBasis } from '../simulation/dibao-figures';
import { membersFingerprintSql } from '../simulation/basis-store';

export const DEMO_PROVINCE_CODE = '360000000000';

/** The province-wide demo versions: the seed's figures under the province's code, every figure marked assumed. */
export function demoProvinceVersions(): PolicyVersion[] {
  return SEED_POLICY_VERSIONS.map((v) => ({
    ...v,
    regionCode: DEMO_PROVINCE_CODE,
    regionName: '江西省（演示用）',
    source: {
      documents: [`演示数据：复制上犹县第${v.version}版（${v.effectiveFrom}起）的标准供全省各县演示使用，不是江西省或各地的正式标准。原始依据：${v.source.documents.join('；')}`],
      assumed: ['全部参数（演示用，非正式标准）', ...v.source.assumed],
      notes: '仅在演示库中装载（bin/safetynet demo / serve --demo）。',
    },
  }));
}

function csv(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const row = (values: (string | number | null | undefined)[]) => values.map(csv).join(',') + '\n';

export interface DemoBenefitsResult {
  households: number;
  facts: number;
  awards: number;
  adjustments: number;
  notEligible: number;
  seconds: number;
}

const AWARD_COLUMNS = 'id, household_id, person_id, programme, amount_fen, start_month, end_month, end_reason, ended_on, ended_by, policy_version_id, policy_ref, explanation, decided_on, decided_by, source, decision_ref, previous_award_id';

/**
 * Seeds demo benefits into a registry that has none yet. `awards: false` writes only the facts (enough for
 * the policy simulation). Idempotent in effect: refuses to run when facts already exist.
 */
export async function seedDemoBenefits(db: Database, options: { today: string; awards?: boolean; pageSize?: number; onProgress?: (households: number) => void }): Promise<DemoBenefitsResult> {
  const started = Date.now();
  const withAwards = options.awards ?? true;
  const existing = await db.query<{ n: number }>('select count(*)::int as n from benefit_household_facts');
  if (existing.rows[0].n > 0) throw new Error('demo benefits are already loaded (benefit_household_facts is not empty)');
  await seedPolicyVersions(db);
  const province = await db.query('select 1 from policy_versions where region_code = $1', [DEMO_PROVINCE_CODE]);
  if (province.rows.length === 0) await seedPolicyVersions(db, demoProvinceVersions(), 'demo');
  const versions = await loadPolicyVersions(db);
  const firstId = await db.query<{ m: number | null }>('select max(id) as m from benefit_awards');
  let nextId = Number(firstId.rows[0].m ?? 0);
  const result: DemoBenefitsResult = { households: 0, facts: 0, awards: 0, adjustments: 0, notEligible: 0, seconds: 0 };
  const pageSize = options.pageSize ?? 5000;

  /** Versions of a county's chain that take effect after `from` and on or before today (dates to re-assess on). */
  const changeDates = (countyCode: string, area: 'urban' | 'rural', from: string): string[] => {
    const chain = [countyCode, ...ancestorsOfCounty(countyCode)];
    const dates = [...new Set(versions.filter((v) => chain.includes(v.regionCode) && (v.areaType === 'both' || v.areaType === area)).map((v) => v.effectiveFrom))]
      .filter((d) => compareDates(d, from) > 0 && compareDates(d, options.today) <= 0).sort();
    // Only the dates where the version in force actually changes.
    return dates.filter((d) => policyForCounty(versions, countyCode, area, d)?.effectiveFrom === d);
  };
  const firstEffective = (countyCode: string, area: 'urban' | 'rural'): string | null => {
    const chain = [countyCode, ...ancestorsOfCounty(countyCode)];
    const ds = versions.filter((v) => chain.includes(v.regionCode) && (v.areaType === 'both' || v.areaType === area)).map((v) => v.effectiveFrom).sort();
    return ds[0] ?? null;
  };

  await db.transaction(async (tx) => {
    let lastId = 0;
    for (;;) {
      const page: Subject[] = await loadSubjectsPage(tx, 'true', [], lastId, pageSize);
      if (page.length === 0) break;
      lastId = page[page.length - 1].household.id;
      const cats = await tx.query<{ household_id: number; category: string; from_date: string }>(
        `select household_id, category, from_date from household_categories where household_id = any($1::bigint[]) and to_date is null order by household_id, from_date desc`,
        [page.map((s) => s.household.id)]);
      const current = new Map<number, { category: string; from: string }>();
      for (const c of cats.rows) if (!current.has(Number(c.household_id))) current.set(Number(c.household_id), { category: c.category, from: c.from_date });
      const factRows: string[] = [];
      const awardRows: string[] = [];
      const basisRows: string[] = [];
      for (const subject of page) {
        result.households++;
        const h = subject.household;
        const policyNow = policyForCounty(versions, h.county_code, h.area_type, options.today);
        if (!policyNow) continue;
        const cat = current.get(h.id);
        const facts: HouseholdFacts = demoFacts({
          id: h.id, category: cat?.category ?? null,
          members: subject.members.map((m) => ({ id: m.id, relation: m.relation, birthDate: m.birth_date, labourCapacity: m.labour_capacity, employment: m.employment, disabilityGrade: m.disability_grade, diedOn: m.died_on })),
        }, policyNow.params.dibaoStandard[h.area_type], options.today);
        factRows.push(row([h.id, options.today, 'demoModel', JSON.stringify(facts), 'demo']));
        result.facts++;
        // The 低保 basis on the same day, so that the first policy simulation finds it ready.
        const basis = computeBasis(buildHousehold(subject, facts, options.today, policyNow).household, policyNow, options.today);
        basisRows.push(row([h.id, options.today, basisRuleKey(policyNow), 1, 0, basis.countedMembers, basis.income.num, basis.income.den, basis.financialFen, basis.otherAssetsOk ? 't' : 'f']));
        if (!withAwards || !cat) continue;

        const beneficiaries: { programme: Programme; personId: number | null }[] = [];
        const head = subject.members.find((m) => m.relation === 'head');
        if (cat.category === 'dibao') beneficiaries.push({ programme: 'dibao', personId: null });
        else if (cat.category === 'tekun' && head) beneficiaries.push({ programme: 'tekun', personId: head.id });
        else if (cat.category === 'nearPoor') {
          for (const m of subject.members) {
            if (m.disability_kind && m.disability_grade && qualifyingDisabilities([{ kind: m.disability_kind, grade: m.disability_grade }], policyNow).length > 0) {
              beneficiaries.push({ programme: 'singlePersonDibao', personId: m.id });
            }
          }
        }
        if (beneficiaries.length === 0) continue;
        const first = firstEffective(h.county_code, h.area_type);
        if (!first) continue;
        const d0 = compareDates(cat.from, first) < 0 ? first : cat.from;
        const dates = [d0, ...changeDates(h.county_code, h.area_type, d0)];
        const assess = (date: string, b: { programme: Programme; personId: number | null }): { r: ProgrammeResult; policy: StoredPolicy } | null => {
          const policy = policyForCounty(versions, h.county_code, h.area_type, date);
          if (!policy) return null;
          const built = buildHousehold(subject, facts, date, policy);
          return { r: assessProgramme(built, policy, date, b.programme, b.personId), policy };
        };
        for (const b of beneficiaries) {
          let prev: { id: number; amountFen: number; row: unknown[] } | null = null;
          let awarded = false;
          for (const date of dates) {
            const a = assess(date, b);
            if (!a) continue;
            const { r, policy } = a;
            const amount = r.eligible ? r.amountFen : 0;
            if (prev ? amount === prev.amountFen : amount === 0) continue;
            const startMonth = r.paymentFromMonth;
            if (prev) {
              // Ends with the month before its successor starts (for an exit: before the exit month).
              prev.row[6] = prevMonth(startMonth);
              prev.row[7] = amount > 0 ? 'adjusted' : 'ineligible';
              prev.row[8] = date;
              prev.row[9] = 'demo';
              awardRows.push(row(prev.row as never));
              if (amount === 0) {
                prev = null;
                continue;
              }
            }
            const id = ++nextId;
            const values: unknown[] = [id, h.id, b.personId, b.programme, amount, startMonth, null, null, null, null, policy.id, JSON.stringify(r.policyVersion),
              JSON.stringify({ steps: r.steps, flags: r.flags }), date, 'demo', prev ? 'recalculation' : 'demo', prev ? `demo:recalc:${date}` : 'demo:decision', prev?.id ?? null];
            if (prev) result.adjustments++;
            result.awards++;
            awarded = true;
            prev = { id, amountFen: amount, row: values };
          }
          if (prev) awardRows.push(row(prev.row as never));
          if (!awarded) result.notEligible++;
        }
      }
      if (factRows.length) await tx.copyIn('COPY benefit_household_facts (household_id, as_of, source, facts, updated_by) FROM STDIN WITH (FORMAT csv)', factRows);
      if (awardRows.length) await tx.copyIn(`COPY benefit_awards (${AWARD_COLUMNS}) FROM STDIN WITH (FORMAT csv)`, awardRows);
      if (basisRows.length) {
        await tx.copyIn('COPY benefit_dibao_basis (household_id, as_of, rule_key, facts_version, members_fingerprint, counted_members, income_num, income_den, financial_fen, other_assets_ok) FROM STDIN WITH (FORMAT csv)', basisRows);
      }
      options.onProgress?.(result.households);
    }
    if (nextId > 0) await tx.query(`select setval(pg_get_serial_sequence('benefit_awards', 'id'), $1)`, [nextId]);
    await tx.query(`update benefit_dibao_basis b set members_fingerprint = x.fp
      from (select p.household_id, ${membersFingerprintSql('p')} as fp from persons p group by p.household_id) x where x.household_id = b.household_id`);
    await appendAudit(tx, SYSTEM_ACTOR, { action: 'benefits.demo_seed', entity: 'benefit_awards', entityId: null, regionCode: DEMO_PROVINCE_CODE, after: { ...result, today: options.today } });
  });
  for (const table of ['benefit_household_facts', 'benefit_awards', 'benefit_dibao_basis']) await db.query(`analyze ${table}`);
  if (withAwards) await refreshRechecks(db, {}, options.today);
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

const prevMonth = (month: string) => addMonthsToMonth(month, -1);
