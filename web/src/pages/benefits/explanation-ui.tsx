// How the benefits pages show a decision's reasons: the ordered steps with their figures and the policy
// article, the points a reviewer must check, the policy version used, money, programme and status tags.
import type { ReactNode } from 'react';
import { Alert, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { AwardView, Step } from '../../api/benefits';
import { useI18n, type MessageKey } from '../../i18n';
import { formatFen } from '../../format/money';
import { formatDate } from '../../format/date';
import './benefits.css';

/** Money in fen as yuan; a value that is not whole fen (never expected) is shown as it is, not thrown. */
export function Money({ fen, signed = false, testId }: { fen: number | null | undefined; signed?: boolean; testId?: string }) {
  if (fen === null || fen === undefined) return <span className="sn-muted">—</span>;
  const text = Number.isSafeInteger(fen) ? formatFen(fen) : String(fen);
  const cls = signed && fen > 0 ? 'sn-money sn-money-up' : signed && fen < 0 ? 'sn-money sn-money-down' : 'sn-money';
  return <span className={cls} data-testid={testId}>{signed && fen > 0 ? `+${text}` : text}</span>;
}

export function StepList({ steps, testId = 'explanation-steps' }: { steps: readonly Step[]; testId?: string }) {
  const { pick } = useI18n();
  return (
    <ol className="sn-steps" data-testid={testId}>
      {steps.map((s, i) => (
        <li key={i} className="sn-step" data-testid="explanation-step">
          <div className="sn-step-head">
            <span className="sn-step-label">{pick(s.label.zh, s.label.en)}</span>
            {s.amountFen !== undefined && <Money fen={s.amountFen} />}
          </div>
          <div className="sn-step-detail">{s.detail}</div>
          {s.article && <div className="sn-step-article sn-muted sn-small">{s.article}</div>}
        </li>
      ))}
    </ol>
  );
}

export function FlagList({ flags }: { flags: readonly string[] }) {
  const { t } = useI18n();
  if (flags.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="sn-gap"
      title={t('benefits.flags.title', { n: flags.length })}
      description={<ul className="sn-no-margin">{flags.map((f, i) => <li key={i}>{f}</li>)}</ul>}
      data-testid="explanation-flags"
    />
  );
}

export interface PolicyRefLike {
  id?: number;
  regionCode: string;
  regionName?: string | null;
  areaType: string;
  effectiveFrom: string;
  version: number;
  assumed?: string[];
}

const AREA_KEYS: Record<string, MessageKey> = { urban: 'benefits.area.urban', rural: 'benefits.area.rural', both: 'benefits.area.both' };

export function useAreaLabel() {
  const { t } = useI18n();
  return (area: string | null | undefined) => (area && AREA_KEYS[area] ? t(AREA_KEYS[area]) : area ?? '');
}

/** "上犹县 · 城乡通用 · 2024年1月1日起执行 · 第2版", linked to the version on the policies page. */
export function PolicyVersionText({ policy }: { policy: PolicyRefLike | null | undefined }) {
  const { t, locale } = useI18n();
  const area = useAreaLabel();
  if (!policy) return <span className="sn-muted">{t('benefits.policy.national')}</span>;
  const text = t('benefits.policy.ref', {
    region: policy.regionName ?? policy.regionCode, area: area(policy.areaType), from: formatDate(policy.effectiveFrom, locale), version: policy.version,
  });
  return (
    <span data-testid="policy-version">
      {policy.id ? <Link to={`/benefits/policies?region=${policy.regionCode}&version=${policy.id}`}>{text}</Link> : text}
      {policy.assumed && policy.assumed.length > 0 && (
        <Tooltip title={policy.assumed.join('；')}>
          <Tag color="gold" className="sn-gap-left">{t('benefits.policy.assumedCount', { n: policy.assumed.length })}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

const PROGRAMME_COLOR: Record<string, string> = { dibao: 'blue', singlePersonDibao: 'cyan', tekun: 'purple' };

export function ProgrammeTag({ programme, label }: { programme: string; label: { zh: string; en: string } }) {
  const { pick } = useI18n();
  return <Tag color={PROGRAMME_COLOR[programme] ?? 'default'}>{pick(label.zh, label.en)}</Tag>;
}

const STATUS: Record<AwardView['status'], { key: MessageKey; color: string }> = {
  notStarted: { key: 'benefits.award.status.notStarted', color: 'gold' },
  open: { key: 'benefits.award.status.open', color: 'green' },
  ending: { key: 'benefits.award.status.ending', color: 'orange' },
  ended: { key: 'benefits.award.status.ended', color: 'default' },
};

export function AwardStatusTag({ status }: { status: AwardView['status'] }) {
  const { t } = useI18n();
  const s = STATUS[status];
  return <Tag color={s.color}>{t(s.key)}</Tag>;
}

/** A figure in a row of figures: label, a big value, an optional line below. */
export function Figure({ label, value, sub, testId }: { label: string; value: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div className="sn-figure" data-testid={testId}>
      <div className="sn-figure-label">{label}</div>
      <div className="sn-figure-value">{value}</div>
      {sub !== undefined && <div className="sn-figure-sub">{sub}</div>}
    </div>
  );
}
