// Statistics of dynamic management per region and month, from the award history alone (set-based SQL):
// new inclusions (an award that continues no earlier one starts), adjustments (an award that continues
// another starts), and exits by reason (an award ends without successor: the exit takes effect the month
// after its end month). Broken down by the child regions of the region asked for, and by programme.
import { householdScopeCondition, type Scope } from '../../platform/auth/scope';
import { regionInScope } from '../../platform/auth/scope';
import { notFound } from '../../platform/errors';
import { addMonthsToMonth, monthsBetween } from '../dates';
import { badRequest, END_REASONS, regionFilter, type Queryable } from '../store/common';

const CHILD_COLUMN: Record<number, string> = { 1: 'city_code', 2: 'county_code', 3: 'township_code', 4: 'village_code', 5: 'village_code' };

export interface StatsQuery {
  regionCode?: string;
  from: string;
  to: string;
  programme?: string;
}

export async function benefitStats(q: Queryable, scope: Scope, query: StatsQuery) {
  if (query.from > query.to) throw badRequest('from', 'RANGE', '起始月份不能晚于结束月份', 'from must not be after to');
  if (monthsBetween(query.from, query.to) > 120) throw badRequest('to', 'RANGE', '统计区间最长10年', 'At most 10 years');
  const code = (query.regionCode ?? scope.regionCode).padEnd(12, '0');
  const region = await q.query<{ code: string; name: string; level: number; city_code: string | null; county_code: string | null; township_code: string | null }>(
    'select code, name, level, city_code, county_code, township_code from regions where code = $1', [code]);
  const reg = region.rows[0];
  // A region outside the scope does not exist for the caller, exactly like a household.
  if (!reg || !regionInScope(scope, reg)) throw notFound('行政区划', 'Region');
  const child = CHILD_COLUMN[reg.level];

  const params: unknown[] = [query.from, query.to, addMonthsToMonth(query.from, -1), addMonthsToMonth(query.to, -1)];
  const where = [householdScopeCondition(scope, 'h', params), regionFilter(code, 'h', params)];
  if (query.programme) {
    params.push(query.programme);
    where.push(`a.programme = $${params.length}`);
  }
  const w = where.join(' and ');
  const r = await q.query<{ month: string; region: string; programme: string; kind: string; reason: string | null; n: number; fen: number }>(
    `with events as (
       select a.start_month as month, h.${child} as region, a.programme,
         case when a.previous_award_id is null then 'new' else 'adjusted' end as kind, null::text as reason, a.amount_fen as fen
       from benefit_awards a join households h on h.id = a.household_id
       where a.start_month between $1 and $2 and a.start_month <= coalesce(a.end_month, a.start_month) and ${w}
       union all
       select to_char(to_date(a.end_month, 'YYYY-MM') + interval '1 month', 'YYYY-MM'), h.${child}, a.programme, 'exit', a.end_reason, a.amount_fen
       from benefit_awards a join households h on h.id = a.household_id
       where a.end_month between $3 and $4 and a.end_reason <> 'adjusted' and a.start_month <= a.end_month and ${w}
     )
     select month, region, programme, kind, reason, count(*)::int as n, sum(fen)::bigint as fen from events
     group by month, region, programme, kind, reason order by month, region, programme, kind`, params);

  const names = await q.query<{ code: string; name: string }>(
    `select code, name from regions where code = any($1::text[])`, [[...new Set(r.rows.map((x) => x.region))]]);
  const nameOf = new Map(names.rows.map((x) => [x.code, x.name]));
  const emptyExits = () => Object.fromEntries(END_REASONS.filter((x) => x !== 'adjusted').map((x) => [x, 0])) as Record<string, number>;
  type Cell = { newInclusions: number; adjustments: number; exits: number; exitsByReason: Record<string, number>; newAmountFen: number };
  const cell = (): Cell => ({ newInclusions: 0, adjustments: 0, exits: 0, exitsByReason: emptyExits(), newAmountFen: 0 });
  const months: string[] = [];
  for (let m = query.from; m <= query.to; m = addMonthsToMonth(m, 1)) months.push(m);
  const total = new Map(months.map((m) => [m, cell()]));
  const byRegion = new Map<string, Map<string, Cell>>();
  const byProgramme = new Map<string, Map<string, Cell>>();
  const add = (c: Cell, x: (typeof r.rows)[number]) => {
    if (x.kind === 'new') {
      c.newInclusions += x.n;
      c.newAmountFen += Number(x.fen);
    } else if (x.kind === 'adjusted') c.adjustments += x.n;
    else {
      c.exits += x.n;
      c.exitsByReason[x.reason ?? 'other'] = (c.exitsByReason[x.reason ?? 'other'] ?? 0) + x.n;
    }
  };
  const get = (map: Map<string, Map<string, Cell>>, key: string, month: string) => {
    let m = map.get(key);
    if (!m) map.set(key, (m = new Map()));
    let c = m.get(month);
    if (!c) m.set(month, (c = cell()));
    return c;
  };
  for (const x of r.rows) {
    add(total.get(x.month)!, x);
    add(get(byRegion, x.region, x.month), x);
    add(get(byProgramme, x.programme, x.month), x);
  }
  const series = (m: Map<string, Cell> | undefined) => months.map((month) => ({ month, ...(m?.get(month) ?? cell()) }));
  return {
    region: { code: reg.code, name: reg.name, level: reg.level },
    from: query.from,
    to: query.to,
    months: months.map((month) => ({ month, ...total.get(month)! })),
    byRegion: [...byRegion.keys()].sort().map((k) => ({ regionCode: k, regionName: nameOf.get(k) ?? k, months: series(byRegion.get(k)) })),
    byProgramme: [...byProgramme.keys()].sort().map((k) => ({ programme: k, months: series(byProgramme.get(k)) })),
    definitions: {
      newInclusions: '当月开始发放、且不接续此前待遇的发放记录数（新纳入）',
      adjustments: '当月开始发放、接续此前待遇的发放记录数（金额调整）',
      exits: '当月起停发且无接续待遇的发放记录数（退出自末次发放月的次月起生效），按退出原因分列',
    },
  };
}
