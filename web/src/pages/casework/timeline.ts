// One person, one file: each entry of GET /persons/{id}/file as a line a caseworker reads — what happened, the
// figures that matter (amounts, due days, the disposition), and where to open the record itself. The order is
// the server's (newest first); entries are grouped by day for reading and printing.
import { CATEGORY_LABELS } from '../../../../src/registry/vocabulary';
import { LEVEL_LABELS, SCENARIO_LABELS, WARNING_STATUS_LABELS } from '../../../../src/monitoring/rule-types';
import { DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { ITEM_KIND_INFO } from '../../../../src/casework/domain/items';
import { ITEM_STATUS_LABELS } from '../../../../src/casework/domain/item-status';
import { DISPOSITION_LABELS, FINDING_SECTIONS } from '../../../../src/casework/domain/visit';
import type { FileEntry, FileEntryKind } from '../../api/casework';
import type { I18n, MessageKey } from '../../i18n';
import { formatFen } from '../../format/money';
import { formatDate } from '../../format/date';

/** Every kind the file holds, in the order the filter lists them (the server's FILE_ENTRY_KINDS). */
export const FILE_KINDS = ['warning', 'task', 'visit', 'application', 'item', 'decision', 'referral', 'category'] as const satisfies readonly FileEntryKind[];
// Fails to compile when the server adds a kind this page does not list.
type Missing = Exclude<FileEntryKind, (typeof FILE_KINDS)[number]>;
const allKindsListed: Missing extends never ? true : false = true;
void allKindsListed;

export const KIND_COLOURS: Record<FileEntryKind, string> = {
  category: 'purple', warning: 'red', task: 'orange', visit: 'blue', application: 'cyan', item: 'geekblue', decision: 'green', referral: 'gold',
};

export interface EntryText {
  title: string;
  details: string[];
  /** Where the record itself opens in the workbench, if it has a page. */
  link?: string;
}

type Detail = Record<string, any>;

const kindKey = (kind: FileEntryKind) => `casework.file.kind.${kind}` as MessageKey;
export const fileKindLabel = (i18n: I18n, kind: FileEntryKind) => i18n.t(kindKey(kind));

function disposition(i18n: I18n, d: Detail | null | undefined): string | null {
  if (!d || typeof d !== 'object' || !d.kind) return null;
  const name = i18n.label(DISPOSITION_LABELS, d.kind);
  if (d.kind === 'emergencyAssistance' && Number.isSafeInteger(d.amountFen)) return `${name} ${formatFen(d.amountFen)}`;
  if (d.kind === 'referral' && d.department) return `${name}：${i18n.label(DEPARTMENT_INFO, d.department)}`;
  return name;
}

export function describeEntry(e: FileEntry, i18n: I18n): EntryText {
  const { t, label, locale } = i18n;
  const d = (e.detail ?? {}) as Detail;
  const date = (s: string | null | undefined) => (s ? formatDate(s, locale) : '');
  const lines = (...xs: (string | null | undefined | false)[]) => xs.filter((x): x is string => !!x);
  switch (e.kind) {
    case 'category':
      return {
        title: t(e.action === 'end' ? 'casework.file.categoryEnd' : 'casework.file.categoryStart', { category: label(CATEGORY_LABELS, d.category) }),
        details: lines(d.reason && t('casework.file.reason', { text: d.reason })),
      };
    case 'warning':
      if (e.action === 'raised') {
        return {
          title: t('casework.file.warningRaised', { level: label(LEVEL_LABELS, d.level), summary: d.summary ?? '' }),
          details: lines(d.scenario && t('casework.file.scenario', { scenario: label(SCENARIO_LABELS, d.scenario) }),
            d.evidenceCount ? t('casework.file.evidence', { n: d.evidenceCount }) : null),
          link: `/monitoring/warnings/${e.refId}`,
        };
      }
      return {
        title: t('casework.file.warningStatus', { from: label(WARNING_STATUS_LABELS, d.from) || '—', to: label(WARNING_STATUS_LABELS, d.to) }),
        details: lines(d.note),
        link: `/monitoring/warnings/${e.refId}`,
      };
    case 'task': {
      const taskKind = t(`casework.taskKind.${d.taskKind ?? 'warningVerification'}` as MessageKey);
      const link = `/casework/tasks/${e.refId}`;
      if (e.action === 'assigned') return { title: t('casework.file.taskAssigned', { kind: taskKind, name: d.assigneeName || d.assignee || '' }), details: [], link };
      if (e.action === 'escalated') return { title: t('casework.file.taskEscalated', { kind: taskKind }), details: lines(d.dueOn && t('casework.file.dueOn', { date: date(d.dueOn) })), link };
      if (e.action === 'done') {
        return {
          title: t('casework.file.taskDone', { kind: taskKind }),
          details: lines(d.outcome && ((DISPOSITION_LABELS as Record<string, unknown>)[d.outcome] ? label(DISPOSITION_LABELS, d.outcome) : d.outcome)),
          link,
        };
      }
      return { title: t('casework.file.taskCreated', { kind: taskKind }), details: lines(d.title, d.dueOn && t('casework.file.dueOn', { date: date(d.dueOn) })), link };
    }
    case 'visit': {
      const findings = FINDING_SECTIONS.filter((s) => d.findings?.[s]).slice(0, 3)
        .map((s) => `${t(`casework.finding.${s}` as MessageKey)}：${String(d.findings[s])}`);
      const visitors = Array.isArray(d.visitors) ? d.visitors.map((v: Detail) => v.name).filter(Boolean).join('、') : '';
      const dispo = disposition(i18n, d.disposition);
      return {
        title: t(`casework.purpose.${d.purpose ?? e.action}` as MessageKey),
        details: lines(dispo && t('casework.file.disposition', { text: dispo }), visitors && t('casework.file.visitors', { names: visitors }), ...findings,
          d.attachments ? t('casework.file.attachments', { n: d.attachments }) : null),
        link: `/casework/visits/${e.refId}`,
      };
    }
    case 'application':
      return {
        title: t(e.action === 'draft' ? 'casework.file.applicationDraft' : 'casework.file.applicationSubmitted', { number: d.number ?? '' }),
        details: lines(d.applicantName && t('casework.file.applicant', { name: d.applicantName })),
        link: `/casework/applications/${e.refId}`,
      };
    case 'item': {
      const kind = label(ITEM_KIND_INFO, d.itemKind);
      return {
        title: t('casework.file.item', { kind, action: t(`casework.itemAction.${e.action}` as MessageKey) }),
        details: lines(
          d.toStatus && t('casework.file.status', { status: label(ITEM_STATUS_LABELS, d.toStatus) }),
          d.department && label(DEPARTMENT_INFO, d.department),
          d.followOn && e.action === 'followOn' ? t('casework.items.followOn') : null,
          d.note,
        ),
        link: `/casework/items/${e.refId}`,
      };
    }
    case 'decision': {
      const programme = label(ITEM_KIND_INFO, d.programme);
      const link = d.itemId ? `/casework/items/${d.itemId}` : d.visitId ? `/casework/visits/${d.visitId}` : undefined;
      if (e.action === 'emergencyPayment') {
        return {
          title: t('casework.file.emergencyPayment', { amount: Number.isSafeInteger(d.amountFen) ? formatFen(d.amountFen) : '' }),
          details: lines(d.payBy && t('casework.file.payBy', { date: date(d.payBy) }), d.reason && t('casework.file.reason', { text: d.reason })),
          link,
        };
      }
      if (e.action === 'refusal') return { title: t('casework.file.refusal', { programme }), details: lines(d.reason && t('casework.file.reason', { text: d.reason })), link };
      const monthly = Number.isSafeInteger(d.amountFenPerMonth);
      return {
        title: monthly
          ? t('casework.file.approvalMonthly', { programme, amount: formatFen(d.amountFenPerMonth), month: d.startMonth ?? '' })
          : d.amountFen ? t('casework.file.approvalOnce', { programme, amount: formatFen(d.amountFen) }) : t('casework.file.approval', { programme }),
        details: lines(d.policyVersion && t('casework.file.policy', { version: d.policyVersion })),
        link,
      };
    }
    case 'referral':
      if (e.action === 'closed') {
        return { title: t('casework.file.referralClosed', { department: label(DEPARTMENT_INFO, d.department) }), details: lines(d.result), link: '/casework/referrals' };
      }
      return {
        title: t('casework.file.referral', { department: label(DEPARTMENT_INFO, d.department) }),
        details: lines(d.why, d.dueOn && t('casework.file.dueOn', { date: date(d.dueOn) })),
        link: '/casework/referrals',
      };
  }
}

/** Consecutive entries of one day together, keeping the server's order. */
export function groupByDay<T extends { on: string }>(entries: readonly T[]): { day: string; entries: T[] }[] {
  const groups: { day: string; entries: T[] }[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.day === e.on) last.entries.push(e);
    else groups.push({ day: e.on, entries: [e] });
  }
  return groups;
}
