// Twelve months of department data for the people of a demo registry, in all 13 feeds, generated set-based
// in SQL (hash-based, so the same registry gives the same records): costs, contributions, incomes,
// disabilities, deaths, vehicles… with a small share that should raise warnings, plus people the registry
// does not know (discovery). Used by the demo (`serve --demo`, `demo`) and by `npm run bench -- compare`.
import type { Database } from '../platform/db';
import { FEEDS, feedTable } from '../feeds/catalogue';

export const h = (expr: string) => `abs(hashint8(${expr}))`;
/** People outside the registry who appear in the feeds: 2 % of the registry's size. */
const strangers = (people: number) => Math.max(100, Math.round(people * 0.02));

/** People the registry does not know: valid ID numbers (check digit in SQL) from Jiangxi counties and elsewhere. */
const STRANGERS = (count: number) => `
  select s.n, f17 || substr('10X98765432', (select sum(substr(f17, i::int, 1)::int * w) from unnest(array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]) with ordinality as t(w, i))::int % 11 + 1, 1) as id_number,
    '外来' || s.n as name
  from generate_series(1, ${count}) s(n)
  cross join lateral (select (array['360731','360732','360733','360721','360103','361102','361121','360700','110101','440106','430102','350203'])[1 + ${h('s.n')} % 12]
      || to_char(date '1950-01-01' + (${h('s.n * 7')} % 25000)::int, 'YYYYMMDD') || lpad((900 + ${h('s.n * 13')} % 99)::text, 3, '0') as f17) x`;

export interface FeedPlan {
  feed: string;
  /** SELECT producing the feed's columns (without import_id/batch_id/source_row/person_id). */
  select: (today: string, people: number) => string;
}

export const PLANS: FeedPlan[] = [
  {
    feed: 'medical_settlement',
    // ≈ 3 settlements a person in the year; 2 % inpatient with larger self-paid amounts, a few very large.
    select: (today, people) => `
      select p.id_number, p.name, 'MS' || p.id || '-' || k as settlement_no, date '${today}' - (${h('p.id * 64 + k')} % 365)::int as settled_on,
        case when ${h('p.id * 32 + k')} % 60 = 0 then 'inpatient' else 'outpatient' end as visit_type, '医院' || (${h('p.id')} % 40) as hospital, null as diagnosis,
        c.self_paid * 3 as total_cost, c.self_paid * 2 as fund_paid, c.self_paid
      from persons p cross join lateral generate_series(1, ${h('p.id * 7')} % 8) k
      cross join lateral (select case when ${h('p.id * 32 + k')} % 60 = 0
                                  then case when ${h('p.id * 5 + k')} % 10 = 0 then 1500000 + ${h('p.id * 11 + k')} % 3000000 else 50000 + ${h('p.id * 11 + k')} % 800000 end
                                  else 1000 + ${h('p.id * 11 + k')} % 30000 end::bigint as self_paid) c
      union all
      select s.id_number, s.name, 'MX' || s.n || '-' || k, date '${today}' - (${h('s.n * 64 + k')} % 365)::int, 'inpatient', '医院', null,
        c.v * 3, c.v * 2, c.v
      from (${STRANGERS(strangers(people))}) s cross join lateral generate_series(1, 1 + ${h('s.n * 3')} % 4) k
      cross join lateral (select (200000 + ${h('s.n * 17 + k')} % 1500000)::bigint as v) c`,
  },
  {
    feed: 'social_insurance_contribution',
    // Everyone pays resident medical insurance once a year; 6 % of working-age people pay employee pension monthly.
    select: (today) => `
      select p.id_number, p.name, to_char(date '${today}' - (${h('p.id')} % 300)::int, 'YYYY-MM') as period, 'resident_medical' as insurance_type, null as employer, null::bigint as base_wage
      from persons p
      union all
      select p.id_number, p.name, to_char(date '${today}' - make_interval(months => m), 'YYYY-MM'), 'employee_pension', '某企业' || (${h('p.id')} % 500), (300000 + ${h('p.id * 3')} % 500000)::bigint
      from persons p cross join generate_series(0, 11) m
      where ${h('p.id * 19')} % 100 < 6 and p.birth_date between date '${today}' - interval '59 years' and date '${today}' - interval '18 years'
        and m < 12 - (${h('p.id * 23')} % 4) * 3`,
  },
  {
    feed: 'tax_income',
    select: (today) => `
      select p.id_number, p.name, to_char(date '${today}' - make_interval(months => m), 'YYYY-MM') as period, (150000 + ${h('p.id * 29 + m')} % 600000)::bigint as income, '工资薪金' as income_type
      from persons p cross join generate_series(0, 11) m where ${h('p.id * 31')} % 100 < 5`,
  },
  {
    feed: 'hospitalization',
    select: (today, people) => `
      select p.id_number, p.name, date '${today}' - (${h('p.id * 37')} % 365)::int as admitted_on, null::date as discharged_on,
        case when ${h('p.id * 41')} % 100 < 8 then '恶性肿瘤' else '肺炎' end as disease, ${h('p.id * 41')} % 100 < 8 as serious
      from persons p where ${h('p.id * 43')} % 100 < 10
      union all
      select s.id_number, s.name, date '${today}' - (${h('s.n * 37')} % 365)::int, null, '尿毒症', ${h('s.n')} % 4 = 0 from (${STRANGERS(strangers(people))}) s where s.n % 3 = 0`,
  },
  {
    feed: 'student_enrollment',
    select: (today) => `
      select p.id_number, p.name, '学校' || (${h('p.id')} % 300) as school,
        (array['primary','primary','primary','junior','junior','senior','secondary_vocational','higher_vocational','bachelor','bachelor'])[1 + ${h('p.id * 47')} % 10] as stage,
        date '${today}' - (${h('p.id * 53')} % 2190)::int as enrolled_on, case when ${h('p.id * 59')} % 4 = 0 then (100000 + ${h('p.id * 61')} % 1000000)::bigint end as tuition
      from persons p where p.birth_date > date '${today}' - interval '23 years' and p.birth_date < date '${today}' - interval '6 years'`,
  },
  {
    feed: 'disability_certificate',
    select: (today) => `
      select p.id_number, p.name, (array['visual','hearing','speech','physical','intellectual','mental','multiple'])[1 + ${h('p.id * 67')} % 7] as kind,
        1 + ${h('p.id * 71')} % 4 as grade, date '${today}' - (${h('p.id * 73')} % 1800)::int as issued_on, 'valid' as status
      from persons p where ${h('p.id * 79')} % 100 < 4`,
  },
  {
    feed: 'death_registration',
    select: (today) => `
      select p.id_number, p.name, date '${today}' - (${h('p.id * 83')} % 365)::int as died_on, '公安局' as registrar
      from persons p where ${h('p.id * 89')} % 1000 < 8`,
  },
  {
    feed: 'unemployment_registration',
    select: (today) => `
      select p.id_number, p.name, date '${today}' - (${h('p.id * 97')} % 500)::int as registered_on,
        case when ${h('p.id * 101')} % 2 = 0 then date '${today}' - (${h('p.id * 97')} % 500)::int + 90 end as ended_on
      from persons p where ${h('p.id * 103')} % 100 < 2 and p.birth_date between date '${today}' - interval '62 years' and date '${today}' - interval '16 years'`,
  },
  {
    feed: 'vehicle_registration',
    select: (today) => `
      select p.id_number, '赣' || chr(65 + ${h('p.id')} % 20) || lpad(p.id::text, 7, '0') as plate,
        (array['小型轿车','小型普通客车','摩托车','三轮汽车','轻型货车'])[1 + ${h('p.id * 107')} % 5] as vehicle_type,
        date '${today}' - (${h('p.id * 109')} % 900)::int as registered_on, '正常' as status
      from persons p where ${h('p.id * 113')} % 100 < 1`,
  },
  {
    feed: 'property_registration',
    select: (today) => `
      select p.id_number, '3607' || lpad(p.id::text, 24, '0') as unit_no, (40 + ${h('p.id * 127')} % 120)::numeric(14, 2) as area_m2, '住宅' as use,
        date '${today}' - (${h('p.id * 131')} % 2000)::int as registered_on
      from persons p where ${h('p.id * 137')} % 1000 < 15`,
  },
  {
    feed: 'business_registration',
    select: (today) => `
      select p.id_number, '9136' || lpad(p.id::text, 14, '0') as credit_code, '某某商贸' || p.id as company,
        (1000000 + ${h('p.id * 139')} % 50000000)::bigint as capital, date '${today}' - (${h('p.id * 149')} % 1500)::int as established_on, '存续' as status
      from persons p where ${h('p.id * 151')} % 1000 < 5`,
  },
  {
    feed: 'disaster_victim',
    select: (today) => `
      select p.id_number, p.name, '2025年洪涝灾害' || (${h('p.id')} % 3) as event, date '${today}' - (${h('p.id * 157')} % 365)::int as occurred_on,
        (array['severe','major','ordinary','ordinary'])[1 + ${h('p.id * 163')} % 4] as loss_level,
        case when ${h('p.id * 167')} % 5 = 0 then '房屋倒塌' else '无' end as house_damage
      from persons p where ${h('p.id * 173')} % 100 < 2`,
  },
  {
    feed: 'rural_monitoring_object',
    select: (today, people) => `
      select p.id_number, p.name, (array['unstable_lifted','marginal_at_risk','sudden_hardship'])[1 + ${h('p.id * 179')} % 3] as monitoring_type,
        '因病' as risk, date '${today}' - (${h('p.id * 181')} % 700)::int as since, null::date as cleared_on
      from persons p where ${h('p.id * 191')} % 1000 < 15
      union all
      select s.id_number, s.name, 'sudden_hardship', '因灾', date '${today}' - (${h('s.n * 181')} % 300)::int, null from (${STRANGERS(strangers(people))}) s where s.n % 5 = 0`,
  },
];

/** Loads every plan's records for the registry's people (the demo: small, so no index juggling). */
export async function loadDemoFeeds(db: Database, today: string, people: number): Promise<number> {
  let total = 0;
  for (const plan of PLANS) {
    const feed = FEEDS.find((f) => f.code === plan.feed)!;
    const columns = feed.columns.map((c) => c.key);
    const started = Date.now();
    total += await db.transaction(async (tx) => {
      const imp = await tx.query<{ id: number }>(
        `insert into feed_imports (feed, source, status, file_name, finished_at) values ($1, 'file', 'completed', $2, now()) returning id`,
        [feed.code, `demo-${feed.code}-${today.slice(0, 7)}.csv`]);
      // Counted as an import counts them, so that the data-quality page shows the demo's share matched.
      const r = await tx.query<{ accepted: number; matched: number }>(
        `with ins as (
           insert into ${feedTable(feed)} (${columns.join(', ')}, import_id, source_row, person_id)
           select ${columns.map((c) => `g.${c}`).join(', ')}, $1, (row_number() over ())::int + 1, p.id
           from (${plan.select(today, people)}) g left join persons p on p.id_number = g.id_number
           on conflict do nothing
           returning person_id)
         select count(*)::int as accepted, count(person_id)::int as matched from ins`, [imp.rows[0].id]);
      const { accepted, matched } = r.rows[0];
      await tx.query(`update feed_imports set rows_read = $2::int, rows_accepted = $2::int, rows_matched = $3::int, rows_unmatched = $2::int - $3::int,
          duration_ms = $4::int where id = $1`, [imp.rows[0].id, accepted, matched, Date.now() - started]);
      return accepted;
    });
  }
  for (const f of FEEDS) await db.query(`analyze ${feedTable(f)}`);
  return total;
}
