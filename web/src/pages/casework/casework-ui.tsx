// Small pieces the casework pages share: warning level, task and item status tags, a deadline as it reads in a
// queue (overdue in red), and the notice that someone else acted first.
import { Alert, Button, Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, InfoCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { LEVEL_LABELS } from '../../../../src/monitoring/rule-types';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../../src/casework/domain/item-status';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, todayInChina } from '../../format/date';
import { formatFen } from '../../format/money';
import type { ItemView } from '../../api/casework';
import { deadlineState, type DeadlineFacts } from './deadline';
import './casework.css';

const LEVEL_COLOURS: Record<string, string> = { red: 'red', yellow: 'gold', blue: 'blue' };

export function LevelTag({ level }: { level: string | null | undefined }) {
  const { label } = useI18n();
  if (!level) return null;
  return (
    <Tag color={LEVEL_COLOURS[level] ?? 'default'} className="sn-cw-level" data-level={level}>
      {label(LEVEL_LABELS, level)}
    </Tag>
  );
}

const TASK_STATUS_COLOURS: Record<string, string> = { open: 'orange', assigned: 'blue', done: 'green', cancelled: 'default' };

export function TaskStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={TASK_STATUS_COLOURS[status] ?? 'default'}>{t(`casework.taskStatus.${status}` as MessageKey)}</Tag>;
}

const ITEM_STATUS_COLOURS: Record<ItemStatus, string> = {
  submitted: 'default', accepted: 'blue', in_review: 'processing', approved: 'green', refused: 'red', withdrawn: 'default',
};

export function ItemStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={ITEM_STATUS_COLOURS[status as ItemStatus] ?? 'default'} data-testid="item-status">{label(ITEM_STATUS_LABELS, status)}</Tag>;
}

export function ApplicationStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return status === 'draft' ? <Tag color="gold">{t('casework.app.status.draft')}</Tag> : <Tag color="blue">{t('casework.app.status.submitted')}</Tag>;
}

/** The due day and what is left of it in working days; overdue work in red with how late it is. */
export function Deadline({ facts, compact = false }: { facts: DeadlineFacts; compact?: boolean }) {
  const { t, locale } = useI18n();
  const s = deadlineState(facts, todayInChina());
  if (s.tone === 'waiting') {
    return (
      <Tooltip title={t('casework.deadline.waitingHelp')}>
        <span className="sn-muted">{t('casework.deadline.waiting')}</span>
      </Tooltip>
    );
  }
  const due = formatDate(facts.dueOn, locale);
  let note: string | null = null;
  if (s.tone === 'overdue') note = s.days ? t('casework.deadline.overdueDays', { n: s.days }) : t('casework.deadline.overdue');
  else if (s.tone === 'today') note = t('casework.deadline.today');
  else if ((s.tone === 'ok' || s.tone === 'soon') && s.days !== null) note = t('casework.deadline.left', { n: s.days });
  return (
    <span className={`sn-cw-deadline sn-cw-deadline-${s.tone}${compact ? ' sn-cw-deadline-compact' : ''}`} data-testid="deadline" data-tone={s.tone}>
      <span>{due}</span>
      {note && (
        <span className="sn-cw-deadline-note">
          {s.tone === 'overdue' ? <WarningOutlined /> : <ClockCircleOutlined />} {note}
        </span>
      )}
    </span>
  );
}

/** A time limit ("3 个工作日") with the rule it comes from behind an info icon (sources are long references). */
export function TimeLimit({ amount, unit, source }: { amount: number; unit: string; source: string | null }) {
  const { t } = useI18n();
  const text = t(unit === 'calendarDays' ? 'casework.deadline.calendarDays' : 'casework.deadline.workingDays', { n: amount });
  if (!source) return <span>{text}</span>;
  return (
    <Tooltip title={<span>{t('casework.deadline.source')}{source}</span>}>
      <span className="sn-cw-limit">{text} <InfoCircleOutlined className="sn-muted" aria-label={t('casework.deadline.source')} /></span>
    </Tooltip>
  );
}

/** A 409: another caseworker changed the record since this page loaded it. */
export function ConflictAlert({ text, onReload, reloading }: { text?: string; onReload: () => void; reloading?: boolean }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="sn-gap"
      title={t('casework.conflict.title')}
      description={text ?? t('casework.conflict.detail')}
      action={<Button icon={<ReloadOutlined />} loading={reloading} onClick={onReload}>{t('casework.conflict.reload')}</Button>}
      data-testid="conflict-alert"
    />
  );
}

/** An item's outcome in a line: the monthly amount from its start month, a one-off amount, or the refusal. */
export function DecisionText({ item: i }: { item: ItemView }) {
  const { t } = useI18n();
  const d = i.decision;
  if (i.status === 'refused') return <span className="sn-danger">{i.refusalReason ?? t('casework.items.refused')}</span>;
  if (!d) return <span className="sn-muted">—</span>;
  if (d.amountFenPerMonth) return <span>{t('casework.items.monthly', { amount: formatFen(d.amountFenPerMonth), month: d.startMonth ?? '' })}</span>;
  if (d.amountFen) return <span>{formatFen(d.amountFen)}</span>;
  return <span>{t('casework.items.approved')}</span>;
}
