// A household's awards, newest first: programme and beneficiary, monthly amount, first and last month paid,
// status (a 渐退 award shows its exit month), why it ended; each row opens the decision's explanation —
// every step with its figures, the points to check, the policy version used, and who decided when. For a
// reviewer (onEnd given) an award still paid or to be paid can be ended by hand (终止).
import { Button, Descriptions, Table, Tag } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import type { TableProps } from 'antd';
import type { AwardView } from '../../api/benefits';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState } from '../../components/PageState';
import { AwardStatusTag, FlagList, Money, PolicyVersionText, ProgrammeTag, StepList } from './explanation-ui';
import { formatMonth } from './months';
import { canEndAward } from './award-actions';

const SOURCE_KEYS: Record<AwardView['source'], MessageKey> = {
  casework: 'benefits.award.source.casework',
  api: 'benefits.award.source.api',
  recalculation: 'benefits.award.source.recalculation',
  demo: 'benefits.award.source.demo',
};

export function AwardList({ awards, onEnd }: { awards: AwardView[]; onEnd?: (award: AwardView) => void }) {
  const { t, pick, locale } = useI18n();
  if (awards.length === 0) return <EmptyState description={t('benefits.award.none')} />;
  // The column only where some award can still be ended (history alone needs no actions).
  const endable = onEnd && awards.some(canEndAward) ? onEnd : undefined;
  const columns: TableProps<AwardView>['columns'] = [
    {
      key: 'programme', title: t('benefits.award.programme'), width: 150,
      render: (_, a) => (
        <div>
          <ProgrammeTag programme={a.programme} label={a.programmeLabel} />
          <div className="sn-small">{a.personName ?? t('benefits.award.wholeHousehold')}</div>
        </div>
      ),
    },
    { key: 'amount', title: t('benefits.award.amount'), dataIndex: 'amountFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} testId="award-amount" /> },
    { key: 'start', title: t('benefits.award.startMonth'), dataIndex: 'startMonth', width: 100, render: (m: string) => formatMonth(m, locale) },
    {
      key: 'end', title: t('benefits.award.lastMonth'), dataIndex: 'endMonth', width: 130,
      render: (m: string | null, a) => (m ? (
        <div>
          <div>{formatMonth(m, locale)}</div>
          <div className="sn-muted sn-small">{t('benefits.award.exitFrom', { month: formatMonth(a.exitMonth, locale) })}</div>
        </div>
      ) : <span className="sn-muted">{t('benefits.award.open')}</span>),
    },
    {
      key: 'status', title: t('benefits.award.status'), width: 130,
      render: (_, a) => (
        <span className="sn-tags" data-testid="award-status">
          <AwardStatusTag status={a.status} />
          {a.endReason === 'recovered' && <Tag color="orange">{t('benefits.award.graduatedExit')}</Tag>}
        </span>
      ),
    },
    {
      key: 'reason', title: t('benefits.award.endReason'),
      render: (_, a) => (a.endReasonLabel ? (
        <div>
          <div>{pick(a.endReasonLabel.zh, a.endReasonLabel.en)}</div>
          {a.endNote && <div className="sn-muted sn-small">{a.endNote}</div>}
        </div>
      ) : <span className="sn-muted">—</span>),
    },
    {
      key: 'decided', title: t('benefits.award.decided'), width: 140,
      render: (_, a) => (
        <div>
          <div>{formatDate(a.decidedOn, locale)}</div>
          <div className="sn-muted sn-small">{a.decidedBy}</div>
        </div>
      ),
    },
    ...(endable ? [{
      key: 'actions', title: t('benefits.actions.column'), width: 90, fixed: 'right' as const,
      render: (_: unknown, a: AwardView) => (canEndAward(a) ? (
        <Button size="small" danger icon={<StopOutlined />} onClick={() => endable(a)} data-testid={`end-award-${a.id}`}>{t('benefits.end.action')}</Button>
      ) : null),
    }] : []),
  ];
  return (
    <Table<AwardView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={awards}
      pagination={false}
      scroll={{ x: endable ? 1120 : 960 }}
      rowClassName={(a) => (a.status === 'ended' ? 'sn-row-ended' : '')}
      expandable={{
        expandedRowRender: (a) => <AwardExplanation award={a} />,
        expandRowByClick: false,
        // The current award's reasons are what a family asks about first.
        defaultExpandedRowKeys: awards.filter((a) => a.status !== 'ended').slice(0, 1).map((a) => a.id),
      }}
      data-testid="awards-table"
    />
  );
}

export function AwardExplanation({ award: a }: { award: AwardView }) {
  const { t, locale } = useI18n();
  const steps = a.explanation?.steps ?? [];
  return (
    <div className="sn-explanation" data-testid={`award-explanation-${a.id}`}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        className="sn-gap"
        items={[
          { key: 'policy', label: t('benefits.award.policyVersion'), children: <PolicyVersionText policy={a.policyVersion} />, span: 'filled' as const },
          { key: 'by', label: t('benefits.award.decidedBy'), children: <span data-testid="decided-by">{a.decidedBy}</span> },
          { key: 'on', label: t('benefits.award.decidedOn'), children: formatDate(a.decidedOn, locale) },
          { key: 'source', label: t('benefits.award.source'), children: t(SOURCE_KEYS[a.source]) },
          ...(a.decisionRef ? [{ key: 'ref', label: t('benefits.award.decisionRef'), children: a.decisionRef }] : []),
          ...(a.previousAwardId ? [{ key: 'prev', label: t('benefits.award.previous'), children: t('benefits.award.number', { id: a.previousAwardId }) }] : []),
          ...(a.successorAwardId ? [{ key: 'next', label: t('benefits.award.successor'), children: t('benefits.award.number', { id: a.successorAwardId }) }] : []),
        ]}
      />
      <FlagList flags={a.explanation?.flags ?? []} />
      <StepList steps={steps} />
    </div>
  );
}
