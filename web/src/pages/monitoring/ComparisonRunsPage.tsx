// 比对任务: the comparison runs, newest first — full comparisons (全面比对), and the evaluations after each import
// and API push — with kind, status, a progress bar, counts per rule and duration. Accounts with compare.run
// start a full comparison (county accounts for their county; city accounts for a county of theirs; the
// province for one county or all). While a run is going the page asks for progress every 2 seconds.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Progress, Row, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { monitoringApi, type RunProgress, type UnitProgress } from '../../api/monitoring';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { useQueryParams } from '../../app/use-query-params';
import { RunKindTag, RunStatusTag, useMs } from './monitoring-ui';
import { anyActiveRun, isActiveRun } from './monitoring-format';

const POLL_MS = 2000;
const KINDS = ['full', 'import', 'push'] as const;

export default function ComparisonRunsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, update] = useQueryParams();
  const kind = (params.get('kind') || undefined) as RunProgress['kind'] | undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [tick, setTick] = useState(0);
  const runs = useRequest((signal) => monitoringApi.runs({ kind, page, pageSize: 20 }, signal), [kind, page, tick]);
  const ms = useMs();
  const active = anyActiveRun(runs.data?.items);

  // Progress of running runs, every 2 s, until none is left on the page.
  useEffect(() => {
    if (!active || runs.loading) return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [active, runs.loading, runs.data]);

  const columns: TableProps<RunProgress>['columns'] = [
    {
      key: 'run', title: t('monitoring.run.run'), width: 130,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          <span className="sn-strong">#{r.id}</span>
          <RunKindTag kind={r.kind} />
        </Space>
      ),
    },
    { key: 'status', title: t('monitoring.run.statusCol'), width: 110, render: (_: unknown, r) => <RunStatusTag status={r.status} /> },
    {
      key: 'progress', title: t('monitoring.run.progress'), width: 210,
      render: (_: unknown, r) => <RunProgressCell run={r} />,
    },
    {
      key: 'counts', title: t('monitoring.run.counts'),
      render: (_: unknown, r) => <RuleCountsCell run={r} />,
    },
    {
      key: 'scope', title: t('monitoring.run.scope'), width: 160, responsive: ['lg'],
      render: (_: unknown, r) => (
        <div className="sn-small">
          <div><ScopeText run={r} /></div>
          <div className="sn-muted">{t('monitoring.run.asOf', { day: r.today })}</div>
        </div>
      ),
    },
    {
      key: 'time', title: t('monitoring.run.time'), width: 150,
      render: (_: unknown, r) => <StartedCell run={r} duration={ms(r.durationMs)} />,
    },
  ];

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('monitoring.runs.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="sn-gap-top-sm">{t('monitoring.runs.intro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <Select
            allowClear
            className="sn-filter-select"
            style={{ width: '12em' }}
            placeholder={t('monitoring.runs.allKinds')}
            aria-label={t('monitoring.runs.filterKind')}
            value={kind}
            onChange={(v?: string) => update({ kind: v, page: 1 })}
            options={KINDS.map((k) => ({ value: k, label: t(`monitoring.run.kind.${k}` as MessageKey) }))}
            data-testid="kind-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>{t('action.refresh')}</Button>
        </Space>
      </div>

      {can('compare.run') && <StartRun onStarted={() => { update({ kind: undefined, page: 1 }); setTick((n) => n + 1); }} />}

      <Card size="small" className="sn-gap-top">
        {active && <div className="sn-muted sn-small sn-gap" data-testid="polling">{t('monitoring.runs.polling')}</div>}
        {runs.error && !runs.data ? (
          <PageError error={runs.error} onRetry={() => setTick((n) => n + 1)} />
        ) : (
          <Table<RunProgress>
            rowKey="id"
            size="middle"
            loading={runs.loading && !runs.data}
            dataSource={runs.data?.items ?? []}
            columns={columns}
            tableLayout="fixed"
            scroll={{ x: 820 }}
            expandable={{ expandedRowRender: (r) => <RunDetail run={r} /> }}
            pagination={{
              current: page,
              pageSize: 20,
              total: runs.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => <span data-testid="runs-total">{t('monitoring.runs.total', { n: total })}</span>,
              onChange: (p) => update({ page: p }),
            }}
            locale={{ emptyText: runs.loading ? ' ' : <EmptyState description={t('monitoring.runs.empty')} /> }}
            data-testid="runs-table"
          />
        )}
      </Card>
    </div>
  );
}

function ScopeText({ run: r }: { run: RunProgress }) {
  const { t } = useI18n();
  if (r.kind === 'full') {
    return r.countyCode ? <>{t('monitoring.run.county', { name: r.countyName ?? r.countyCode })}</> : <>{t('monitoring.run.province')}</>;
  }
  if (r.importId !== null) return <>{t('monitoring.run.import', { id: r.importId, feed: r.feed ?? '' })}</>;
  return <>{r.feed ?? '—'}</>;
}

function RunProgressCell({ run }: { run: RunProgress }) {
  const { t } = useI18n();
  const status = run.status === 'failed' ? 'exception' : run.status === 'running' ? 'active' : 'success';
  return (
    <div data-testid={`run-progress-${run.id}`}>
      <Progress percent={run.percent} status={status} size="small" aria-label={t('monitoring.run.progress')} />
      {run.kind === 'full' && (
        <div className="sn-muted sn-small">
          {t('monitoring.run.units', { done: run.units.done, total: run.units.total })}
          {run.units.failed > 0 && <span className="sn-danger"> · {t('monitoring.run.unitsFailed', { n: run.units.failed })}</span>}
          {run.etaSeconds !== null && isActiveRun(run) && <> · {t('monitoring.run.eta', { s: run.etaSeconds })}</>}
        </div>
      )}
      {run.error && <div className="sn-danger sn-small sn-break">{run.error}</div>}
    </div>
  );
}

/** The rules that fired in the run, most first, with how many warnings each raised or updated. */
function RuleCountsCell({ run }: { run: RunProgress }) {
  const { t } = useI18n();
  const fired = run.rules.filter((r) => r.firings > 0).sort((a, b) => b.firings - a.firings);
  return (
    <div className="sn-small" data-testid={`run-counts-${run.id}`}>
      <div>{t('monitoring.run.totals', { raised: run.totals.raised, updated: run.totals.updated, evidence: run.totals.evidenceAdded })}</div>
      {fired.slice(0, 3).map((r) => (
        <div key={r.ruleCode} className="sn-muted">{t('monitoring.run.ruleLine', { rule: r.ruleName, fired: r.firings, raised: r.raised })}</div>
      ))}
      {fired.length > 3 && <div className="sn-muted">{t('monitoring.run.moreRules', { n: fired.length - 3 })}</div>}
      {fired.length === 0 && run.status !== 'running' && <div className="sn-muted">{t('monitoring.run.noFirings')}</div>}
    </div>
  );
}

function StartedCell({ run, duration }: { run: RunProgress; duration: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="sn-small">
      <div>{formatDateTime(run.startedAt, locale)}</div>
      <div className="sn-muted" data-testid={`run-duration-${run.id}`}>{t('monitoring.run.took', { d: duration })}</div>
      <div className="sn-muted">{run.actor}</div>
    </div>
  );
}

/** Per-rule counts, and the units of a full comparison (loaded when opened, refreshed as the run moves). */
function RunDetail({ run }: { run: RunProgress }) {
  const { t } = useI18n();
  const ms = useMs();
  const units = useRequest(
    (signal) => (run.kind === 'full' ? monitoringApi.run(run.id, signal).then((d) => d.unitList) : Promise.resolve([] as UnitProgress[])),
    [run.id, run.kind, run.status, run.units.done, run.percent],
  );
  return (
    <Row gutter={[16, 16]} className="sn-run-rules">
      <Col xs={24} xl={run.kind === 'full' ? 14 : 24}>
        <Table
          size="small"
          rowKey="ruleCode"
          pagination={false}
          dataSource={[...run.rules].sort((a, b) => Number(b.firings > 0) - Number(a.firings > 0))}
          title={() => t('monitoring.run.perRule')}
          columns={[
            { key: 'rule', title: t('monitoring.col.rule'), render: (_: unknown, r) => <div>{r.ruleName}<div className="sn-mono sn-muted sn-small">{r.ruleCode}</div></div> },
            { key: 'firings', title: t('monitoring.run.firings'), dataIndex: 'firings', align: 'right', width: 80 },
            { key: 'raised', title: t('monitoring.run.raised'), dataIndex: 'raised', align: 'right', width: 80 },
            { key: 'updated', title: t('monitoring.run.updated'), dataIndex: 'updated', align: 'right', width: 80 },
            { key: 'evidence', title: t('monitoring.run.evidence'), dataIndex: 'evidenceAdded', align: 'right', width: 90 },
            { key: 'ms', title: t('monitoring.run.ruleTime'), dataIndex: 'durationMs', align: 'right', width: 100, render: (v: number) => ms(v) },
          ]}
          locale={{ emptyText: <EmptyState description={t('monitoring.run.noFirings')} /> }}
        />
      </Col>
      {run.kind === 'full' && (
        <Col xs={24} xl={10}>
          <Table<UnitProgress>
            size="small"
            rowKey="unit"
            pagination={false}
            loading={units.loading && !units.data}
            dataSource={units.data ?? []}
            title={() => t('monitoring.run.unitsTitle')}
            columns={[
              { key: 'name', title: t('monitoring.run.unit'), render: (_: unknown, u) => <div>{u.name || u.unit}<div className="sn-muted sn-small">{t('monitoring.run.people', { n: u.people })}</div></div> },
              { key: 'status', title: t('monitoring.run.statusCol'), dataIndex: 'status', width: 90, render: (s: string) => t(`monitoring.unit.${s === 'done' || s === 'running' || s === 'failed' ? s : 'queued'}` as MessageKey) },
              { key: 'ms', title: t('monitoring.run.ruleTime'), dataIndex: 'durationMs', width: 90, align: 'right', render: (v: number | null) => ms(v) },
            ]}
          />
        </Col>
      )}
    </Row>
  );
}

/** Starting a full comparison: the county (required for a city account, optional for the province) and workers. */
function StartRun({ onStarted }: { onStarted: () => void }) {
  const { t, errorText } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [county, setCounty] = useState<string | undefined>();
  const [workers, setWorkers] = useState<number>(1);
  const [busy, setBusy] = useState(false);
  const ownCounty = me.regionLevel === 3;

  const start = async () => {
    setBusy(true);
    try {
      const run = await monitoringApi.startRun({ countyCode: ownCounty ? undefined : county, workers });
      message.success(t('monitoring.runs.started', { id: run.id }));
      onStarted();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('monitoring.runs.startTitle')} className="sn-gap-top" data-testid="start-run">
      <Form layout="inline" onFinish={start} className="sn-start-form">
        <Form.Item label={t('monitoring.runs.county')}>
          {ownCounty ? (
            <span data-testid="start-county">{me.regionName}</span>
          ) : (
            <div style={{ width: '18em', maxWidth: '100%' }}>
              <RegionPicker value={county} onChange={setCounty} placeholder={me.regionLevel === 1 ? t('monitoring.runs.wholeProvince') : t('monitoring.runs.pickCounty')} aria-label={t('monitoring.runs.county')} />
            </div>
          )}
        </Form.Item>
        <Form.Item label={t('monitoring.runs.workers')}>
          <InputNumber min={1} max={4} precision={0} value={workers} onChange={(v) => setWorkers(v ?? 1)} aria-label={t('monitoring.runs.workers')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={busy} data-testid="start-run-button">
            {t('monitoring.runs.start')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="sn-gap-top-sm sn-no-margin sn-small">{t('monitoring.runs.startHelp')}</Typography.Paragraph>
    </Card>
  );
}
