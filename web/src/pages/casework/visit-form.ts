// The visit form (入户核实) ↔ the one self-contained submission POST /visits takes, and the path of an error in
// that submission → the form field that shows it. Amounts are typed in yuan and sent in fen.
import type { DepartmentCode } from '../../../../src/casework/domain/departments';
import type { ItemKind } from '../../../../src/casework/domain/items';
import { FINDING_SECTIONS, type DispositionKind, type FindingSection, type VisitPurpose } from '../../../../src/casework/domain/visit';
import type { AttachmentUpload, TaskView, VisitBody } from '../../api/casework';
import { pathSegments, type FormFieldPath } from '../../components/form-errors';
import { yuanToFen } from '../../format/money-input';

export interface VisitFormValues {
  visitedOn: string | null;
  /** The signed-in caseworker first (with their account), then colleagues by name. */
  visitors: { name?: string; userId?: string }[];
  present: { name?: string; role?: string }[];
  findings: Partial<Record<FindingSection, string>>;
  disposition: {
    kind?: DispositionKind;
    items?: ItemKind[];
    amountYuan?: string | number | null;
    reason?: string;
    department?: DepartmentCode;
    why?: string;
    summary?: string;
    note?: string;
  };
  attachments: AttachmentUpload[];
}

/** The six sections the brief of a verification visit asks for, shown first; the rest fold away. */
export const MAIN_FINDINGS: readonly FindingSection[] = ['members', 'health', 'employment', 'income', 'rigidExpenses', 'housing'];
export const MORE_FINDINGS: readonly FindingSection[] = FINDING_SECTIONS.filter((s) => !MAIN_FINDINGS.includes(s));

export function emptyVisitForm(today: string, me: { username: string; displayName: string }, task?: Pick<TaskView, 'personName'>): VisitFormValues {
  return {
    visitedOn: today,
    visitors: [{ name: me.displayName, userId: me.username }],
    present: [{ name: task?.personName ?? '', role: '' }],
    findings: {},
    disposition: {},
    attachments: [],
  };
}

/** A verification task is closed by a verification visit, a re-check task by a re-check visit. */
export function purposeFor(task: Pick<TaskView, 'kind'>): VisitPurpose {
  return task.kind === 'recheck' ? 'recheck' : task.kind === 'warningVerification' ? 'warningVerification' : 'followUp';
}

const text = (s: string | undefined | null) => (s ?? '').trim();

function disposition(d: VisitFormValues['disposition']): VisitBody['disposition'] {
  switch (d.kind) {
    case undefined:
      return undefined;
    case 'startApplication':
      return { kind: d.kind, items: d.items ?? [] };
    case 'emergencyAssistance':
      // An amount that does not read as yuan goes as 0, which the shared rules refuse on its field.
      return { kind: d.kind, amountFen: yuanToFen(d.amountYuan) ?? 0, reason: text(d.reason) };
    case 'referral':
      return { kind: d.kind, department: d.department, why: text(d.why) } as VisitBody['disposition'];
    case 'countyCoordination':
      return { kind: d.kind, summary: text(d.summary) };
    case 'recheck':
    case 'close':
      return { kind: d.kind, reason: text(d.reason) };
    case 'noHardship':
      return text(d.note) ? { kind: d.kind, note: text(d.note) } : { kind: d.kind };
  }
}

export function visitBody(values: VisitFormValues, ctx: { clientId: string; purpose: VisitPurpose; taskId: number }): VisitBody {
  const findings: Partial<Record<FindingSection, string>> = {};
  for (const s of FINDING_SECTIONS) {
    const v = text(values.findings?.[s]);
    if (v) findings[s] = v;
  }
  const d = disposition(values.disposition ?? {});
  return {
    clientId: ctx.clientId,
    purpose: ctx.purpose,
    taskId: ctx.taskId,
    visitedOn: values.visitedOn ?? '',
    // A colleague without an account here is named; the name stands for them (distinct names, distinct people).
    visitors: (values.visitors ?? []).filter((v) => text(v.name)).map((v) => ({ userId: v.userId || `name:${text(v.name)}`, name: text(v.name) })),
    present: (values.present ?? []).filter((p) => text(p.name) || text(p.role)).map((p) => ({ name: text(p.name), role: text(p.role) })),
    findings,
    ...(values.attachments?.length ? { attachments: values.attachments } : {}),
    ...(d ? { disposition: d } : {}),
  };
}

/** The form field that shows an error about `field` (a path in the submission), or null: shown above the form. */
export function visitErrorField(field: string): FormFieldPath | null {
  const parts = pathSegments(field);
  const [head = '', a, b] = parts;
  const index = a !== undefined && /^\d+$/.test(a) ? Number(a) : null;
  switch (head) {
    case 'visitedOn':
      return ['visitedOn'];
    case 'visitors':
      return ['visitors', index ?? 0, 'name'];
    case 'present':
      return ['present', index ?? 0, b === 'role' ? 'role' : 'name'];
    case 'findings':
      return ['findings', a && (FINDING_SECTIONS as readonly string[]).includes(a) ? a : MAIN_FINDINGS[0]];
    case 'attachments':
      return ['attachments'];
    case 'disposition': {
      if (!a || a === 'kind') return ['disposition', 'kind'];
      if (a === 'items') return ['disposition', 'items'];
      if (a === 'amountFen') return ['disposition', 'amountYuan'];
      return ['reason', 'why', 'summary', 'department', 'note'].includes(a) ? ['disposition', a] : ['disposition', 'kind'];
    }
    default:
      return null;
  }
}
