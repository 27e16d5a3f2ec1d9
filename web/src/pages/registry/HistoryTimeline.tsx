// A household's change history from the audit trail: who, when, what, and for each change the value before
// and after, in words (labels, dates, names) rather than codes.
import type { ReactNode } from 'react';
import { Button, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../../api/registry';
import type { RequestState } from '../../api/useRequest';
import {
  AREA_TYPE_LABELS, CATEGORY_LABELS, DISABILITY_KIND_LABELS, EMPLOYMENT_LABELS, LABOUR_CAPACITY_LABELS, RELATION_LABELS, SCHOOL_STAGE_LABELS, SEX_LABELS,
} from '../../../../src/registry/vocabulary';
import { useI18n, type I18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../format/date';
import { Loading, EmptyState, PageError } from '../../components/PageState';
import { diffHousehold, namesIn, type Change, type Value } from './history-diff';

const FIELD_LABEL: Record<string, MessageKey> = {
  areaType: 'household.areaType', villageCode: 'household.villageCode', address: 'household.address', headPersonId: 'household.head',
  bankName: 'bank.bankName', accountNoMasked: 'bank.accountNo', holderPersonId: 'bank.holder',
  name: 'member.name', idNumberMasked: 'member.idNumber', relation: 'member.relation', sex: 'member.sex', birthDate: 'member.birthDate',
  disabilityKind: 'member.disabilityKind', disabilityGrade: 'member.disabilityGrade', seriousIllness: 'member.seriousIllness',
  labourCapacity: 'member.labourCapacity', employment: 'member.employment', schoolStage: 'member.schoolStage', phoneMasked: 'member.phone', diedOn: 'member.diedOn',
  category: 'category.category', fromDate: 'category.fromDate', toDate: 'category.toDate', reason: 'category.reason',
};

const ACTION_LABEL: Record<string, MessageKey> = {
  'household.create': 'history.action.create',
  'household.update': 'history.action.update',
};

function formatValue(i18n: I18n, field: string, value: Value, names: Map<number, string>): string {
  if (value === null) return i18n.t('common.empty');
  switch (field) {
    case 'areaType': return i18n.label(AREA_TYPE_LABELS, String(value));
    case 'relation': return i18n.label(RELATION_LABELS, String(value));
    case 'sex': return i18n.label(SEX_LABELS, String(value));
    case 'disabilityKind': return i18n.label(DISABILITY_KIND_LABELS, String(value));
    case 'disabilityGrade': return i18n.t('member.grade', { n: value });
    case 'labourCapacity': return i18n.label(LABOUR_CAPACITY_LABELS, String(value));
    case 'employment': return i18n.label(EMPLOYMENT_LABELS, String(value));
    case 'schoolStage': return i18n.label(SCHOOL_STAGE_LABELS, String(value));
    case 'category': return i18n.label(CATEGORY_LABELS, String(value));
    case 'birthDate': case 'diedOn': case 'fromDate': case 'toDate': return formatDate(String(value), i18n.locale);
    case 'headPersonId': case 'holderPersonId': return names.get(Number(value)) ?? `#${value}`;
    default: return String(value);
  }
}

function FromTo({ i18n, field, before, after, names, created }: { i18n: I18n; field: string; before: Value; after: Value; names: Map<number, string>; created: boolean }) {
  const label = FIELD_LABEL[field] ? i18n.t(FIELD_LABEL[field]) : field;
  if (created) {
    return (
      <>
        {label}{i18n.t('common.colon')}<span className="sn-diff-after">{formatValue(i18n, field, after, names)}</span>
      </>
    );
  }
  return (
    <>
      {label}{i18n.t('common.colon')}<span className="sn-diff-before">{formatValue(i18n, field, before, names)}</span>
      <span className="sn-diff-arrow" aria-label={i18n.t('history.changedTo')}> → </span>
      <span className="sn-diff-after">{formatValue(i18n, field, after, names)}</span>
    </>
  );
}

function describe(i18n: I18n, c: Change, names: Map<number, string>, created: boolean): ReactNode {
  const { t, label, locale } = i18n;
  switch (c.kind) {
    case 'household':
      return <FromTo i18n={i18n} field={c.field} before={c.before} after={c.after} names={names} created={created} />;
    case 'bank':
      return (
        <>
          <span className="sn-diff-subject">{t('bank.title')}</span> · <FromTo i18n={i18n} field={c.field} before={c.before} after={c.after} names={names} created={created} />
        </>
      );
    case 'memberAdded':
      return t('history.memberAdded', { name: c.member.name });
    case 'memberRemoved':
      return t('history.memberRemoved', { name: c.member.name });
    case 'member':
      return (
        <>
          <span className="sn-diff-subject">{t('history.member', { name: c.member.name })}</span> ·{' '}
          <FromTo i18n={i18n} field={c.field} before={c.before} after={c.after} names={names} created={created} />
        </>
      );
    case 'categoryAdded':
      return c.toDate
        ? t('history.categoryAddedUntil', { category: label(CATEGORY_LABELS, c.category), from: formatDate(c.fromDate, locale), to: formatDate(c.toDate, locale) })
        : t('history.categoryAdded', { category: label(CATEGORY_LABELS, c.category), from: formatDate(c.fromDate, locale) });
    case 'categoryRemoved':
      return t('history.categoryRemoved', { category: label(CATEGORY_LABELS, c.category), from: formatDate(c.fromDate, locale) });
    case 'categoryChanged':
      return (
        <>
          <span className="sn-diff-subject">{t('history.category', { category: label(CATEGORY_LABELS, c.category), from: formatDate(c.fromDate, locale) })}</span> ·{' '}
          <FromTo i18n={i18n} field={c.field} before={c.before} after={c.after} names={names} created={created} />
        </>
      );
    case 'other':
      return (
        <>
          {c.path}{t('common.colon')}<span className="sn-diff-before">{c.before || t('common.empty')}</span> → <span className="sn-diff-after">{c.after || t('common.empty')}</span>
        </>
      );
  }
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const i18n = useI18n();
  const { locale } = i18n;
  const created = entry.before === null || entry.before === undefined;
  const changes = diffHousehold(entry.before, entry.after);
  const names = namesIn(entry.before, entry.after);
  return (
    <div className="sn-history-entry" data-testid="history-entry">
      <div className="sn-history-head">
        <Typography.Text type="secondary">{formatDateTime(entry.at, locale)}</Typography.Text>
        <strong>{ACTION_LABEL[entry.action] ? i18n.t(ACTION_LABEL[entry.action]) : entry.action}</strong>
        <span className="sn-muted">{i18n.t('history.by', { actor: entry.actor })}</span>
      </div>
      {changes.length === 0 ? (
        <div className="sn-muted">{i18n.t('history.noVisibleChange')}</div>
      ) : (
        <ul className="sn-diff-list">
          {changes.map((c, i) => (
            <li key={i}>{describe(i18n, c, names, created)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function HistoryTimeline({ history }: { history: RequestState<HistoryEntry[]> }) {
  const { t } = useI18n();
  if (history.loading && !history.data) return <Loading tip={t('history.loading')} />;
  if (history.error) return <PageError error={history.error} onRetry={history.reload} title={t('history.failed')} />;
  const entries = history.data ?? [];
  if (entries.length === 0) return <EmptyState description={t('history.empty')} />;
  return (
    <>
      <Timeline
        items={entries.map((e) => ({
          key: e.seq,
          content: <Entry entry={e} />,
        }))}
      />
      {entries.length >= 200 && <Typography.Text type="secondary">{t('history.truncated')}</Typography.Text>}
      <Button size="small" onClick={history.reload} loading={history.loading}>
        {t('action.refresh')}
      </Button>
    </>
  );
}
