// How the monitoring pages show things: level and status colours, the figures a warning fired on, an evidence
// record's values by their feed type, durations, and which status moves and runs are still going. Pure.
import type { Level, WarningStatus } from '../../../../src/monitoring/rule-types';
import { STATUS_TRANSITIONS } from '../../../../src/monitoring/rule-types';
import type { EvidenceView, RunProgress } from '../../api/monitoring';
import { formatFen } from '../../format/money';
import { formatDate, formatDateTime } from '../../format/date';
import type { Locale } from '../../i18n';

/** Tag colours of the three levels: red, yellow, blue as the field calls them. */
export const LEVEL_COLOURS: Record<Level, string> = { red: 'red', yellow: 'gold', blue: 'blue' };

export const STATUS_COLOURS: Record<WarningStatus, string> = {
  new: 'magenta', dispatched: 'cyan', verifying: 'processing', escalated: 'volcano', closed: 'default',
};

/** The statuses a warning may move to next (the server's own table). */
export function nextStatuses(status: WarningStatus): readonly WarningStatus[] {
  return STATUS_TRANSITIONS[status] ?? [];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One figure of a warning as text: amounts (keys ending in Fen) as money, dates as dates, lists joined. */
export function formatFigure(key: string, value: unknown, locale: Locale, yesNo: (v: boolean) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (/Fen$/.test(key) && typeof value === 'number' && Number.isSafeInteger(value)) return formatFen(value);
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (typeof value === 'string') {
    if (DATE.test(value)) return formatDate(value, locale);
    if (TIMESTAMP.test(value)) return formatDateTime(value, locale);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatFigure(key, v, locale, yesNo)).join(locale === 'en' ? ', ' : '、');
  return JSON.stringify(value);
}

type EvidenceField = EvidenceView['fields'][number];

/** A field of an evidence record as its feed's contract types it: money in fen, dates, yes/no, enum labels. */
export function formatEvidenceValue(field: EvidenceField, locale: Locale, yesNo: (v: boolean) => string): string {
  const { value } = field;
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatFen(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value, locale) : String(value);
    case 'yesNo':
      return typeof value === 'boolean' ? yesNo(value) : String(value);
    case 'enum':
      return field.valueLabel && locale !== 'en' ? field.valueLabel : String(value);
    default:
      return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(value);
  }
}

const GLANCE_RANK: Partial<Record<EvidenceField['type'], number>> = { money: 0, date: 1, month: 1 };

/** The columns worth a glance in the evidence table — amounts and dates first, in the feed's column order;
 *  never the ID number or name (shown above) nor empty values. The rest show when a row is opened. */
export function keyEvidenceFields(fields: readonly EvidenceField[], max = 4): EvidenceField[] {
  const wanted = fields
    .map((f, i) => ({ f, i, rank: GLANCE_RANK[f.type] ?? 2 }))
    .filter(({ f }) => f.type !== 'idNumber' && f.key !== 'name' && f.value !== null && f.value !== '');
  const chosen = [...wanted].sort((a, b) => a.rank - b.rank || a.i - b.i).slice(0, max);
  return chosen.sort((a, b) => a.i - b.i).map(({ f }) => f);
}

/** A duration in words: '320 毫秒', '4.2 秒', '3 分 05 秒'. */
export function splitMs(ms: number | null | undefined): { unit: 'ms' | 's' | 'min'; ms?: number; s?: string; m?: number; ss?: string } | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return { unit: 'ms', ms: Math.round(ms) };
  if (ms < 60_000) return { unit: 's', s: (ms / 1000).toFixed(1) };
  const total = Math.round(ms / 1000);
  return { unit: 'min', m: Math.floor(total / 60), ss: String(total % 60).padStart(2, '0') };
}

/** A run still going: its page keeps polling. */
export const isActiveRun = (run: Pick<RunProgress, 'status'>) => run.status === 'running';

export const anyActiveRun = (runs: readonly Pick<RunProgress, 'status'>[] | undefined) => (runs ?? []).some(isActiveRun);
