// Time limits as stored data: the versions of each task kind's limit (seeded from DEFAULT_DEADLINE_PARAMETERS,
// extended by a province administrator, every change audited), and the pieces every service needs to compute a
// deadline — the parameters and the calendar — loaded together.
import type { Database, Tx } from '../platform/db';
import { appendAudit } from '../platform/audit';
import type { Caller } from '../platform/http/request-context';
import { AppError, fieldError, validationFailed } from '../platform/errors';
import { CalendarYearNotCoveredError, compareDates, isIsoDate, type WorkCalendar } from '../platform/calendar';
import {
  DEFAULT_DEADLINE_PARAMETERS,
  TASK_KINDS,
  deadlineFor,
  type Deadline,
  type DeadlineParameter,
  type DeadlineParameters,
  type DeadlineUnit,
  type TaskKind,
} from './domain';
import { loadWorkCalendar } from './calendar-store';

type Queryable = Pick<Database, 'query'> | Tx;

/**
 * Stands for "the calendar does not reach the due day yet" inside the pure domain, which needs a date: a limit
 * that runs into a year nobody has entered is stored with due_on null and filled in when the year is entered
 * (calendar-store.ts fillMissingDueDates). It sorts after every real date, so it is never overdue.
 */
export const DUE_UNKNOWN = '9999-12-31';

export function dueOrNull(due: string): string | null {
  return due === DUE_UNKNOWN ? null : due;
}

/** The calendar, except that a count running into an unknown year gives DUE_UNKNOWN instead of throwing. */
export function tolerantCalendar(calendar: WorkCalendar): WorkCalendar {
  return {
    ...calendar,
    addWorkingDays(start, n) {
      try {
        return calendar.addWorkingDays(start, n);
      } catch (e) {
        if (e instanceof CalendarYearNotCoveredError) return DUE_UNKNOWN;
        throw e;
      }
    },
  };
}

export async function loadDeadlineParameters(q: Queryable): Promise<DeadlineParameter[]> {
  const r = await q.query<{ kind: TaskKind; amount: number; unit: DeadlineUnit; effective_from: string; source: string }>(
    'select kind, amount, unit, effective_from, source from deadline_parameters order by kind, effective_from');
  return r.rows.map((p) => ({ kind: p.kind, amount: p.amount, unit: p.unit, effectiveFrom: p.effective_from, source: p.source }));
}

/** What computing a deadline needs, read in one go at the start of a unit of work. */
export interface DeadlineContext {
  params: DeadlineParameters;
  /** Tolerant: see DUE_UNKNOWN. */
  calendar: WorkCalendar;
}

export async function loadDeadlineContext(q: Queryable): Promise<DeadlineContext> {
  const [params, calendar] = await Promise.all([loadDeadlineParameters(q), loadWorkCalendar(q)]);
  return { params, calendar: tolerantCalendar(calendar) };
}

export function computeDeadline(ctx: DeadlineContext, kind: TaskKind, start: string): Deadline {
  return deadlineFor(kind, start, ctx.params, ctx.calendar);
}

/** Seeds the defaults once per (kind, version): a new default kind appears, an administrator's versions stay. */
export async function seedDeadlineParameters(q: Queryable): Promise<void> {
  const p = DEFAULT_DEADLINE_PARAMETERS;
  await q.query(
    `insert into deadline_parameters (kind, amount, unit, effective_from, source)
     select * from unnest($1::text[], $2::int[], $3::text[], $4::date[], $5::text[])
     on conflict (kind, effective_from) do nothing`,
    [p.map((x) => x.kind), p.map((x) => x.amount), p.map((x) => x.unit), p.map((x) => x.effectiveFrom), p.map((x) => x.source)],
  );
}

export interface ParameterView {
  kind: TaskKind;
  amount: number;
  unit: DeadlineUnit;
  effectiveFrom: string;
  source: string;
  inForce: boolean;
  createdBy: string | null;
  createdAt: string;
}

export async function listDeadlineParameters(q: Queryable, today: string): Promise<ParameterView[]> {
  const r = await q.query<Record<string, any>>(
    `select p.*, u.username from deadline_parameters p left join users u on u.id = p.created_by order by p.kind, p.effective_from`);
  const inForce = new Map<string, string>();
  for (const p of r.rows) if (compareDates(p.effective_from, today) <= 0) inForce.set(p.kind, p.effective_from);
  return r.rows.map((p) => ({
    kind: p.kind, amount: p.amount, unit: p.unit, effectiveFrom: p.effective_from, source: p.source,
    inForce: inForce.get(p.kind) === p.effective_from, createdBy: p.username ?? null, createdAt: new Date(p.created_at).toISOString(),
  }));
}

export interface ParameterInput {
  kind: string;
  effectiveFrom: string;
  amount: number;
  unit: DeadlineUnit;
  source: string;
}

/**
 * Adds a version, or replaces one that has not started yet. History is never rewritten: a version may not start
 * before today, and one already in force cannot be changed (add a new version instead).
 */
export async function putDeadlineParameter(db: Database, caller: Caller, input: ParameterInput, today: string): Promise<ParameterView[]> {
  const errors = [];
  if (!(TASK_KINDS as readonly string[]).includes(input.kind)) errors.push(fieldError('kind', 'UNKNOWN_KIND', `未知的时限类型：${input.kind}`, `Unknown task kind: ${input.kind}`));
  if (!isIsoDate(input.effectiveFrom)) errors.push(fieldError('effectiveFrom', 'INVALID_DATE', '生效日期无效', 'Invalid effective date'));
  else if (compareDates(input.effectiveFrom, today) < 0) {
    errors.push(fieldError('effectiveFrom', 'RETROACTIVE', '生效日期不能早于今天（已开始的办理时限不得追溯修改）', 'A version cannot start before today: running deadlines are never changed'));
  }
  if (!input.source.trim()) errors.push(fieldError('source', 'REQUIRED', '请注明依据', 'Name the rule or practice it comes from'));
  if (errors.length) throw validationFailed(errors);
  return db.transaction(async (tx) => {
    const existing = await tx.query<Record<string, any>>('select * from deadline_parameters where kind = $1 and effective_from = $2 for update', [input.kind, input.effectiveFrom]);
    const before = existing.rows[0] ?? null;
    if (before && compareDates(before.effective_from, today) <= 0) {
      throw new AppError(409, 'PARAMETER_IN_FORCE', '该版本已生效，不能修改，请新增一个版本', 'This version is in force; add a new version instead');
    }
    if (before) {
      await tx.query('update deadline_parameters set amount = $3, unit = $4, source = $5, created_by = $6, created_at = now() where kind = $1 and effective_from = $2',
        [input.kind, input.effectiveFrom, input.amount, input.unit, input.source.trim(), caller.user.id]);
    } else {
      await tx.query('insert into deadline_parameters (kind, amount, unit, effective_from, source, created_by) values ($1, $2, $3, $4, $5, $6)',
        [input.kind, input.amount, input.unit, input.effectiveFrom, input.source.trim(), caller.user.id]);
    }
    await appendAudit(tx, caller.actor, {
      action: before ? 'deadline_parameter.update' : 'deadline_parameter.create', entity: 'deadline_parameter', entityId: `${input.kind}@${input.effectiveFrom}`,
      before: before && { amount: before.amount, unit: before.unit, source: before.source },
      after: { amount: input.amount, unit: input.unit, source: input.source.trim() },
    });
    return listDeadlineParameters(tx, today);
  });
}
