// 待遇调整: the monthly recalculation's proposals (increase / decrease / exit) with the old and new amount,
// the month they take effect and why — each with its full explanation. A county reviewer runs the
// recalculation for a month, selects many proposals and confirms or rejects them at once (a rejection
// needs a reason); proposals that no longer apply are skipped with their reason.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CalculatorOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { benefitsApi, type BenefitChange, type ChangesQuery, type ConfirmResult, type RecalcSummary } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { todayInChina } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { useQueryParams, type QueryPatch } from '../../app/use-query-params';
import { FlagList, Money, ProgrammeTag, StepList } from './explanation-ui';
import { formatMonth, monthOf } from './months';
import { selectionSummary } from './change-selection';

const KIND: Record<BenefitChange['kind'], { key: MessageKey; color: string }> = {
  increase: { key: 'benefits.changes.kind.increase', color: 'green' },
  decrease: { key: 'benefits.changes.kind.decrease', color: 'orange' },
  exit: { key: 'benefits.changes.kind.exit', color: 'red' },
};
const STATUS_KEYS: Record<string, MessageKey> = {
  proposed: 'benefits.changes.status.proposed', confirmed: 'benefits.changes.status.confirmed',
  rejected: 'benefits.changes.status.rejected', superseded: 'benefits.changes.status.superseded',
};
const PAGE_SIZE = 50;

export default function ChangesPage() {
  const { t, locale, errorText } = useI18n();
  const { can } = useSession();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [params, setQuery] = useQueryParams();
  const month = params.get('month') || monthOf(todayInChina());
  const status = (params.get('status') || 'proposed') as NonNullable<ChangesQuery['status']>;
  const kind = (params.get('kind') || undefined) as ChangesQuery['kind'];
  const page = Math.max(1, Number(params.get('page')) || 1);
  const changes = useRequest((signal) => benefitsApi.changes({ month, status, kind, page, pageSize: PAGE_SIZE }, signal), [month, status, kind, page]);
  const [selected, setSelected] = useState<number[]>([]);
  const [recalc, setRecalc] = useState<RecalcSummary | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ action: 'confirm' | 'reject'; done: number; skipped: { id: number; reason: string }[] } | null>(null);
  const [deciding, setDeciding] = useState<'confirm' | 'reject' | null>(null);
  const [busy, setBusy] = useState(false);
  const [noteForm] = Form.useForm<{ note: string }>();
  const reviewer = can('benefits.decide') && status === 'proposed';
  const items = changes.data?.items ?? [];
  const summary = selectionSummary(items, selected);

  const update = (patch: QueryPatch) => {
    setQuery(patch);
    setSelected([]);
  };
  const runRecalc = async () => {
    setRunning(true);
    setOutcome(null);
    try {
      setRecalc(await benefitsApi.recalculate({ month, ...(me.regionLevel === 3 ? { countyCode: me.regionCode } : {}) }));
      changes.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  const decide = async ({ note }: { note?: string }) => {
    if (!deciding) return;
    setBusy(true);
    try {
      if (deciding === 'confirm') {
        const r: ConfirmResult = await benefitsApi.confirmChanges(selected, note?.trim() || undefined);
        setOutcome({ action: 'confirm', done: r.confirmed.length, skipped: r.skipped });
      } else {
        const r = await benefitsApi.rejectChanges(selected, note!.trim());
        setOutcome({ action: 'reject', done: r.rejected.length, skipped: r.skipped.map((id) => ({ id, reason: t('benefits.changes.notPending') })) });
      }
      setDeciding(null);
      setSelected([]);
      changes.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<BenefitChange>['columns'] = [
    {
      key: 'household', title: t('benefits.changes.household'), width: 170,
      render: (_, c) => (
        <div>
          <Link to={`/benefits/households/${c.householdId}`} className="sn-strong">{c.headName ?? t('benefits.household.titleNoHead', { id: c.householdId })}</Link>
          <div className="sn-muted sn-small sn-break">{c.address}</div>
        </div>
      ),
    },
    {
      key: 'programme', title: t('benefits.award.programme'), width: 100,
      render: (_, c) => (
        <div>
          <ProgrammeTag programme={c.programme} label={c.programmeLabel} />
          {c.personName && <div className="sn-small">{c.personName}</div>}
        </div>
      ),
    },
    { key: 'old', title: t('benefits.changes.old'), dataIndex: 'previousAmountFen', width: 100, align: 'right', render: (f: number) => <Money fen={f} /> },
    { key: 'new', title: t('benefits.changes.new'), dataIndex: 'newAmountFen', width: 100, align: 'right', render: (f: number) => <Money fen={f} testId="change-new" /> },
    {
      key: 'delta', title: t('benefits.changes.delta'), dataIndex: 'deltaFen', width: 120, align: 'right',
      render: (f: number, c) => (
        <div>
          <Tag color={KIND[c.kind].color} className="sn-no-margin">{t(KIND[c.kind].key)}</Tag>
          <div><Money fen={f} signed /></div>
        </div>
      ),
    },
    { key: 'effective', title: t('benefits.changes.effectiveMonth'), dataIndex: 'effectiveMonth', width: 90, render: (m: string) => formatMonth(m, locale) },
    {
      key: 'reason', title: t('benefits.changes.reason'),
      render: (_, c) => {
        const last = c.explanation?.steps?.at(-1);
        return <span className="sn-small sn-break" data-testid="change-reason">{last?.detail ?? '—'}</span>;
      },
    },
    ...(status !== 'proposed'
      ? [{
          key: 'decided', title: t('benefits.changes.decided'), width: 160,
          render: (_: unknown, c: BenefitChange) => (
            <div className="sn-small">
              <Tag>{t(STATUS_KEYS[c.status] ?? 'benefits.changes.status.proposed')}</Tag>
              <div>{c.decidedBy}</div>
              {c.decisionNote && <div className="sn-muted">{c.decisionNote}</div>}
            </div>
          ),
        }]
      : []),
  ];

  const byKind = changes.data?.byKind ?? {};
  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.changes.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.changes.intro')}</Typography.Paragraph>
      <Space wrap className="sn-gap" align="center">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format={locale === 'en' ? 'MMM YYYY' : 'YYYY年M月'}
          onChange={(d) => d && update({ month: d.format('YYYY-MM'), page: 1 })}
          aria-label={t('benefits.changes.runMonth')}
          data-testid="changes-month"
        />
        <Select
          value={status}
          className="sn-filter-select"
          onChange={(v: string) => update({ status: v === 'proposed' ? undefined : v, page: 1 })}
          options={Object.entries(STATUS_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
          aria-label={t('benefits.changes.statusFilter')}
          data-testid="changes-status"
        />
        <Select
          allowClear
          value={kind}
          className="sn-filter-select"
          placeholder={t('benefits.changes.allKinds')}
          onChange={(v?: string) => update({ kind: v, page: 1 })}
          options={(Object.keys(KIND) as BenefitChange['kind'][]).map((k) => ({ value: k, label: t(KIND[k].key) }))}
          aria-label={t('benefits.changes.kind')}
        />
        {can('benefits.decide') && (
          <Button icon={<CalculatorOutlined />} loading={running} onClick={runRecalc} data-testid="run-recalc">
            {t('benefits.changes.recalculate', { month: formatMonth(month, locale) })}
          </Button>
        )}
      </Space>

      {recalc && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setRecalc(null)}
          className="sn-gap"
          title={t('benefits.changes.recalcDone', { month: formatMonth(recalc.month, locale), seconds: recalc.seconds.toFixed(1) })}
          description={t('benefits.changes.recalcSummary', {
            households: recalc.households, awards: recalc.awards, unchanged: recalc.unchanged, increase: recalc.increase, decrease: recalc.decrease,
            exit: recalc.exit, noFacts: recalc.skippedNoFacts, noPolicy: recalc.skippedNoPolicy, tax: recalc.taxFeedMembers,
          })}
          data-testid="recalc-summary"
        />
      )}
      {outcome && (
        <Alert
          type={outcome.skipped.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setOutcome(null)}
          className="sn-gap"
          title={t(outcome.action === 'confirm' ? 'benefits.changes.confirmed' : 'benefits.changes.rejected', { n: outcome.done })}
          description={outcome.skipped.length ? <ul className="sn-no-margin">{outcome.skipped.map((s) => <li key={s.id}>{t('benefits.changes.skipped', { id: s.id, reason: s.reason })}</li>)}</ul> : undefined}
          data-testid="changes-outcome"
        />
      )}

      <Card size="small">
        {changes.error ? (
          <PageError error={changes.error} onRetry={changes.reload} />
        ) : (
          <>
            <Space wrap size={[8, 8]} className="sn-gap" data-testid="changes-totals">
              <span>{t('benefits.changes.total', { n: changes.data?.total ?? 0 })}</span>
              {(Object.keys(KIND) as BenefitChange['kind'][]).map((k) => (
                <Tag key={k} color={KIND[k].color}>{t(KIND[k].key)} {byKind[k]?.count ?? 0}</Tag>
              ))}
              <span>{t('benefits.changes.monthlyDelta')}<Money fen={changes.data?.monthlyDeltaFen ?? 0} signed /></span>
            </Space>
            {reviewer && (
              <div className="sn-bulk-bar" data-testid="bulk-bar">
                <span data-testid="selection-summary">
                  {t('benefits.changes.selected', { n: summary.count })} · {t('benefits.changes.monthlyDelta')}<Money fen={summary.deltaFen} signed />
                </span>
                <Button type="primary" icon={<CheckOutlined />} disabled={summary.count === 0} onClick={() => { noteForm.resetFields(); setDeciding('confirm'); }} data-testid="confirm-selected">
                  {t('benefits.changes.confirm')}
                </Button>
                <Button danger icon={<CloseOutlined />} disabled={summary.count === 0} onClick={() => { noteForm.resetFields(); setDeciding('reject'); }} data-testid="reject-selected">
                  {t('benefits.changes.reject')}
                </Button>
              </div>
            )}
            <Table<BenefitChange>
              rowKey="id"
              size="middle"
              loading={changes.loading}
              dataSource={items}
              columns={columns}
              scroll={{ x: 960 }}
              rowSelection={reviewer ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), preserveSelectedRowKeys: false } : undefined}
              expandable={{
                expandedRowRender: (c) => (
                  <div className="sn-explanation">
                    <FlagList flags={c.explanation?.flags ?? []} />
                    <StepList steps={c.explanation?.steps ?? []} />
                  </div>
                ),
              }}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: changes.data?.total ?? 0, hideOnSinglePage: true, onChange: (p) => update({ page: p }) }}
              locale={{ emptyText: changes.loading ? ' ' : <EmptyState description={t('benefits.changes.none', { month: formatMonth(month, locale) })} /> }}
              data-testid="changes-table"
            />
          </>
        )}
      </Card>

      <Modal
        open={deciding !== null}
        title={deciding === 'reject' ? t('benefits.changes.rejectTitle', { n: summary.count }) : t('benefits.changes.confirmTitle', { n: summary.count })}
        okText={deciding === 'reject' ? t('benefits.changes.reject') : t('benefits.changes.confirm')}
        okButtonProps={{ danger: deciding === 'reject' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => noteForm.submit()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('benefits.changes.decideText', { n: summary.count, exits: summary.exits })}<Money fen={summary.deltaFen} signed />
        </Typography.Paragraph>
        <Form form={noteForm} layout="vertical" onFinish={decide}>
          <Form.Item
            name="note"
            label={deciding === 'reject' ? t('benefits.changes.rejectReason') : t('benefits.changes.note')}
            rules={deciding === 'reject' ? [{ required: true, whitespace: true, message: t('benefits.changes.reasonRequired') }] : []}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="decide-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
