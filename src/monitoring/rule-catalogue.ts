// The default warning rules: identity, typed parameters with their default values, the words that explain
// them, and the set-based SQL that finds who each one fires for. Every number here is a default of a
// parameter that administrators edit as versioned data (rule-store.ts), never a threshold fixed in code.
// docs/rules.md describes each rule; the SQL conventions are in rule-types.ts.
import {
  CATEGORY_LABELS,
  DISABILITY_KIND_LABELS,
  LABOUR_CAPACITY_LABELS,
  SCHOOL_STAGE_LABELS,
  type Category,
} from '../registry/vocabulary';
import { formatYuan } from './rule-params';
import type { ParamSpec, RuleDefinition, RuleParams, RuleSql } from './rule-types';

// ── vocabularies shown in parameters and summaries ─────────────────────────────────────────────────────

const BENEFIT_CATEGORIES: Record<string, { zh: string; en: string }> = Object.fromEntries(
  (['dibao', 'tekun', 'nearPoor', 'rigidExpenditure', 'ruralMonitoring', 'temporaryAssistance', 'otherHardship'] as Category[]).map((c) => [c, CATEGORY_LABELS[c]]),
);
const LOSS_LEVELS = { severe: { zh: '严重', en: 'Severe' }, major: { zh: '较重', en: 'Major' }, ordinary: { zh: '一般', en: 'Ordinary' } };
const MONITORING_TYPES = {
  unstable_lifted: { zh: '脱贫不稳定户', en: 'Unstable lifted out of poverty' },
  marginal_at_risk: { zh: '边缘易致贫户', en: 'Marginal, at risk' },
  sudden_hardship: { zh: '突发严重困难户', en: 'Sudden serious hardship' },
};
const INSURANCE_TYPES = {
  employee_pension: { zh: '职工基本养老保险', en: 'Employee pension' },
  public_pension: { zh: '机关事业单位养老保险', en: 'Public-sector pension' },
  employee_medical: { zh: '职工基本医疗保险', en: 'Employee medical insurance' },
  unemployment: { zh: '失业保险', en: 'Unemployment insurance' },
  work_injury: { zh: '工伤保险', en: 'Work-injury insurance' },
};

/** A SQL CASE turning a code column into its Chinese (or English) label. */
function labelCase(expr: string, labels: Record<string, { zh: string; en: string }>, lang: 'zh' | 'en' = 'zh'): string {
  const whens = Object.entries(labels).map(([code, l]) => `when '${code}' then '${l[lang].replace(/'/g, "''")}'`).join(' ');
  return `(case ${expr} ${whens} else ${expr} end)`;
}

const GRADE_ZH = `(array['一级','二级','三级','四级'])`;

// ── shared parameters ──────────────────────────────────────────────────────────────────────────────────

const months = (key: string, label: string, labelEn: string, max = 36, help?: string): ParamSpec => ({ key, label, labelEn, type: 'integer', unit: '个月', unitEn: 'months', min: 1, max, help });
const age = (key: string, label: string, labelEn: string): ParamSpec => ({ key, label, labelEn, type: 'integer', unit: '岁', unitEn: 'years', min: 0, max: 120 });
const money = (key: string, label: string, labelEn: string): ParamSpec => ({ key, label, labelEn, type: 'money', min: 0, max: 100_000_000_00 });
const categories = (label = '适用的家庭监测类别', labelEn = 'Household categories concerned'): ParamSpec =>
  ({ key: 'categories', label, labelEn, type: 'codeList', values: BENEFIT_CATEGORIES, minItems: 1 });
const LOOKBACK = months('lookbackMonths', '追溯月数（记录日期在近 N 个月内）', 'Look-back (records dated in the last N months)');

const n = (params: RuleParams, key: string) => params[key] as number;
const list = (params: RuleParams, key: string) => params[key] as string[];
const labelsOf = (values: string[], labels: Record<string, { zh: string; en: string }>, lang: 'zh' | 'en' = 'zh') =>
  values.map((v) => labels[v]?.[lang] ?? v).join(lang === 'zh' ? '、' : ', ');

const ageRangeCheck = (minKey: string, maxKey: string) => (p: RuleParams) =>
  n(p, minKey) > n(p, maxKey) ? [{ key: maxKey, zh: '最大年龄不能小于最小年龄', en: 'The maximum age may not be below the minimum age' }] : [];

// ── SQL pieces ─────────────────────────────────────────────────────────────────────────────────────────

/** Evidence arrays of one feed's rows under `alias` (inside an aggregate). */
const evidence = (alias: string, feed: string) =>
  `array_agg('${feed}'::text order by ${alias}.id) as ev_feeds, array_agg(${alias}.id order by ${alias}.id) as ev_ids`;

/** The person's household currently holds one of the categories (parameter `categories`). */
const inCategories = (q: RuleSql, idExpr: string) =>
  `exists (select 1 from persons cp join household_categories cc on cc.household_id = cp.household_id and cc.to_date is null
            where cp.id_number = ${idExpr} and cc.category = any(${q.p('categories')}))`;

/** The categories (of the list) the person's household holds now, in words. */
const categoryWords = (q: RuleSql, idExpr: string, lang: 'zh' | 'en' = 'zh') =>
  `(select string_agg(distinct ${labelCase('cc.category', BENEFIT_CATEGORIES, lang)}, '${lang === 'zh' ? '、' : ', '}')
      from persons cp join household_categories cc on cc.household_id = cp.household_id and cc.to_date is null
     where cp.id_number = ${idExpr} and cc.category = any(${q.p('categories')}))`;

/** Members of a household alive today: neither the registry nor a death registration says otherwise. */
const livingMembers = (q: RuleSql, householdExpr: string) =>
  `persons o where o.household_id = ${householdExpr} and (o.died_on is null or o.died_on > ${q.today})
     and not exists (select 1 from feed_death_registration x where x.id_number = o.id_number and x.died_on <= ${q.today})`;

/** Deaths in the look-back of people in households (household rules about deaths). */
const deathsInHouseholds = (q: RuleSql) => `
  select d.id, d.id_number, d.died_on, p.name, p.household_id, p.birth_date, p.labour_capacity
  from feed_death_registration d join persons p on p.id_number = d.id_number
  where ${q.inSlice('d')} and d.died_on > ${q.monthsAgo('lookbackMonths')} and d.died_on <= ${q.today}
    and p.household_id is not null and ${q.fresh('d', 'death_registration')}`;

// ── the rules ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Each person's self-paid medical costs over the window (settlements that are not evidence of a closed
 * warning of the rule), from `minimum` on when given: MEDICAL_SELF_PAID_12M's sums, which the personal
 * medical ledger keeps with no minimum (medical-ledger.ts).
 */
function medicalSelfPaidSums(q: RuleSql, minimum: string | null): string {
  return `
      select m.id_number, sum(m.self_paid) as total, count(*) as settlements
      from feed_medical_settlement m
      where ${q.inSlice('m')} and m.settled_on > ${q.monthsAgo('windowMonths')} and m.settled_on <= ${q.today}
        and ${q.fresh('m', 'medical_settlement')}
      group by m.id_number${minimum === null ? '' : `
      having sum(m.self_paid) >= ${minimum}`}`;
}

/** The personal medical ledger's rows: MEDICAL_SELF_PAID_12M's sums for everyone with settlements in the window. */
export const medicalLedgerSql = (q: RuleSql) => `select s.id_number, s.total as self_paid from (${medicalSelfPaidSums(q, null)}) s`;

const MEDICAL_SELF_PAID_12M: RuleDefinition = {
  code: 'MEDICAL_SELF_PAID_12M',
  name: '医疗自付费用累计过高',
  nameEn: 'High self-paid medical costs over a window',
  scenario: 'illness',
  subject: 'person',
  feeds: ['medical_settlement'],
  wholeScan: 'idOrder',
  atLeast: [{ param: 'thresholdFen', figure: 'selfPaidFen' }],
  defaults: { level: 'yellow', appliesTo: 'both', params: { windowMonths: 12, thresholdFen: 2_000_000 } },
  params: [
    months('windowMonths', '统计月数', 'Window (months)'),
    money('thresholdFen', '个人自付累计金额阈值', 'Self-paid total threshold'),
  ],
  explain: (p) => ({
    zh: `个人近 ${n(p, 'windowMonths')} 个月医保结算的个人自付费用累计达到 ${formatYuan(n(p, 'thresholdFen'))} 元及以上时预警（冲正、退费的负数冲减）。`,
    en: `Warns when a person's self-paid medical costs over the last ${n(p, 'windowMonths')} months reach ${formatYuan(n(p, 'thresholdFen'))} yuan (reversals count negative).`,
  }),
  sql: (q) => `
    with hit as (${medicalSelfPaidSums(q, q.p('thresholdFen'))})
    select h.id_number, ev.name,
      jsonb_build_object('selfPaidFen', h.total, 'thresholdFen', ${q.p('thresholdFen')}, 'windowMonths', ${q.p('windowMonths')},
        'after', ${q.monthsAgo('windowMonths')}, 'through', ${q.today}, 'settlements', h.settlements) as figures,
      format('近%s个月医疗个人自付 %s 元 ≥ %s 元（%s 笔结算）', ${q.p('windowMonths')}, monitoring_yuan(h.total), monitoring_yuan(${q.p('thresholdFen')}), h.settlements) as summary,
      format('%s-month self-paid medical costs %s yuan ≥ %s (%s settlements)', ${q.p('windowMonths')}, monitoring_yuan(h.total), monitoring_yuan(${q.p('thresholdFen')}), h.settlements) as summary_en,
      ev.ev_feeds, ev.ev_ids
    from hit h cross join lateral (
      select max(m.name) as name, ${evidence('m', 'medical_settlement')}
      from feed_medical_settlement m
      where m.id_number = h.id_number and m.settled_on > ${q.monthsAgo('windowMonths')} and m.settled_on <= ${q.today}
        and ${q.fresh('m', 'medical_settlement')}
    ) ev`,
};

const MEDICAL_SPIKE: RuleDefinition = {
  code: 'MEDICAL_SPIKE',
  name: '医疗自付费用骤增',
  nameEn: 'Sudden rise in self-paid medical costs',
  scenario: 'illness',
  subject: 'person',
  feeds: ['medical_settlement'],
  wholeScan: 'idOrder',
  defaults: { level: 'yellow', appliesTo: 'both', params: { minAmountFen: 500_000, factor: 3, baselineMonths: 6, lookbackMonths: 3 } },
  params: [
    money('minAmountFen', '单月个人自付最低金额', 'Minimum self-paid in the month'),
    { key: 'factor', label: '相对前期月均的倍数', labelEn: 'Multiple of the earlier monthly average', type: 'decimal', min: 1, max: 100, decimals: 1 },
    months('baselineMonths', '对比的前期月数', 'Earlier months averaged', 24),
    months('lookbackMonths', '检查的最近月数（含本月）', 'Recent months examined (incl. this month)', 24),
  ],
  explain: (p) => ({
    zh: `某一自然月的个人自付费用不低于 ${formatYuan(n(p, 'minAmountFen'))} 元，且不低于此前 ${n(p, 'baselineMonths')} 个月月均的 ${n(p, 'factor')} 倍时预警；检查最近 ${n(p, 'lookbackMonths')} 个月（含本月）。`,
    en: `Warns when self-paid costs in one calendar month are at least ${formatYuan(n(p, 'minAmountFen'))} yuan and at least ${n(p, 'factor')} × the average of the ${n(p, 'baselineMonths')} months before; the last ${n(p, 'lookbackMonths')} months (this one included) are examined.`,
  }),
  sql: (q, p) => medicalSpikeSql(q, p, `
      -- Months of the look-back at the minimum: a few among millions of people-months.
      ${medicalMonthsSql(q, spikeFirstMonth(q, p), q.p('minAmountFen'))}`),
};

/** The first day of MEDICAL_SPIKE's look-back (this month included). */
const spikeFirstMonth = (q: RuleSql, p: RuleParams) => `(${q.monthOffset(n(p, 'lookbackMonths') - 1)} || '-01')::date`;

/**
 * Each person's self-paid costs per calendar month from `firstMonth` to today (settlements that are not
 * evidence of a closed warning of the rule), the months at `minimum` or more: MEDICAL_SPIKE's months,
 * which the monthly medical ledger keeps from a floor (medical-ledger.ts).
 */
export function medicalMonthsSql(q: RuleSql, firstMonth: string, minimum: string): string {
  return `
      select m.id_number, date_trunc('month', m.settled_on)::date as mon,
        coalesce(sum(m.self_paid) filter (where ${q.fresh('m', 'medical_settlement')}), 0) as amount
      from feed_medical_settlement m
      where ${q.inSlice('m')} and m.settled_on >= ${firstMonth} and m.settled_on <= ${q.today}
      group by 1, 2
      having coalesce(sum(m.self_paid) filter (where ${q.fresh('m', 'medical_settlement')}), 0) >= ${minimum}`;
}

/**
 * MEDICAL_SPIKE from its months at the minimum (`monthly`: id_number, mon, amount), computed live or read
 * off the monthly medical ledger: their baselines, looked up in the settlements' index, and the spikes.
 */
export function medicalSpikeSql(q: RuleSql, p: RuleParams, monthly: string): string {
  const firstMonth = spikeFirstMonth(q, p);
  const spiking = `s.amount * ${q.p('baselineMonths')} >= ${q.p('factor')} * s.base_total`;
  return `
  with monthly as (${monthly}
  ), spike as (
    -- Their baseline: the person's costs in the months before, looked up in the (id_number, settled_on) index.
    select c.id_number, c.mon, c.amount, coalesce(b.total, 0) as base_total
    from monthly c cross join lateral (
      select sum(b.self_paid) as total from feed_medical_settlement b
      where b.id_number = c.id_number and b.settled_on < c.mon
        and b.settled_on >= (c.mon - make_interval(months => ${q.p('baselineMonths')}))::date
    ) b
  ), hit as (
    select distinct on (s.id_number) s.id_number, s.mon, s.amount, s.base_total,
      count(*) over (partition by s.id_number) as months,
      array_agg(s.mon) over (partition by s.id_number) as spike_months
    from spike s where ${spiking}
    order by s.id_number, s.mon desc
  )
  select h.id_number, ev.name,
    jsonb_build_object('month', to_char(h.mon, 'YYYY-MM'), 'selfPaidFen', h.amount,
      'baselineAverageFen', round(h.base_total::numeric / ${q.p('baselineMonths')}), 'baselineMonths', ${q.p('baselineMonths')},
      'factor', ${q.p('factor')}, 'minAmountFen', ${q.p('minAmountFen')}, 'spikeMonths', h.months,
      'multiple', case when h.base_total > 0 then round(h.amount * ${q.p('baselineMonths')}::numeric / h.base_total, 1) end) as figures,
    format('%s 月医疗个人自付 %s 元 ≥ %s 元，%s', to_char(h.mon, 'YYYY-MM'), monitoring_yuan(h.amount), monitoring_yuan(${q.p('minAmountFen')}),
      case when h.base_total > 0
        then format('为前%s个月月均 %s 元的 %s 倍（≥ %s 倍）', ${q.p('baselineMonths')}, monitoring_yuan(round(h.base_total::numeric / ${q.p('baselineMonths')})::bigint),
                    to_char(h.amount * ${q.p('baselineMonths')}::numeric / h.base_total, 'FM999990.0'), ${q.p('factor')})
        else format('前%s个月无自付费用', ${q.p('baselineMonths')}) end) as summary,
    format('Self-paid medical costs in %s: %s yuan ≥ %s, %s', to_char(h.mon, 'YYYY-MM'), monitoring_yuan(h.amount), monitoring_yuan(${q.p('minAmountFen')}),
      case when h.base_total > 0
        then format('%s × the %s-month average of %s (≥ %s ×)', to_char(h.amount * ${q.p('baselineMonths')}::numeric / h.base_total, 'FM999990.0'),
                    ${q.p('baselineMonths')}, monitoring_yuan(round(h.base_total::numeric / ${q.p('baselineMonths')})::bigint), ${q.p('factor')})
        else format('none in the %s months before', ${q.p('baselineMonths')}) end) as summary_en,
    ev.ev_feeds, ev.ev_ids
  from hit h cross join lateral (
    select max(m.name) as name, ${evidence('m', 'medical_settlement')}
    from feed_medical_settlement m
    where m.id_number = h.id_number and m.settled_on >= ${firstMonth} and m.settled_on <= ${q.today}
      and date_trunc('month', m.settled_on)::date = any(h.spike_months)
      and ${q.fresh('m', 'medical_settlement')}
  ) ev`;
}

const SERIOUS_ILLNESS: RuleDefinition = {
  code: 'SERIOUS_ILLNESS',
  name: '重特大疾病住院',
  nameEn: 'Hospitalised with a serious illness',
  scenario: 'illness',
  subject: 'person',
  feeds: ['hospitalization'],
  defaults: { level: 'red', appliesTo: 'both', params: { lookbackMonths: 12 } },
  params: [LOOKBACK],
  explain: (p) => ({
    zh: `近 ${n(p, 'lookbackMonths')} 个月内有住院记录被卫健部门标记为重特大疾病时预警。`,
    en: `Warns when a hospitalisation in the last ${n(p, 'lookbackMonths')} months is flagged as a serious illness (重特大疾病).`,
  }),
  sql: (q) => `
    select h.id_number, max(h.name) as name,
      jsonb_build_object('hospitalisations', count(*), 'disease', (array_agg(h.disease order by h.admitted_on desc))[1],
        'admittedOn', max(h.admitted_on), 'lookbackMonths', ${q.p('lookbackMonths')}) as figures,
      format('重特大疾病住院：%s（%s 入院）%s', (array_agg(h.disease order by h.admitted_on desc))[1], max(h.admitted_on),
        case when count(*) > 1 then format('，近%s个月共 %s 次', ${q.p('lookbackMonths')}, count(*)) else '' end) as summary,
      format('Hospitalised with a serious illness: %s (admitted %s)%s', (array_agg(h.disease order by h.admitted_on desc))[1], max(h.admitted_on),
        case when count(*) > 1 then format(', %s times in %s months', count(*), ${q.p('lookbackMonths')}) else '' end) as summary_en,
      ${evidence('h', 'hospitalization')}
    from feed_hospitalization h
    where ${q.inSlice('h')} and h.serious and h.admitted_on > ${q.monthsAgo('lookbackMonths')} and h.admitted_on <= ${q.today}
      and ${q.fresh('h', 'hospitalization')}
    group by h.id_number`,
};

const DISABILITY_SEVERE: RuleDefinition = {
  code: 'DISABILITY_SEVERE',
  name: '新增或升级重度残疾',
  nameEn: 'New or upgraded severe disability',
  scenario: 'disability',
  subject: 'person',
  feeds: ['disability_certificate'],
  defaults: { level: 'yellow', appliesTo: 'both', params: { lookbackMonths: 12, grades: [1, 2], extraGrade: 3, extraGradeKinds: ['intellectual', 'mental'] } },
  params: [
    LOOKBACK,
    { key: 'grades', label: '任何类别均预警的残疾等级', labelEn: 'Grades that count for every kind', type: 'integerList', min: 1, max: 4, minItems: 1 },
    { key: 'extraGrade', label: '仅对下列类别预警的等级', labelEn: 'Grade that counts for the kinds below only', type: 'integer', unit: '级', unitEn: 'grade', min: 1, max: 4 },
    { key: 'extraGradeKinds', label: '该等级适用的残疾类别', labelEn: 'Kinds for that grade', type: 'codeList', values: DISABILITY_KIND_LABELS, minItems: 0 },
  ],
  explain: (p) => ({
    zh: `近 ${n(p, 'lookbackMonths')} 个月内新发或升级的残疾人证，等级为${(p.grades as number[]).map((g) => `${g}级`).join('、')}` +
      ((p.extraGradeKinds as string[]).length ? `，或${labelsOf(list(p, 'extraGradeKinds'), DISABILITY_KIND_LABELS)}残疾${n(p, 'extraGrade')}级` : '') +
      '时预警；此前已持同级或更重等级的证（或登记库已记载）不算。',
    en: `Warns on a certificate issued in the last ${n(p, 'lookbackMonths')} months that is new or an upgrade, of grade ${(p.grades as number[]).join('/')}` +
      ((p.extraGradeKinds as string[]).length ? `, or grade ${n(p, 'extraGrade')} for ${labelsOf(list(p, 'extraGradeKinds'), DISABILITY_KIND_LABELS, 'en')}` : '') +
      '; an earlier certificate (or registry entry) of the same or a more severe grade means it is not new.',
  }),
  sql: (q) => `
    with cert as (
      select c.id, c.id_number, c.name, c.kind, c.grade, c.issued_on,
        least((select min(e.grade) from feed_disability_certificate e
               where e.id_number = c.id_number and e.issued_on < c.issued_on and coalesce(e.status, 'valid') <> 'cancelled'),
              (select min(p.disability_grade) from persons p where p.id_number = c.id_number)) as earlier_grade
      from feed_disability_certificate c
      where ${q.inSlice('c')} and c.issued_on > ${q.monthsAgo('lookbackMonths')} and c.issued_on <= ${q.today}
        and coalesce(c.status, 'valid') <> 'cancelled'
        and (c.grade = any(${q.p('grades')}) or (c.grade = ${q.p('extraGrade')} and c.kind = any(${q.p('extraGradeKinds')})))
        and ${q.fresh('c', 'disability_certificate')}
    ), hit as (
      select * from cert c where c.earlier_grade is null or c.earlier_grade > c.grade
    ), best as (
      select distinct on (h.id_number) h.* from hit h order by h.id_number, h.grade, h.issued_on desc
    )
    select b.id_number, b.name,
      jsonb_build_object('kind', b.kind, 'grade', b.grade, 'issuedOn', b.issued_on, 'earlierGrade', b.earlier_grade) as figures,
      case when b.earlier_grade is null
        then format('新发残疾人证：%s残疾%s（%s 发证）', ${labelCase('b.kind', DISABILITY_KIND_LABELS)}, ${GRADE_ZH}[b.grade], b.issued_on)
        else format('残疾等级由%s升为%s：%s残疾（%s 发证）', ${GRADE_ZH}[b.earlier_grade], ${GRADE_ZH}[b.grade], ${labelCase('b.kind', DISABILITY_KIND_LABELS)}, b.issued_on) end as summary,
      case when b.earlier_grade is null
        then format('New disability certificate: %s, grade %s (issued %s)', ${labelCase('b.kind', DISABILITY_KIND_LABELS, 'en')}, b.grade, b.issued_on)
        else format('Disability upgraded from grade %s to %s: %s (issued %s)', b.earlier_grade, b.grade, ${labelCase('b.kind', DISABILITY_KIND_LABELS, 'en')}, b.issued_on) end as summary_en,
      ev.ev_feeds, ev.ev_ids
    -- A left join, though every row has its evidence: one the planner may drop where the evidence is not read (previews).
    from best b left join (select h.id_number, ${evidence('h', 'disability_certificate')} from hit h group by h.id_number) ev on ev.id_number = b.id_number`,
};

const DEATH_OF_LABOURER: RuleDefinition = {
  code: 'DEATH_OF_LABOURER',
  name: '家庭主要劳动力死亡',
  nameEn: 'Death of a working-age labourer',
  scenario: 'death',
  subject: 'household',
  feeds: ['death_registration'],
  defaults: { level: 'red', appliesTo: 'monitored', params: { lookbackMonths: 12, minAge: 18, maxAge: 59, labourCapacities: ['full', 'partial'] } },
  params: [
    LOOKBACK,
    age('minAge', '死亡时最小年龄', 'Minimum age at death'),
    age('maxAge', '死亡时最大年龄', 'Maximum age at death'),
    { key: 'labourCapacities', label: '视为劳动力的劳动能力', labelEn: 'Labour capacities that count', type: 'codeList', values: LABOUR_CAPACITY_LABELS, minItems: 1 },
  ],
  check: ageRangeCheck('minAge', 'maxAge'),
  explain: (p) => ({
    zh: `家庭中 ${n(p, 'minAge')}–${n(p, 'maxAge')} 岁、${labelsOf(list(p, 'labourCapacities'), LABOUR_CAPACITY_LABELS)}的成员近 ${n(p, 'lookbackMonths')} 个月内死亡，且家中尚有其他成员时，对家庭预警。`,
    en: `Warns for the household when a member aged ${n(p, 'minAge')}–${n(p, 'maxAge')} (${labelsOf(list(p, 'labourCapacities'), LABOUR_CAPACITY_LABELS, 'en')}) died in the last ${n(p, 'lookbackMonths')} months and others remain.`,
  }),
  sql: (q) => `
    with death as (${deathsInHouseholds(q)}), labourer as (
      select d.* from death d
      where d.labour_capacity = any(${q.p('labourCapacities')})
        and monitoring_age(d.birth_date, d.died_on) between ${q.p('minAge')} and ${q.p('maxAge')}
        and exists (select 1 from ${livingMembers(q, 'd.household_id')} and o.id_number <> d.id_number)
    ), latest as (
      select distinct on (l.household_id) l.* from labourer l order by l.household_id, l.died_on desc, l.id
    )
    select t.household_id, t.id_number,
      jsonb_build_object('deceased', t.name, 'diedOn', t.died_on, 'ageAtDeath', monitoring_age(t.birth_date, t.died_on),
        'labourCapacity', t.labour_capacity, 'deaths', ev.deaths) as figures,
      format('家庭主要劳动力 %s（%s 岁，%s）于 %s 死亡', t.name, monitoring_age(t.birth_date, t.died_on),
        ${labelCase('t.labour_capacity', LABOUR_CAPACITY_LABELS)}, t.died_on) as summary,
      format('Working-age member %s (%s, %s) died on %s', t.name, monitoring_age(t.birth_date, t.died_on),
        ${labelCase('t.labour_capacity', LABOUR_CAPACITY_LABELS, 'en')}, t.died_on) as summary_en,
      ev.ev_feeds, ev.ev_ids
    from latest t join (
      select l.household_id, count(*) as deaths, ${evidence('l', 'death_registration')} from labourer l group by l.household_id
    ) ev on ev.household_id = t.household_id`,
};

function leftAloneRule(kind: 'child' | 'elder'): RuleDefinition {
  const child = kind === 'child';
  return {
    code: child ? 'CHILD_LEFT_ALONE' : 'ELDER_LEFT_ALONE',
    name: child ? '死亡致家中仅余未成年人' : '死亡致老人独居',
    nameEn: child ? 'Death leaves only minors' : 'Death leaves an elderly person alone',
    scenario: 'familyStructure',
    subject: 'household',
    feeds: ['death_registration'],
    defaults: { level: 'red', appliesTo: 'monitored', params: child ? { lookbackMonths: 12, adultAge: 18 } : { lookbackMonths: 12, elderAge: 60 } },
    params: [LOOKBACK, child ? age('adultAge', '成年年龄', 'Age of majority') : age('elderAge', '老年人年龄', 'Elderly from age')],
    explain: (p) => child
      ? { zh: `家庭成员近 ${n(p, 'lookbackMonths')} 个月内死亡后，在世成员均未满 ${n(p, 'adultAge')} 岁时，对家庭预警（无人监护）。`, en: `Warns for the household when, after a death in the last ${n(p, 'lookbackMonths')} months, every living member is under ${n(p, 'adultAge')}.` }
      : { zh: `家庭成员近 ${n(p, 'lookbackMonths')} 个月内死亡后，仅余一名 ${n(p, 'elderAge')} 岁及以上成员时，对家庭预警（老人独居）。`, en: `Warns for the household when, after a death in the last ${n(p, 'lookbackMonths')} months, one member aged ${n(p, 'elderAge')} or over is left alone.` },
    sql: (q) => `
      with death as (${deathsInHouseholds(q)}), hh as (
        select d.household_id, (array_agg(d.id_number order by d.died_on desc))[1] as id_number,
          string_agg(d.name, '、' order by d.died_on) as names, max(d.died_on) as last_death, ${evidence('d', 'death_registration')}
        from death d group by d.household_id
      )
      select hh.household_id, hh.id_number,
        jsonb_build_object('deceased', hh.names, 'lastDeath', hh.last_death, 'livingMembers', lv.living,
          'youngestAge', lv.youngest, 'oldestAge', lv.oldest, ${child ? `'adultAge', ${q.p('adultAge')}` : `'elderAge', ${q.p('elderAge')}`}) as figures,
        ${child
          ? `format('%s 于 %s 死亡后，家中仅余 %s 名未成年人（最大 %s 岁）', hh.names, hh.last_death, lv.living, lv.oldest) as summary,
             format('After %s died on %s only %s minor(s) remain (oldest %s)', hh.names, hh.last_death, lv.living, lv.oldest) as summary_en,`
          : `format('%s 于 %s 死亡后，家中仅余 1 名 %s 岁老人', hh.names, hh.last_death, lv.oldest) as summary,
             format('After %s died on %s one member aged %s is left alone', hh.names, hh.last_death, lv.oldest) as summary_en,`}
        hh.ev_feeds, hh.ev_ids
      from hh cross join lateral (
        select count(*) as living, min(monitoring_age(o.birth_date, ${q.today})) as youngest, max(monitoring_age(o.birth_date, ${q.today})) as oldest,
          count(*) filter (where monitoring_age(o.birth_date, ${q.today}) >= ${child ? q.p('adultAge') : q.p('elderAge')}) as at_or_over
        from ${livingMembers(q, 'hh.household_id')}
      ) lv
      where ${child ? 'lv.living >= 1 and lv.at_or_over = 0' : 'lv.living = 1 and lv.at_or_over = 1'}`,
  };
}

const UNEMPLOYED: RuleDefinition = {
  code: 'UNEMPLOYED',
  name: '劳动年龄成员失业登记',
  nameEn: 'Working-age member registered unemployed',
  scenario: 'unemployment',
  subject: 'person',
  feeds: ['unemployment_registration'],
  defaults: { level: 'yellow', appliesTo: 'monitored', params: { lookbackMonths: 12, minAge: 16, maxAge: 59 } },
  params: [LOOKBACK, age('minAge', '登记时最小年龄', 'Minimum age at registration'), age('maxAge', '登记时最大年龄', 'Maximum age at registration')],
  check: ageRangeCheck('minAge', 'maxAge'),
  explain: (p) => ({
    zh: `${n(p, 'minAge')}–${n(p, 'maxAge')} 岁的人员近 ${n(p, 'lookbackMonths')} 个月内办理失业登记且尚未终止时预警。`,
    en: `Warns when a person aged ${n(p, 'minAge')}–${n(p, 'maxAge')} registered as unemployed in the last ${n(p, 'lookbackMonths')} months and the registration is still open.`,
  }),
  sql: (q) => `
    select u.id_number, max(u.name) as name,
      jsonb_build_object('registeredOn', max(u.registered_on), 'ageAtRegistration', monitoring_age(monitoring_id_birth(u.id_number), max(u.registered_on))) as figures,
      format('%s 办理失业登记（登记时 %s 岁）', max(u.registered_on), monitoring_age(monitoring_id_birth(u.id_number), max(u.registered_on))) as summary,
      format('Registered unemployed on %s (aged %s)', max(u.registered_on), monitoring_age(monitoring_id_birth(u.id_number), max(u.registered_on))) as summary_en,
      ${evidence('u', 'unemployment_registration')}
    from feed_unemployment_registration u
    where ${q.inSlice('u')} and u.registered_on > ${q.monthsAgo('lookbackMonths')} and u.registered_on <= ${q.today}
      and (u.ended_on is null or u.ended_on > ${q.today})
      and monitoring_age(monitoring_id_birth(u.id_number), u.registered_on) between ${q.p('minAge')} and ${q.p('maxAge')}
      and ${q.fresh('u', 'unemployment_registration')}
    group by u.id_number`,
};

const DISASTER_SEVERE: RuleDefinition = {
  code: 'DISASTER_SEVERE',
  name: '受灾严重',
  nameEn: 'Severe disaster loss',
  scenario: 'disaster',
  subject: 'person',
  feeds: ['disaster_victim'],
  defaults: { level: 'red', appliesTo: 'both', params: { lookbackMonths: 12, lossLevels: ['severe'], houseDamageCounts: true, noDamageWords: ['无', '无损毁', '未损毁', '完好'] } },
  params: [
    LOOKBACK,
    { key: 'lossLevels', label: '预警的损失程度', labelEn: 'Loss levels that count', type: 'codeList', values: LOSS_LEVELS, minItems: 1 },
    { key: 'houseDamageCounts', label: '有房屋损毁即预警', labelEn: 'Any house damage counts', type: 'boolean' },
    { key: 'noDamageWords', label: '表示房屋无损毁的填报值', labelEn: 'Entries meaning no house damage', type: 'textList', maxItems: 20, maxLength: 20, minItems: 0 },
  ],
  explain: (p) => ({
    zh: `近 ${n(p, 'lookbackMonths')} 个月内被列入受灾人员名单，损失程度为${labelsOf(list(p, 'lossLevels'), LOSS_LEVELS)}` +
      (p.houseDamageCounts ? '，或填报了房屋损毁' : '') + '时预警。',
    en: `Warns when a person is listed as a disaster victim in the last ${n(p, 'lookbackMonths')} months with loss level ${labelsOf(list(p, 'lossLevels'), LOSS_LEVELS, 'en')}` +
      (p.houseDamageCounts ? ', or with house damage recorded' : '') + '.',
  }),
  sql: (q) => {
    const damaged = `(${q.p('houseDamageCounts')} and nullif(btrim(v.house_damage), '') is not null and btrim(v.house_damage) <> all(${q.p('noDamageWords')}))`;
    return `
    select v.id_number, max(v.name) as name,
      jsonb_build_object('events', array_agg(v.event order by v.occurred_on), 'occurredOn', max(v.occurred_on),
        'lossLevel', (array_agg(v.loss_level order by v.occurred_on desc))[1], 'houseDamage', (array_agg(v.house_damage order by v.occurred_on desc))[1]) as figures,
      format('受灾：%s（%s，损失程度%s%s）', (array_agg(v.event order by v.occurred_on desc))[1], max(v.occurred_on),
        ${labelCase('(array_agg(v.loss_level order by v.occurred_on desc))[1]', LOSS_LEVELS)},
        coalesce('；房屋' || nullif(btrim((array_agg(v.house_damage order by v.occurred_on desc))[1]), ''), '')) as summary,
      format('Disaster victim: %s (%s, loss %s%s)', (array_agg(v.event order by v.occurred_on desc))[1], max(v.occurred_on),
        (array_agg(v.loss_level order by v.occurred_on desc))[1],
        coalesce('; house: ' || nullif(btrim((array_agg(v.house_damage order by v.occurred_on desc))[1]), ''), '')) as summary_en,
      ${evidence('v', 'disaster_victim')}
    from feed_disaster_victim v
    where ${q.inSlice('v')} and v.occurred_on > ${q.monthsAgo('lookbackMonths')} and v.occurred_on <= ${q.today}
      and (v.loss_level = any(${q.p('lossLevels')}) or ${damaged})
      and ${q.fresh('v', 'disaster_victim')}
    group by v.id_number`;
  },
};

const EDUCATION_BURDEN: RuleDefinition = {
  code: 'EDUCATION_BURDEN',
  name: '就学负担',
  nameEn: 'Education burden',
  scenario: 'education',
  subject: 'person',
  feeds: ['student_enrollment'],
  defaults: { level: 'blue', appliesTo: 'monitored', params: { lookbackMonths: 12, stages: ['senior', 'secondary_vocational', 'higher_vocational', 'bachelor'], tuitionThresholdFen: 500_000 } },
  params: [
    LOOKBACK,
    { key: 'stages', label: '预警的入学学段', labelEn: 'School stages that count', type: 'codeList', values: SCHOOL_STAGE_LABELS, minItems: 0 },
    money('tuitionThresholdFen', '学费（每年）阈值', 'Yearly tuition threshold'),
  ],
  explain: (p) => ({
    zh: `近 ${n(p, 'lookbackMonths')} 个月内入学${list(p, 'stages').length ? `${labelsOf(list(p, 'stages'), SCHOOL_STAGE_LABELS)}，或` : ''}学费每年达到 ${formatYuan(n(p, 'tuitionThresholdFen'))} 元及以上时预警。`,
    en: `Warns on an enrolment in the last ${n(p, 'lookbackMonths')} months${list(p, 'stages').length ? ` in ${labelsOf(list(p, 'stages'), SCHOOL_STAGE_LABELS, 'en')}, or` : ''} with yearly tuition of ${formatYuan(n(p, 'tuitionThresholdFen'))} yuan or more.`,
  }),
  sql: (q) => `
    with hit as (
      select e.* from feed_student_enrollment e
      where ${q.inSlice('e')} and e.enrolled_on > ${q.monthsAgo('lookbackMonths')} and e.enrolled_on <= ${q.today}
        and (e.stage = any(${q.p('stages')}) or coalesce(e.tuition, 0) >= ${q.p('tuitionThresholdFen')})
        and ${q.fresh('e', 'student_enrollment')}
    ), latest as (select distinct on (h.id_number) h.* from hit h order by h.id_number, h.enrolled_on desc, h.id)
    select l.id_number, l.name,
      jsonb_build_object('school', l.school, 'stage', l.stage, 'enrolledOn', l.enrolled_on, 'tuitionFen', l.tuition,
        'tuitionThresholdFen', ${q.p('tuitionThresholdFen')}) as figures,
      format('%s 入学%s（%s）%s', l.enrolled_on, l.school, ${labelCase('l.stage', SCHOOL_STAGE_LABELS)},
        case when l.tuition is not null then format('，学费 %s 元/年', monitoring_yuan(l.tuition)) else '' end) as summary,
      format('Enrolled on %s at %s (%s)%s', l.enrolled_on, l.school, ${labelCase('l.stage', SCHOOL_STAGE_LABELS, 'en')},
        case when l.tuition is not null then format(', tuition %s yuan/year', monitoring_yuan(l.tuition)) else '' end) as summary_en,
      ev.ev_feeds, ev.ev_ids
    -- A left join, though every row has its evidence: one the planner may drop where the evidence is not read
    -- (previews: province 2.2–2.6 s → 1.7–2.3 s in psql, alternating).
    from latest l left join (select h.id_number, ${evidence('h', 'student_enrollment')} from hit h group by h.id_number) ev on ev.id_number = l.id_number`,
};

/** The rows RIGID_OVER_INCOME counts: settlements and enrolments with tuition in the window, not retired. */
function rigidWindows(q: RuleSql) {
  return {
    medicalWindow: (a: string) =>
      `${a}.settled_on > ${q.monthsAgo('windowMonths')} and ${a}.settled_on <= ${q.today} and ${q.fresh(a, 'medical_settlement')}`,
    tuitionWindow: (a: string) =>
      `${a}.enrolled_on > ${q.monthsAgo('windowMonths')} and ${a}.enrolled_on <= ${q.today} and ${a}.tuition > 0 and ${q.fresh(a, 'student_enrollment')}`,
  };
}

/**
 * RIGID_OVER_INCOME's expenses (household_id, medical, tuition) as CTEs ending in `expense`. A whole province,
 * or a slice of millions (q.scanWhole), sums per person first, then per household, keeping the slice's: the
 * amounts ride in the (id_number, time) index, read in ID order, and 12.6 M settlements become 3.2 M sums
 * before they meet the registry (docs/rules.md, performance notes). A smaller slice (a county, the people of
 * a push) joins its households' members to their rows, each member once.
 */
function rigidExpenses(q: RuleSql, { medicalWindow, tuitionWindow }: ReturnType<typeof rigidWindows>): string {
  if (q.scanWhole) {
    return `medical as (
      select m.id_number, sum(m.self_paid) as amount from feed_medical_settlement m where ${medicalWindow('m')} group by m.id_number
    ), tuition as (
      select e.id_number, sum(e.tuition) as amount from feed_student_enrollment e where ${tuitionWindow('e')} group by e.id_number
    ), expense as (
      select p.household_id, md.amount as medical, 0::bigint as tuition
      from medical md join persons p on p.id_number = md.id_number where p.household_id is not null and ${q.inSliceHouseholds('p.household_id')}
      union all
      select p.household_id, 0::bigint, t.amount
      from tuition t join persons p on p.id_number = t.id_number where p.household_id is not null and ${q.inSliceHouseholds('p.household_id')}
    )`;
  }
  return `members as materialized (
      select p.household_id, p.id_number from persons p where p.household_id in (${q.sliceHouseholds})
    ), expense as (
      select mb.household_id, m.self_paid as medical, 0::bigint as tuition
      from members mb join feed_medical_settlement m on m.id_number = mb.id_number where ${medicalWindow('m')}
      union all
      select mb.household_id, 0::bigint, e.tuition
      from members mb join feed_student_enrollment e on e.id_number = mb.id_number where ${tuitionWindow('e')}
    )`;
}

/**
 * RIGID_OVER_INCOME's figures per household as CTEs: `spent` (households whose expenditure reaches
 * minExpense: total, medical, tuition) and `income` (their income in the same months). The rule keeps the
 * households above their income; the household expense ledger keeps them all (minExpense '0').
 */
function rigidHouseholdFigures(q: RuleSql, windows: ReturnType<typeof rigidWindows>, minExpense: string): string {
  return `${rigidExpenses(q, windows)}, spent as materialized (
      select x.household_id, sum(x.medical + x.tuition) as total, sum(x.medical) as medical, sum(x.tuition) as tuition
      from expense x
      group by x.household_id having sum(x.medical + x.tuition) >= ${minExpense}
    ), earners as materialized (
      select p.household_id, p.id_number from persons p where p.household_id in (select household_id from spent)
    ), income_month as (
      select er.household_id, i.id_number, i.period, max(i.amount) as amount
      from earners er join (
        select t.id_number, t.period, sum(t.income) as amount from feed_tax_income t
        where t.id_number in (select id_number from earners) and t.period > ${q.monthOffset('windowMonths')} and t.period <= ${q.monthOffset(0)}
        group by t.id_number, t.period
        union all
        select s.id_number, s.period, max(s.base_wage) from feed_social_insurance_contribution s
        where s.id_number in (select id_number from earners) and s.period > ${q.monthOffset('windowMonths')} and s.period <= ${q.monthOffset(0)}
          and s.insurance_type = any(${q.p('incomeInsuranceTypes')}) and s.base_wage is not null
        group by s.id_number, s.period
      ) i on i.id_number = er.id_number
      group by er.household_id, i.id_number, i.period
    ), income as (select household_id, sum(amount) as total from income_month group by household_id
    )`;
}

/**
 * Every household's rigid expenditure and income as RIGID_OVER_INCOME computes them, whatever their size
 * (household_id, medical, tuition, income): what the household expense ledger stores (expense-ledger.ts).
 */
export function rigidLedgerSql(q: RuleSql): string {
  return `
    with ${rigidHouseholdFigures(q, rigidWindows(q), '0')}
    select sp.household_id, sp.medical, sp.tuition, coalesce(i.total, 0) as income
    from spent sp left join income i on i.household_id = sp.household_id`;
}

const RIGID_OVER_INCOME: RuleDefinition = {
  code: 'RIGID_OVER_INCOME',
  name: '刚性支出超过家庭收入',
  nameEn: 'Rigid expenditure above household income',
  scenario: 'rigidExpenditure',
  subject: 'household',
  feeds: ['medical_settlement', 'student_enrollment', 'tax_income', 'social_insurance_contribution'],
  wholeScan: 'idOrder',
  atLeast: [{ param: 'minExpenseFen', figure: 'expenseFen' }],
  defaults: { level: 'yellow', appliesTo: 'monitored', params: { windowMonths: 12, minExpenseFen: 1_000_000, ratio: 1, incomeInsuranceTypes: ['employee_pension'] } },
  params: [
    months('windowMonths', '统计月数', 'Window (months)'),
    money('minExpenseFen', '刚性支出最低金额', 'Minimum rigid expenditure'),
    { key: 'ratio', label: '支出超过收入的倍数', labelEn: 'Expenditure above this multiple of income', type: 'decimal', min: 0.1, max: 10, decimals: 2 },
    { key: 'incomeInsuranceTypes', label: '以缴费基数计收入的险种（该月无税务收入时）', labelEn: 'Insurance whose contribution base counts as income (months without tax data)', type: 'codeList', values: INSURANCE_TYPES, minItems: 0 },
  ],
  explain: (p) => ({
    zh: `家庭成员近 ${n(p, 'windowMonths')} 个月医疗个人自付与学费合计不低于 ${formatYuan(n(p, 'minExpenseFen'))} 元，且超过同期家庭收入的 ${n(p, 'ratio')} 倍时，对家庭预警。收入取税务收入；某月无税务收入时取${list(p, 'incomeInsuranceTypes').length ? labelsOf(list(p, 'incomeInsuranceTypes'), INSURANCE_TYPES) + '的缴费基数' : '零'}。学费按近期入学记录的年学费计一次。`,
    en: `Warns for the household when its members' self-paid medical costs and tuition over the last ${n(p, 'windowMonths')} months total at least ${formatYuan(n(p, 'minExpenseFen'))} yuan and exceed ${n(p, 'ratio')} × household income in the same months (tax data; for a month without it, the contribution base of ${list(p, 'incomeInsuranceTypes').join(', ') || 'nothing'}). Tuition counts once per enrolment in the window.`,
  }),
  sql: (q) => {
    const windows = rigidWindows(q);
    return `
    with ${rigidHouseholdFigures(q, windows, q.p('minExpenseFen'))}, firing as (
      select sp.household_id, sp.total, sp.medical, sp.tuition, coalesce(i.total, 0) as income
      from spent sp left join income i on i.household_id = sp.household_id
      where sp.total > ${q.p('ratio')} * coalesce(i.total, 0)
    )
    select f.household_id, null::text as id_number,
      jsonb_build_object('medicalFen', f.medical, 'tuitionFen', f.tuition, 'expenseFen', f.total, 'incomeFen', f.income,
        'ratio', ${q.p('ratio')}, 'windowMonths', ${q.p('windowMonths')}, 'minExpenseFen', ${q.p('minExpenseFen')}) as figures,
      format('近%s个月刚性支出 %s 元（医疗自付 %s 元，学费 %s 元）> 家庭收入 %s 元%s', ${q.p('windowMonths')}, monitoring_yuan(f.total),
        monitoring_yuan(f.medical), monitoring_yuan(f.tuition), monitoring_yuan(f.income::bigint),
        case when ${q.p('ratio')} <> 1 then format(' × %s', ${q.p('ratio')}) else '' end) as summary,
      format('%s-month rigid expenditure %s yuan (medical %s, tuition %s) > household income %s%s', ${q.p('windowMonths')}, monitoring_yuan(f.total),
        monitoring_yuan(f.medical), monitoring_yuan(f.tuition), monitoring_yuan(f.income::bigint),
        case when ${q.p('ratio')} <> 1 then format(' × %s', ${q.p('ratio')}) else '' end) as summary_en,
      ev.ev_feeds, ev.ev_ids
    from firing f cross join lateral (
      -- The evidence of the households that fire only, looked up member by member.
      select array_agg(x.feed order by x.feed, x.id) as ev_feeds, array_agg(x.id order by x.feed, x.id) as ev_ids
      from (
        select 'medical_settlement'::text as feed, m.id
        from persons p join feed_medical_settlement m on m.id_number = p.id_number
        where p.household_id = f.household_id and ${windows.medicalWindow('m')}
        union all
        select 'student_enrollment'::text, e.id
        from persons p join feed_student_enrollment e on e.id_number = p.id_number
        where p.household_id = f.household_id and ${windows.tuitionWindow('e')}
      ) x
    ) ev`;
  },
};

const RURAL_MONITORING: RuleDefinition = {
  code: 'RURAL_MONITORING',
  name: '新纳入防止返贫监测对象',
  nameEn: 'Newly listed for rural monitoring',
  scenario: 'ruralMonitoring',
  subject: 'person',
  feeds: ['rural_monitoring_object'],
  defaults: { level: 'yellow', appliesTo: 'both', params: { lookbackMonths: 12, monitoringTypes: Object.keys(MONITORING_TYPES) } },
  params: [LOOKBACK, { key: 'monitoringTypes', label: '预警的监测类型', labelEn: 'Monitoring types that count', type: 'codeList', values: MONITORING_TYPES, minItems: 1 }],
  explain: (p) => ({
    zh: `近 ${n(p, 'lookbackMonths')} 个月内被农业农村部门纳入防止返贫监测（${labelsOf(list(p, 'monitoringTypes'), MONITORING_TYPES)}）且风险未消除，而登记库中其家庭尚无此类别时预警。`,
    en: `Warns when a person was listed for rural monitoring (${labelsOf(list(p, 'monitoringTypes'), MONITORING_TYPES, 'en')}) in the last ${n(p, 'lookbackMonths')} months, the risk is not cleared, and the registry does not yet show the category.`,
  }),
  sql: (q) => `
    select r.id_number, max(r.name) as name,
      jsonb_build_object('since', max(r.since), 'monitoringType', (array_agg(r.monitoring_type order by r.since desc))[1], 'risk', (array_agg(r.risk order by r.since desc))[1]) as figures,
      format('%s 纳入防止返贫监测对象（%s%s）', max(r.since), ${labelCase('(array_agg(r.monitoring_type order by r.since desc))[1]', MONITORING_TYPES)},
        coalesce('；' || nullif(btrim((array_agg(r.risk order by r.since desc))[1]), ''), '')) as summary,
      format('Listed for rural monitoring on %s (%s%s)', max(r.since), ${labelCase('(array_agg(r.monitoring_type order by r.since desc))[1]', MONITORING_TYPES, 'en')},
        coalesce('; ' || nullif(btrim((array_agg(r.risk order by r.since desc))[1]), ''), '')) as summary_en,
      ${evidence('r', 'rural_monitoring_object')}
    from feed_rural_monitoring_object r
    where ${q.inSlice('r')} and r.since > ${q.monthsAgo('lookbackMonths')} and r.since <= ${q.today}
      and (r.cleared_on is null or r.cleared_on > ${q.today}) and r.monitoring_type = any(${q.p('monitoringTypes')})
      and ${q.fresh('r', 'rural_monitoring_object')}
      and not exists (select 1 from persons p join household_categories c on c.household_id = p.household_id and c.to_date is null and c.category = 'ruralMonitoring'
                      where p.id_number = r.id_number)
    group by r.id_number`,
};

const RECOVERY_EMPLOYMENT: RuleDefinition = {
  code: 'RECOVERY_EMPLOYMENT',
  name: '低保特困成员连续缴纳职工社保',
  nameEn: 'Beneficiary paying employee insurance month after month',
  scenario: 'recovery',
  subject: 'person',
  feeds: ['social_insurance_contribution'],
  defaults: { level: 'blue', appliesTo: 'monitored', params: { consecutiveMonths: 6, insuranceTypes: ['employee_pension'], categories: ['dibao', 'tekun'], lookbackMonths: 3 } },
  params: [
    { key: 'consecutiveMonths', label: '连续缴费月数', labelEn: 'Consecutive months of contributions', type: 'integer', unit: '个月', unitEn: 'months', min: 2, max: 36 },
    { key: 'insuranceTypes', label: '计入的险种', labelEn: 'Insurance types that count', type: 'codeList', values: INSURANCE_TYPES, minItems: 1 },
    categories(),
    months('lookbackMonths', '连续缴费的最后一月在近 N 个月内', 'The run ends within the last N months', 24),
  ],
  explain: (p) => ({
    zh: `${labelsOf(list(p, 'categories'), BENEFIT_CATEGORIES)}家庭成员连续 ${n(p, 'consecutiveMonths')} 个月缴纳${labelsOf(list(p, 'insuranceTypes'), INSURANCE_TYPES)}，且最后一月在近 ${n(p, 'lookbackMonths')} 个月内时预警（可能已稳定就业，提示复核）。`,
    en: `Warns when a member of a ${labelsOf(list(p, 'categories'), BENEFIT_CATEGORIES, 'en')} household paid ${labelsOf(list(p, 'insuranceTypes'), INSURANCE_TYPES, 'en')} for ${n(p, 'consecutiveMonths')} consecutive months, the last within the last ${n(p, 'lookbackMonths')} months (possibly in stable work: re-check).`,
  }),
  sql: (q, p) => `
    with c as (
      select s.id, s.id_number, s.period, monitoring_month_index(s.period) as idx
      from feed_social_insurance_contribution s
      where ${q.inSlice('s')} and s.insurance_type = any(${q.p('insuranceTypes')})
        and s.period > ${q.monthOffset(n(p, 'lookbackMonths') + n(p, 'consecutiveMonths') - 1)} and s.period <= ${q.monthOffset(0)}
        and ${q.fresh('s', 'social_insurance_contribution')}
        and ${inCategories(q, 's.id_number')}
    ), g as (
      select c.*, c.idx - dense_rank() over (partition by c.id_number order by c.idx) as grp from c
    ), runs as (
      select g.id_number, g.grp, count(distinct g.idx) as months, min(g.period) as first_month, max(g.period) as last_month,
        array_agg(g.id order by g.id) as ids
      from g group by g.id_number, g.grp
    ), hit as (
      select distinct on (r.id_number) r.* from runs r
      where r.months >= ${q.p('consecutiveMonths')} and r.last_month > ${q.monthOffset('lookbackMonths')}
      order by r.id_number, r.last_month desc
    )
    select h.id_number, null::text as name,
      jsonb_build_object('firstMonth', h.first_month, 'lastMonth', h.last_month, 'months', h.months, 'consecutiveMonths', ${q.p('consecutiveMonths')},
        'categories', ${categoryWords(q, 'h.id_number')}) as figures,
      format('%s 至 %s 连续 %s 个月缴纳职工社保（≥ %s 个月），家庭享受%s', h.first_month, h.last_month, h.months, ${q.p('consecutiveMonths')}, ${categoryWords(q, 'h.id_number')}) as summary,
      format('Employee insurance paid %s to %s, %s months in a row (≥ %s); household receives %s', h.first_month, h.last_month, h.months, ${q.p('consecutiveMonths')}, ${categoryWords(q, 'h.id_number', 'en')}) as summary_en,
      array_fill('social_insurance_contribution'::text, array[cardinality(h.ids)]) as ev_feeds, h.ids as ev_ids
    from hit h`,
};

function assetRule(kind: 'vehicle' | 'property' | 'business'): RuleDefinition {
  const base = { scenario: 'recovery' as const, subject: 'person' as const };
  const cat = (p: RuleParams, lang: 'zh' | 'en' = 'zh') => labelsOf(list(p, 'categories'), BENEFIT_CATEGORIES, lang);
  if (kind === 'vehicle') {
    return {
      ...base,
      code: 'ASSET_VEHICLE',
      name: '低保特困家庭成员登记机动车',
      nameEn: 'Beneficiary household registers a vehicle',
      feeds: ['vehicle_registration'],
      defaults: { level: 'yellow', appliesTo: 'monitored', params: { lookbackMonths: 12, categories: ['dibao', 'tekun'], excludedVehicleTypes: ['摩托车', '三轮汽车', '低速货车', '拖拉机'] } },
      params: [LOOKBACK, categories(), { key: 'excludedVehicleTypes', label: '不预警的车辆类型', labelEn: 'Vehicle types not counted', type: 'textList', maxItems: 30, maxLength: 30, minItems: 0 }],
      explain: (p) => ({
        zh: `${cat(p)}家庭成员近 ${n(p, 'lookbackMonths')} 个月内登记机动车时预警${list(p, 'excludedVehicleTypes').length ? `（${list(p, 'excludedVehicleTypes').join('、')}除外）` : ''}。`,
        en: `Warns when a member of a ${cat(p, 'en')} household registered a vehicle in the last ${n(p, 'lookbackMonths')} months${list(p, 'excludedVehicleTypes').length ? ` (except ${list(p, 'excludedVehicleTypes').join(', ')})` : ''}.`,
      }),
      sql: (q) => `
        select v.id_number, null::text as name,
          jsonb_build_object('vehicleType', (array_agg(v.vehicle_type order by v.registered_on desc))[1], 'plate', (array_agg(v.plate order by v.registered_on desc))[1],
            'registeredOn', max(v.registered_on), 'vehicles', count(*), 'categories', ${categoryWords(q, 'v.id_number')}) as figures,
          format('%s 登记机动车：%s（%s），家庭享受%s', max(v.registered_on), (array_agg(v.vehicle_type order by v.registered_on desc))[1],
            (array_agg(v.plate order by v.registered_on desc))[1], ${categoryWords(q, 'v.id_number')}) as summary,
          format('Vehicle registered on %s: %s (%s); household receives %s', max(v.registered_on), (array_agg(v.vehicle_type order by v.registered_on desc))[1],
            (array_agg(v.plate order by v.registered_on desc))[1], ${categoryWords(q, 'v.id_number', 'en')}) as summary_en,
          ${evidence('v', 'vehicle_registration')}
        from feed_vehicle_registration v
        where ${q.inSlice('v')} and v.registered_on > ${q.monthsAgo('lookbackMonths')} and v.registered_on <= ${q.today}
          and not (v.vehicle_type = any(${q.p('excludedVehicleTypes')})) and ${q.fresh('v', 'vehicle_registration')}
          and ${inCategories(q, 'v.id_number')}
        group by v.id_number`,
    };
  }
  if (kind === 'property') {
    return {
      ...base,
      code: 'ASSET_PROPERTY',
      name: '低保特困家庭成员登记不动产',
      nameEn: 'Beneficiary household registers a property',
      feeds: ['property_registration'],
      defaults: { level: 'yellow', appliesTo: 'monitored', params: { lookbackMonths: 12, categories: ['dibao', 'tekun'] } },
      params: [LOOKBACK, categories()],
      explain: (p) => ({
        zh: `${cat(p)}家庭成员近 ${n(p, 'lookbackMonths')} 个月内登记不动产时预警。`,
        en: `Warns when a member of a ${cat(p, 'en')} household registered a property in the last ${n(p, 'lookbackMonths')} months.`,
      }),
      sql: (q) => `
        select r.id_number, null::text as name,
          jsonb_build_object('unitNo', (array_agg(r.unit_no order by r.registered_on desc))[1], 'areaM2', (array_agg(r.area_m2 order by r.registered_on desc))[1],
            'use', (array_agg(r.use order by r.registered_on desc))[1], 'registeredOn', max(r.registered_on), 'properties', count(*),
            'categories', ${categoryWords(q, 'r.id_number')}) as figures,
          format('%s 登记不动产：%s%s（单元号 %s），家庭享受%s', max(r.registered_on), coalesce((array_agg(r.use order by r.registered_on desc))[1], ''),
            coalesce(' ' || (array_agg(r.area_m2 order by r.registered_on desc))[1]::text || ' 平方米', ''),
            (array_agg(r.unit_no order by r.registered_on desc))[1], ${categoryWords(q, 'r.id_number')}) as summary,
          format('Property registered on %s: %s%s (unit %s); household receives %s', max(r.registered_on), coalesce((array_agg(r.use order by r.registered_on desc))[1], ''),
            coalesce(' ' || (array_agg(r.area_m2 order by r.registered_on desc))[1]::text || ' m²', ''),
            (array_agg(r.unit_no order by r.registered_on desc))[1], ${categoryWords(q, 'r.id_number', 'en')}) as summary_en,
          ${evidence('r', 'property_registration')}
        from feed_property_registration r
        where ${q.inSlice('r')} and r.registered_on > ${q.monthsAgo('lookbackMonths')} and r.registered_on <= ${q.today}
          and ${q.fresh('r', 'property_registration')} and ${inCategories(q, 'r.id_number')}
        group by r.id_number`,
    };
  }
  return {
    ...base,
    code: 'ASSET_BUSINESS',
    name: '低保特困家庭成员登记市场主体',
    nameEn: 'Beneficiary household registers a business',
    feeds: ['business_registration'],
    defaults: { level: 'yellow', appliesTo: 'monitored', params: { lookbackMonths: 12, categories: ['dibao', 'tekun'], minCapitalFen: 10_000_000 } },
    params: [LOOKBACK, categories(), money('minCapitalFen', '注册资本阈值', 'Registered capital threshold')],
    explain: (p) => ({
      zh: `${cat(p)}家庭成员近 ${n(p, 'lookbackMonths')} 个月内登记市场主体（法定代表人），注册资本达到 ${formatYuan(n(p, 'minCapitalFen'))} 元及以上时预警。`,
      en: `Warns when a member of a ${cat(p, 'en')} household registered a business in the last ${n(p, 'lookbackMonths')} months with capital of ${formatYuan(n(p, 'minCapitalFen'))} yuan or more.`,
    }),
    sql: (q) => `
      select b.id_number, null::text as name,
        jsonb_build_object('company', (array_agg(b.company order by b.established_on desc))[1], 'capitalFen', max(b.capital),
          'establishedOn', max(b.established_on), 'businesses', count(*), 'minCapitalFen', ${q.p('minCapitalFen')},
          'categories', ${categoryWords(q, 'b.id_number')}) as figures,
        format('%s 登记市场主体：%s，注册资本 %s 元 ≥ %s 元，家庭享受%s', max(b.established_on), coalesce((array_agg(b.company order by b.established_on desc))[1], '（未填名称）'),
          monitoring_yuan(max(b.capital)), monitoring_yuan(${q.p('minCapitalFen')}), ${categoryWords(q, 'b.id_number')}) as summary,
        format('Business registered on %s: %s, capital %s yuan ≥ %s; household receives %s', max(b.established_on), coalesce((array_agg(b.company order by b.established_on desc))[1], '(no name)'),
          monitoring_yuan(max(b.capital)), monitoring_yuan(${q.p('minCapitalFen')}), ${categoryWords(q, 'b.id_number', 'en')}) as summary_en,
        ${evidence('b', 'business_registration')}
      from feed_business_registration b
      where ${q.inSlice('b')} and b.established_on > ${q.monthsAgo('lookbackMonths')} and b.established_on <= ${q.today}
        and b.capital >= ${q.p('minCapitalFen')} and ${q.fresh('b', 'business_registration')} and ${inCategories(q, 'b.id_number')}
      group by b.id_number`,
  };
}

const DECEASED_BENEFICIARY: RuleDefinition = {
  code: 'DECEASED_BENEFICIARY',
  name: '死亡人员所在家庭仍享受救助',
  nameEn: 'Death registered while the household still receives assistance',
  scenario: 'contradiction',
  subject: 'person',
  feeds: ['death_registration'],
  defaults: { level: 'red', appliesTo: 'monitored', params: { categories: ['dibao', 'tekun'] } },
  params: [categories()],
  explain: (p) => ({
    zh: `有死亡登记的人员，其家庭仍在享受${labelsOf(list(p, 'categories'), BENEFIT_CATEGORIES)}时预警（需复核家庭人口与待遇）。`,
    en: `Warns when a death is registered for a person whose household still holds ${labelsOf(list(p, 'categories'), BENEFIT_CATEGORIES, 'en')} (re-check members and payments).`,
  }),
  sql: (q) => `
    select d.id_number, max(d.name) as name,
      jsonb_build_object('diedOn', max(d.died_on), 'registrar', max(d.registrar), 'categories', ${categoryWords(q, 'd.id_number')}) as figures,
      format('%s 已登记死亡，但所在家庭仍享受%s', max(d.died_on), ${categoryWords(q, 'd.id_number')}) as summary,
      format('Death registered (%s) but the household still receives %s', max(d.died_on), ${categoryWords(q, 'd.id_number', 'en')}) as summary_en,
      ${evidence('d', 'death_registration')}
    from feed_death_registration d
    where ${q.inSlice('d')} and d.died_on <= ${q.today} and ${q.fresh('d', 'death_registration')} and ${inCategories(q, 'd.id_number')}
    group by d.id_number`,
};

export const RULES: readonly RuleDefinition[] = [
  MEDICAL_SELF_PAID_12M,
  MEDICAL_SPIKE,
  SERIOUS_ILLNESS,
  DISABILITY_SEVERE,
  DEATH_OF_LABOURER,
  leftAloneRule('child'),
  leftAloneRule('elder'),
  UNEMPLOYED,
  DISASTER_SEVERE,
  EDUCATION_BURDEN,
  RIGID_OVER_INCOME,
  RURAL_MONITORING,
  RECOVERY_EMPLOYMENT,
  assetRule('vehicle'),
  assetRule('property'),
  assetRule('business'),
  DECEASED_BENEFICIARY,
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function findRule(code: string): RuleDefinition | undefined {
  return BY_CODE.get(code);
}

/** The rule index by feed: the rules a feed's new records can set off. */
export function rulesReading(feed: string): RuleDefinition[] {
  return RULES.filter((r) => r.feeds.includes(feed));
}
