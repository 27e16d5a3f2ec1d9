// One payment roll: its totals (all, to pay, held, released, cancelled, per programme), the bank file
// downloads (CSV in UTF-8 or GB18030, XLSX; all batches or one), the reconciliation with the decisions,
// the held-back lines with their reasons and the reviewer's release or cancel, and every line (paged).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { bankFileUrl, benefitsApi, type RollLine } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, Loading, PageError, RecordError } from '../../components/PageState';
import { Figure, Money, PolicyVersionText, ProgrammeTag, type PolicyRefLike } from './explanation-ui';
import { formatMonth } from './months';

const LINE_STATUS: Record<RollLine['status'], { key: MessageKey; color: string }> = {
  payable: { key: 'benefits.rolls.status.payable', color: 'green' },
  held: { key: 'benefits.rolls.status.held', color: 'red' },
  released: { key: 'benefits.rolls.status.released', color: 'blue' },
  cancelled: { key: 'benefits.rolls.status.cancelled', color: 'default' },
};
const PAGE_SIZE = 50;

export default function PaymentRollPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const notFound = () => Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''));
  const roll = useRequest((signal) => (valid ? benefitsApi.roll(id, signal) : notFound()), [id]);
  const reconciliation = useRequest((signal) => (valid ? benefitsApi.reconciliation(id, signal) : notFound()), [id]);
  const held = useRequest((signal) => (valid ? benefitsApi.rollLines(id, { status: 'held', pageSize: 500 }, signal) : notFound()), [id]);
  const [status, setStatus] = useState<RollLine['status'] | undefined>(undefined);
  const [page, setPage] = useState(1);
  const lines = useRequest((signal) => (valid ? benefitsApi.rollLines(id, { status, page, pageSize: PAGE_SIZE }, signal) : notFound()), [id, status, page]);
  const [reviewing, setReviewing] = useState<RollLine | null>(null);

  if (roll.loading && !roll.data) return <Loading />;
  if (roll.error) {
    return <RecordError error={roll.error} onRetry={roll.reload} notFound={t('benefits.rolls.notFound')} backTo="/benefits/payment-rolls" backLabel={t('benefits.rolls.backToList')} />;
  }
  const r = roll.data!;
  const reloadAll = () => {
    roll.reload();
    reconciliation.reload();
    held.reload();
    lines.reload();
  };

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="roll-title">
            {t('benefits.rolls.detailTitle', { county: r.countyName, month: formatMonth(r.month, locale) })}
          </Typography.Title>
          <div className="sn-muted sn-small sn-gap-top-sm">
            {t('benefits.rolls.madeBy', { by: r.createdBy, at: formatDateTime(r.createdAt, locale), batches: r.batchCount })}
          </div>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/benefits/payment-rolls')}>{t('benefits.rolls.backToList')}</Button>
          <Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('action.refresh')} />
        </Space>
      </div>

      <div className="sn-figures sn-gap-top" data-testid="roll-totals">
        <Figure label={t('benefits.rolls.all')} value={r.totals.all.lines} sub={<Money fen={r.totals.all.amountFen} />} testId="total-all" />
        <Figure label={t('benefits.rolls.toPay')} value={r.totals.toPay.lines} sub={<Money fen={r.totals.toPay.amountFen} />} testId="total-to-pay" />
        <Figure label={t('benefits.rolls.held')} value={<span className={r.totals.held.lines ? 'sn-danger' : ''}>{r.totals.held.lines}</span>} sub={<Money fen={r.totals.held.amountFen} />} testId="total-held" />
        <Figure label={t('benefits.rolls.released')} value={r.totals.released.lines} sub={<Money fen={r.totals.released.amountFen} />} />
        <Figure label={t('benefits.rolls.cancelled')} value={r.totals.cancelled.lines} sub={<Money fen={r.totals.cancelled.amountFen} />} />
      </div>

      {can('payments.manage') && <BankFiles rollId={r.id} batches={r.batchCount} />}

      <Card size="small" title={t('benefits.rolls.reconciliation')} className="sn-gap-top">
        {reconciliation.error ? <PageError error={reconciliation.error} onRetry={reconciliation.reload} /> : !reconciliation.data ? <Loading /> : <ReconciliationView data={reconciliation.data} />}
      </Card>

      <Card size="small" title={t('benefits.rolls.heldTitle', { n: held.data?.total ?? 0 })} className="sn-gap-top">
        {held.error ? (
          <PageError error={held.error} onRetry={held.reload} />
        ) : (
          <LineTable
            lines={held.data?.items ?? []}
            loading={held.loading}
            empty={t('benefits.rolls.noHeld')}
            onReview={can('payments.manage') ? setReviewing : undefined}
            testId="held-lines"
          />
        )}
      </Card>

      <Card
        size="small"
        title={t('benefits.rolls.linesTitle')}
        className="sn-gap-top"
        extra={
          <Select
            allowClear
            className="sn-filter-select"
            placeholder={t('benefits.rolls.allStatuses')}
            value={status}
            onChange={(v?: RollLine['status']) => { setStatus(v); setPage(1); }}
            options={(Object.keys(LINE_STATUS) as RollLine['status'][]).map((s) => ({ value: s, label: t(LINE_STATUS[s].key) }))}
            aria-label={t('benefits.rolls.statusFilter')}
          />
        }
      >
        {lines.error ? (
          <PageError error={lines.error} onRetry={lines.reload} />
        ) : (
          <LineTable
            lines={lines.data?.items ?? []}
            loading={lines.loading}
            empty={t('benefits.rolls.noLines')}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: lines.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n: number) => t('benefits.rolls.linesTotal', { n }) }}
            testId="roll-lines"
          />
        )}
      </Card>
      <ReviewModal key={reviewing?.id ?? 0} rollId={r.id} line={reviewing} onClose={() => setReviewing(null)} onDone={() => { setReviewing(null); reloadAll(); }} />
    </div>
  );
}

function BankFiles({ rollId, batches }: { rollId: number; batches: number }) {
  const { t } = useI18n();
  const [batch, setBatch] = useState<number | undefined>(undefined);
  const link = (format: 'csv' | 'xlsx', encoding?: 'utf8' | 'gb18030') => bankFileUrl(rollId, { format, encoding, batch });
  return (
    <Card size="small" title={t('benefits.rolls.bankFile')} className="sn-gap-top">
      <Space wrap>
        <Select
          value={batch ?? 0}
          onChange={(v: number) => setBatch(v || undefined)}
          options={[{ value: 0, label: t('benefits.rolls.allBatches') }, ...Array.from({ length: batches }, (_, i) => ({ value: i + 1, label: t('benefits.rolls.batchN', { n: i + 1 }) }))]}
          style={{ minWidth: 140 }}
          aria-label={t('benefits.rolls.batch')}
          data-testid="bank-batch"
        />
        <Button icon={<DownloadOutlined />} href={link('csv', 'utf8')} download data-testid="bank-csv">{t('benefits.rolls.csvUtf8')}</Button>
        <Button icon={<DownloadOutlined />} href={link('csv', 'gb18030')} download data-testid="bank-csv-gb">{t('benefits.rolls.csvGb')}</Button>
        <Button icon={<DownloadOutlined />} href={link('xlsx')} download data-testid="bank-xlsx">{t('benefits.rolls.xlsx')}</Button>
      </Space>
      <Typography.Paragraph type="secondary" className="sn-small sn-gap-top-sm">{t('benefits.rolls.bankFileNote')}</Typography.Paragraph>
    </Card>
  );
}

function ReconciliationView({ data }: { data: NonNullable<Awaited<ReturnType<typeof benefitsApi.reconciliation>>> }) {
  const { t } = useI18n();
  return (
    <div data-testid="reconciliation">
      <Alert
        type={data.balanced ? 'success' : 'error'}
        showIcon
        className="sn-gap"
        title={data.balanced ? t('benefits.rolls.balanced') : t('benefits.rolls.unbalanced')}
        description={data.explanation}
        data-testid="reconciliation-status"
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'awards', label: t('benefits.rolls.awardsPaid'), children: <span>{data.awards.count} · <Money fen={data.awards.amountFen} /></span> },
          { key: 'lines', label: t('benefits.rolls.rollLines'), children: <span>{data.lines.count} · <Money fen={data.lines.amountFen} /></span> },
        ]}
      />
      {data.missingFromRoll.length > 0 && (
        <Alert className="sn-gap-top" type="warning" showIcon title={t('benefits.rolls.missing', { n: data.missingFromRoll.length })}
          description={<ul className="sn-no-margin">{data.missingFromRoll.map((m) => <li key={m.awardId}><Link to={`/benefits/households/${m.householdId}`}>{t('benefits.award.number', { id: m.awardId })}</Link> · <Money fen={m.amountFen} /></li>)}</ul>} />
      )}
      {data.noLongerPayable.length > 0 && (
        <Alert className="sn-gap-top" type="warning" showIcon title={t('benefits.rolls.stale', { n: data.noLongerPayable.length })}
          description={<ul className="sn-no-margin">{data.noLongerPayable.map((m) => <li key={m.lineId}>{t('benefits.rolls.staleLine', { line: m.lineId, award: m.awardId })} · <Money fen={m.amountFen} /></li>)}</ul>} />
      )}
    </div>
  );
}

function LineTable({ lines, loading, empty, onReview, pagination, testId }: {
  lines: RollLine[];
  loading: boolean;
  empty: string;
  onReview?: (line: RollLine) => void;
  pagination?: object;
  testId: string;
}) {
  const { t, pick } = useI18n();
  const columns: TableProps<RollLine>['columns'] = [
    { key: 'no', title: t('benefits.rolls.lineNo'), dataIndex: 'id', width: 80 },
    {
      key: 'who', title: t('benefits.rolls.beneficiary'), width: 180,
      render: (_, l) => (
        <div>
          <Link to={`/benefits/households/${l.householdId}`} className="sn-strong">{l.beneficiaryName}</Link>
          <div className="sn-muted sn-small sn-break">{l.address}</div>
        </div>
      ),
    },
    { key: 'programme', title: t('benefits.award.programme'), width: 110, render: (_, l) => <ProgrammeTag programme={l.programme} label={l.programmeLabel} /> },
    { key: 'amount', title: t('benefits.award.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => <Money fen={f} /> },
    {
      key: 'account', title: t('benefits.rolls.account'), width: 230,
      render: (_, l) => (
        <div className="sn-small">
          <div>{l.holderName ?? <span className="sn-muted">{t('benefits.rolls.noHolder')}</span>}</div>
          <div className="sn-mono">{l.bankName} {l.accountNoMasked}</div>
        </div>
      ),
    },
    {
      key: 'status', title: t('benefits.rolls.lineStatus'), width: 210,
      render: (_, l) => (
        <div>
          <Tag color={LINE_STATUS[l.status].color}>{t(LINE_STATUS[l.status].key)}</Tag>
          {l.status === 'released' && l.releasedBatch && <span className="sn-small">{t('benefits.rolls.batchN', { n: l.releasedBatch })}</span>}
          {l.holdReasons.map((h) => <div key={h.code} className="sn-danger sn-small" data-testid="hold-reason">{pick(h.zh, h.en)}</div>)}
          {l.reviewNote && <div className="sn-muted sn-small">{t('benefits.rolls.reviewedBy', { by: l.reviewedBy ?? '', note: l.reviewNote })}</div>}
        </div>
      ),
    },
    { key: 'policy', title: t('benefits.award.policyVersion'), width: 220, responsive: ['xxl'], render: (_, l) => <span className="sn-small"><PolicyVersionText policy={l.policyVersion as unknown as PolicyRefLike} /></span> },
    ...(onReview
      ? [{
          key: 'review', title: '', width: 90, fixed: 'right' as const,
          render: (_: unknown, l: RollLine) => l.status === 'held' && <Button size="small" type="primary" onClick={() => onReview(l)} data-testid={`review-${l.id}`}>{t('benefits.rolls.review')}</Button>,
        }]
      : []),
  ];
  return (
    <Table<RollLine>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={lines}
      columns={columns}
      scroll={{ x: 1010 }}
      pagination={pagination ?? false}
      locale={{ emptyText: loading ? ' ' : <EmptyState description={empty} /> }}
      data-testid={testId}
    />
  );
}

function ReviewModal({ rollId, line, onClose, onDone }: { rollId: number; line: RollLine | null; onClose: () => void; onDone: () => void }) {
  const { t, errorText, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ decision: 'release' | 'cancel'; note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { decision: 'release' | 'cancel'; note: string }) => {
    if (!line) return;
    setBusy(true);
    setError(null);
    try {
      const out = await benefitsApi.reviewLine(rollId, line.id, { decision: v.decision, note: v.note.trim() });
      message.success(t(out.status === 'released' ? 'benefits.rolls.releasedOk' : 'benefits.rolls.cancelledOk'));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={line !== null}
      title={line ? t('benefits.rolls.reviewTitle', { name: line.beneficiaryName, id: line.id }) : ''}
      okText={t('benefits.rolls.reviewOk')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {line && (
        <Alert type="warning" showIcon className="sn-gap" title={line.holdReasons.map((h) => pick(h.zh, h.en)).join('；')} />
      )}
      <Form form={form} layout="vertical" initialValues={{ decision: 'cancel' }} onFinish={submit}>
        <Form.Item name="decision" label={t('benefits.rolls.decision')}>
          <Radio.Group
            options={[{ value: 'release', label: t('benefits.rolls.release') }, { value: 'cancel', label: t('benefits.rolls.cancel') }]}
            data-testid="review-decision"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" className="sn-small">{t('benefits.rolls.releaseRule')}</Typography.Paragraph>
        <Form.Item name="note" label={t('benefits.rolls.reviewNote')} rules={[{ required: true, whitespace: true, message: t('benefits.rolls.noteRequired') }]}
          validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="review-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
