// The working-day calendar as the database keeps it: a province administrator's overrides and declared years,
// the WorkCalendar built from the official data plus those, and the materialised calendar_days table that lets
// SQL compute due dates set-based. The JS WorkCalendar stays the one source of truth: calendar_days is only
// ever written from it.
import type { Database, Tx } from '../platform/db';
import { appendAudit } from '../platform/audit';
import type { Caller } from '../platform/http/request-context';
import {
  createWorkCalendar,
  CalendarYearNotCoveredError,
  isIsoDate,
  OFFICIAL_2024_2026,
  toDayNumber,
  fromDayNumber,
  type CalendarOverride,
  type WorkCalendar,
} from '../platform/calendar';
import { AppError, fieldError, validationFailed, type FieldError } from '../platform/errors';

type Queryable = Pick<Database, 'query'> | Tx;

const CALENDAR_LOCK_KEY = 7_250_005;

export interface StoredOverrides {
  overrides: CalendarOverride[];
  years: { year: number; notice: string }[];
}

export async function readOverrides(q: Queryable): Promise<StoredOverrides> {
  const [o, y] = await Promise.all([
    q.query<{ date: string; kind: 'holiday' | 'workday'; name: string }>('select date, kind, name from calendar_overrides order by date'),
    q.query<{ year: number; notice: string }>('select year, notice from calendar_override_years order by year'),
  ]);
  return { overrides: o.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })), years: y.rows };
}

/** The calendar every deadline of the house is computed with: official 2024–2026 plus the stored overrides. */
export async function loadWorkCalendar(q: Queryable): Promise<WorkCalendar> {
  const stored = await readOverrides(q);
  return createWorkCalendar({ overrides: stored.overrides, overrideYears: stored.years.map((y) => y.year) });
}

/**
 * Rewrites calendar_days from the WorkCalendar: every day of the covered years that follow one another from the
 * first (a year after a gap is left out, because counting working days across an unknown year is impossible).
 */
export async function materialiseCalendar(tx: Tx, calendar?: WorkCalendar): Promise<{ from: string; to: string; days: number }> {
  const cal = calendar ?? (await loadWorkCalendar(tx));
  const years = [...cal.coveredYears].sort((a, b) => a - b);
  let last = years[0];
  while (years.includes(last + 1)) last++;
  const from = `${years[0]}-01-01`;
  const to = `${last}-12-31`;
  const dates: string[] = [];
  const working: boolean[] = [];
  const seqs: number[] = [];
  let seq = 0;
  for (let d = toDayNumber(from); d <= toDayNumber(to); d++) {
    const date = fromDayNumber(d);
    const w = cal.isWorkingDay(date);
    if (w) seq++;
    dates.push(date);
    working.push(w);
    seqs.push(seq);
  }
  // Two processes starting at once would otherwise both delete and both insert the same days.
  await tx.query('select pg_advisory_xact_lock($1)', [CALENDAR_LOCK_KEY]);
  await tx.query('delete from calendar_days');
  await tx.query(
    'insert into calendar_days (date, is_working_day, working_seq) select * from unnest($1::date[], $2::boolean[], $3::int[])',
    [dates, working, seqs],
  );
  return { from, to, days: dates.length };
}

/**
 * Time limits whose due day could not be computed because the calendar did not reach it get it now, once the
 * year has been entered (set-based, through casework_due_date()).
 */
export async function fillMissingDueDates(tx: Tx): Promise<number> {
  let n = 0;
  for (const table of ['tasks', 'application_items', 'referrals']) {
    const r = await tx.query(
      `update ${table} t set due_on = casework_due_date(t.${table === 'application_items' || table === 'referrals' ? 'received_on' : 'start_on'},
         p.amount, p.unit)
       from deadline_parameters p
       where t.due_on is null and p.kind = t.deadline_kind and p.effective_from = t.deadline_effective_from`,
    );
    n += r.rowCount;
  }
  return n;
}

export interface OverrideInput {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface PutYearInput {
  year: number;
  /** True when the entries are the whole year from the State Council notice: the year becomes known. */
  complete: boolean;
  notice?: string;
  entries: OverrideInput[];
}

export interface CalendarOverview {
  officialYears: number[];
  officialNotices: { year: number; number: string; issuedOn: string; title: string; url: string }[];
  /** Who declared a year and on which day (China time), so a wrong notice can be traced to a person. */
  declaredYears: { year: number; notice: string; declaredBy: string | null; declaredOn: string }[];
  coveredYears: number[];
  overrides: CalendarOverride[];
}

export async function calendarOverview(q: Queryable): Promise<CalendarOverview> {
  const [stored, declared] = await Promise.all([
    readOverrides(q),
    q.query<CalendarOverview['declaredYears'][number]>(
      `select y.year, y.notice, u.display_name as "declaredBy",
         to_char((y.declared_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as "declaredOn"
       from calendar_override_years y left join users u on u.id = y.declared_by order by y.year`),
  ]);
  const cal = createWorkCalendar({ overrides: stored.overrides, overrideYears: stored.years.map((y) => y.year) });
  return {
    officialYears: [...OFFICIAL_2024_2026.years],
    officialNotices: OFFICIAL_2024_2026.notices.map((n) => ({ ...n })),
    declaredYears: declared.rows,
    coveredYears: [...cal.coveredYears],
    overrides: stored.overrides,
  };
}

/**
 * Replaces one year's overrides (PUT semantics: the entries given are the year's whole list) and, when
 * `complete`, declares the year known. Rebuilds calendar_days and fills due days that were waiting for it.
 */
export async function putCalendarYear(db: Database, caller: Caller, input: PutYearInput): Promise<CalendarOverview> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.entries.forEach((e, i) => {
    if (!isIsoDate(e.date) || Number(e.date.slice(0, 4)) !== input.year) {
      errors.push(fieldError(`entries[${i}].date`, 'DATE_NOT_IN_YEAR', `日期须为 ${input.year} 年的有效日期`, `Date must be a valid date in ${input.year}`));
    } else if (seen.has(e.date)) {
      errors.push(fieldError(`entries[${i}].date`, 'DUPLICATE_DATE', '日期重复', 'Date listed twice'));
    }
    seen.add(e.date);
    if (!e.name.trim()) errors.push(fieldError(`entries[${i}].name`, 'REQUIRED', '请填写节日或原因', 'Name the holiday or reason'));
  });
  if (input.complete && !input.entries.some((e) => e.kind === 'holiday')) {
    errors.push(fieldError('entries', 'NO_HOLIDAYS', '整年录入须包含该年的放假安排', 'A whole year must include its holidays'));
  }
  if (errors.length) throw validationFailed(errors);
  return db.transaction(async (tx) => {
    const before = await tx.query<OverrideInput>(
      `select to_char(date, 'YYYY-MM-DD') as date, kind, name from calendar_overrides where extract(year from date) = $1 order by date`, [input.year]);
    const beforeYear = await tx.query<{ notice: string }>('select notice from calendar_override_years where year = $1', [input.year]);
    await tx.query('delete from calendar_overrides where extract(year from date) = $1', [input.year]);
    if (input.entries.length) {
      await tx.query(
        `insert into calendar_overrides (date, kind, name, updated_by)
         select d, k, n, $4 from unnest($1::date[], $2::text[], $3::text[]) as x(d, k, n)`,
        [input.entries.map((e) => e.date), input.entries.map((e) => e.kind), input.entries.map((e) => e.name.trim()), caller.user.id],
      );
    }
    if (input.complete) {
      await tx.query(
        `insert into calendar_override_years (year, notice, declared_by) values ($1, $2, $3)
         on conflict (year) do update set notice = excluded.notice, declared_by = excluded.declared_by, declared_at = now()`,
        [input.year, input.notice?.trim() ?? '', caller.user.id],
      );
    } else {
      await tx.query('delete from calendar_override_years where year = $1', [input.year]);
    }
    let calendar: WorkCalendar;
    try {
      calendar = await loadWorkCalendar(tx);
    } catch (e) {
      throw new AppError(400, 'VALIDATION', `日历数据无效：${(e as Error).message}`, `Calendar data invalid: ${(e as Error).message}`);
    }
    await materialiseCalendar(tx, calendar);
    const filled = await fillMissingDueDates(tx);
    await appendAudit(tx, caller.actor, {
      action: 'calendar.year.put', entity: 'calendar_year', entityId: input.year,
      before: { entries: before.rows, declared: beforeYear.rows.length > 0, notice: beforeYear.rows[0]?.notice ?? null },
      after: { entries: input.entries, declared: input.complete, notice: input.notice ?? null, dueDatesFilled: filled },
    });
    return calendarOverview(tx);
  });
}

/** Days of a range with where each answer comes from, for the administrator's year view. */
export async function calendarDays(q: Queryable, from: string, to: string) {
  const cal = await loadWorkCalendar(q);
  const out = [];
  for (let d = toDayNumber(from); d <= toDayNumber(to); d++) {
    const date = fromDayNumber(d);
    try {
      out.push({ covered: true, ...cal.dayInfo(date) });
    } catch (e) {
      if (e instanceof CalendarYearNotCoveredError) out.push({ date, covered: false, working: null, source: null });
      else throw e;
    }
  }
  return out;
}
