// One warning, explained: who (masked ID, link to the household), which rule and version in which scenario,
// the figures that made it fire, the rule's explanation and the parameters of that version, every evidence
// record with where it came from (file and row, or API batch), the region that must act, what happened to
// it, its verification task, and the status moves the caller may make. Outside the caller's region it does
// not exist (404).
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ApiOutlined, ArrowLeftOutlined, FileTextOutlined, HomeOutlined, ReloadOutlined } from '@ant-design/icons';
import { APPLIES_TO_LABELS, WARNING_STATUS_LABELS, type WarningStatus } from '../../../../src/monitoring/rule-types';
import { ApiError } from '../../api/client';
import { monitoringApi, type EvidenceView, type RuleDetail, type WarningDetail } from '../../api/monitoring';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, Loading, RecordError } from '../../components/PageState';
import { RevealableValue } from '../../components/RevealableValue';
import { FieldPair, LevelTag, ScenarioText, WarningStatusTag, useFigureLabel } from './monitoring-ui';
import { formatEvidenceValue, formatFigure, keyEvidenceFields, nextStatuses } from './monitoring-format';
import { ParamValueText } from './ParamValueText';

export default function WarningPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const warning = useRequest((signal) => (valid ? monitoringApi.warning(id, signal) : Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''))), [id]);
  const ruleCode = warning.data?.ruleCode;
  const rule = useRequest((signal) => (ruleCode ? monitoringApi.rule(ruleCode, undefined, signal) : Promise.resolve(undefined)), [ruleCode]);
  const tasks = useRequest(
    (signal) => (valid && can('tasks.read') ? monitoringApi.tasksOf(id, signal).catch(() => ({ items: [], total: 0 })) : Promise.resolve({ items: [], total: 0 })),
    [id],
  );

  if (warning.loading && !warning.data) return <Loading />;
  if (warning.error) {
    return (
      <RecordError error={warning.error} onRetry={warning.reload} notFound={t('monitoring.warning.notFound')} notFoundDetail={t('monitoring.warning.notFoundDetail')}
        backTo="/warnings" backLabel={t('monitoring.warning.backToList')} />
    );
  }
  const w = warning.data!;
  const reload = () => {
    warning.reload();
    tasks.reload();
  };

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="warning-title">
            {t('monitoring.warning.title', { rule: w.ruleName, id: w.id })}
          </Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <LevelTag level={w.level} />
            <WarningStatusTag status={w.status} />
            <Tag><ScenarioText scenario={w.scenario} /></Tag>
            {!w.monitored && <Tag color="purple">{t('monitoring.discovery')}</Tag>}
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
          {can('warnings.handle') && <StatusActions warning={w} onChanged={reload} />}
        </Space>
      </div>

      {tasks.data && tasks.data.items.length > 0 && (
        <Alert
          className="sn-gap-top"
          type="info"
          showIcon
          title={
            <Space wrap size={[12, 4]}>
              <span>{t('monitoring.warning.tasks')}</span>
              {tasks.data.items.map((task) => (
                <Link key={task.id} to={`/casework/tasks/${task.id}`} data-testid="task-link">
                  {t('monitoring.warning.taskLink', { id: task.id })}
                </Link>
              ))}
            </Space>
          }
        />
      )}

      <Card title={t('monitoring.warning.figures')} size="small" className="sn-gap-top" data-testid="figures-card">
        <Figures w={w} rule={rule.data} />
      </Card>

      <Card title={t('monitoring.warning.subject')} size="small" className="sn-gap-top">
        <Subject w={w} />
      </Card>

      <Card title={t('monitoring.warning.rule')} size="small" className="sn-gap-top" data-testid="rule-card">
        <RuleExplained w={w} rule={rule.data} />
      </Card>

      <Card title={t('monitoring.warning.evidence', { n: w.evidence.length })} size="small" className="sn-gap-top">
        <Evidence evidence={w.evidence} />
      </Card>

      <Card title={t('monitoring.warning.events')} size="small" className="sn-gap-top">
        <Events w={w} />
      </Card>
    </div>
  );
}

function paramLabelsOf(rule: RuleDetail | undefined) {
  return new Map((rule?.params ?? []).map((p) => [p.key, { zh: p.label, en: p.labelEn }]));
}

function Figures({ w, rule }: { w: WarningDetail; rule: RuleDetail | undefined }) {
  const { t, pick, locale } = useI18n();
  const figureLabel = useFigureLabel(useMemo(() => paramLabelsOf(rule), [rule]));
  const yesNo = (v: boolean) => t(v ? 'monitoring.yes' : 'monitoring.no');
  // What was found first, then the parameters it was measured against (jsonb keeps no order of its own).
  const params = new Set(Object.keys(w.rule.params));
  const entries = Object.entries(w.figures ?? {}).sort(([a], [b]) => Number(params.has(a)) - Number(params.has(b)));
  return (
    <>
      <div className="sn-summary-line" data-testid="warning-summary">{pick(w.summary, w.summaryEn)}</div>
      {entries.length > 0 && (
        <Descriptions
          className="sn-figures sn-gap-top-sm"
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={entries.map(([key, value]) => ({ key, label: figureLabel(key), children: formatFigure(key, value, locale, yesNo) }))}
        />
      )}
    </>
  );
}

function Subject({ w }: { w: WarningDetail }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const mustAct = w.regionPath.length ? w.regionPath.map((r) => r.name).join(' / ') : w.region.name || w.region.code;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'name', label: w.subjectKind === 'household' ? t('monitoring.warning.personHousehold') : t('monitoring.warning.person'), children: <span data-testid="person-name">{w.person.name ?? '—'}</span> },
        {
          key: 'id', label: t('monitoring.warning.idNumber'),
          children: w.person.id && w.person.idNumberMasked
            ? <RevealableValue personId={w.person.id} personName={w.person.name ?? ''} field="idNumber" masked={w.person.idNumberMasked} />
            : <span className="sn-mono">{w.person.idNumberMasked ?? '—'}</span>,
        },
        {
          key: 'household', label: t('monitoring.warning.household'),
          children: w.householdId
            ? can('registry.read')
              ? <Link to={`/registry/households/${w.householdId}`} data-testid="household-link"><HomeOutlined /> {t('monitoring.warning.householdLink', { id: w.householdId })}</Link>
              : t('monitoring.warning.householdNo', { id: w.householdId })
            : <span className="sn-muted">{t('monitoring.warning.notRegistered')}</span>,
        },
        { key: 'monitored', label: t('monitoring.warning.monitored'), children: w.monitored ? t('monitoring.warning.monitoredYes') : t('monitoring.warning.monitoredNo') },
        { key: 'region', label: t('monitoring.warning.mustAct'), children: <span data-testid="must-act">{mustAct}</span> },
        { key: 'raised', label: t('monitoring.warning.raisedAt'), children: formatDateTime(w.raisedAt, locale) },
        { key: 'updated', label: t('monitoring.warning.updatedAt'), children: formatDateTime(w.updatedAt, locale) },
        ...(w.closedAt ? [{ key: 'closed', label: t('monitoring.warning.closedAt'), children: formatDateTime(w.closedAt, locale) }] : []),
      ]}
    />
  );
}

function RuleExplained({ w, rule }: { w: WarningDetail; rule: RuleDetail | undefined }) {
  const { t, pick, label } = useI18n();
  const version = rule?.versions.find((v) => v.id === w.rule.versionId);
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'rule', label: t('monitoring.warning.ruleName'), children: <Link to={`/rules/${w.rule.code}`}>{pick(w.rule.name, w.rule.nameEn)}</Link> },
          { key: 'code', label: t('monitoring.warning.ruleCode'), children: <span className="sn-mono" data-testid="rule-code">{w.rule.code}</span> },
          {
            key: 'version', label: t('monitoring.warning.ruleVersion'),
            children: (
              <span data-testid="rule-version">
                {t('monitoring.rule.versionN', { n: w.rule.version })} · {version ? version.regionName : w.rule.regionCode ?? t('monitoring.rule.provinceDefault')}
              </span>
            ),
          },
          { key: 'scenario', label: t('monitoring.warning.scenario'), children: <ScenarioText scenario={w.scenario} /> },
          { key: 'appliesTo', label: t('monitoring.rule.appliesTo'), children: label(APPLIES_TO_LABELS, w.rule.appliesTo) },
        ]}
      />
      <Typography.Paragraph className="sn-gap-top-sm" data-testid="rule-explanation">
        {pick(w.rule.explanation.zh, w.rule.explanation.en)}
      </Typography.Paragraph>
      {rule && (
        <Descriptions
          size="small"
          bordered
          title={<span className="sn-small">{t('monitoring.warning.paramsOfVersion', { n: w.rule.version })}</span>}
          column={{ xs: 1, sm: 1, md: 2 }}
          items={rule.params.map((p) => ({ key: p.key, label: pick(p.label, p.labelEn), children: <ParamValueText spec={p} value={w.rule.params[p.key]} /> }))}
        />
      )}
    </>
  );
}

function Evidence({ evidence }: { evidence: EvidenceView[] }) {
  const { t, locale } = useI18n();
  const yesNo = (v: boolean) => t(v ? 'monitoring.yes' : 'monitoring.no');
  const columns: TableProps<EvidenceView>['columns'] = [
    {
      key: 'feed', title: t('monitoring.evidence.feed'), width: 130,
      render: (_: unknown, e) => (
        <div>
          <div className="sn-strong" data-testid="evidence-feed">{e.feedName}</div>
          <div className="sn-muted sn-small">{e.department}</div>
        </div>
      ),
    },
    {
      key: 'source', title: t('monitoring.evidence.source'), width: 190,
      render: (_: unknown, e) => <EvidenceSource e={e} />,
    },
    {
      key: 'record', title: t('monitoring.evidence.record'),
      render: (_: unknown, e) => (e.missing ? <Typography.Text type="warning">{t('monitoring.evidence.missing')}</Typography.Text> : (
        <dl className="sn-evidence-fields">
          {keyEvidenceFields(e.fields).map((f) => (
            <FieldPair key={f.key} label={f.label} value={formatEvidenceValue(f, locale, yesNo)} />
          ))}
        </dl>
      )),
    },
    {
      key: 'added', title: t('monitoring.evidence.added'), width: 140, responsive: ['xl'],
      render: (_: unknown, e) => (
        <div className="sn-small">
          <div>{formatDateTime(e.addedAt, locale)}</div>
          <div className="sn-muted">{t('monitoring.rule.versionN', { n: e.ruleVersion })}</div>
        </div>
      ),
    },
  ];
  if (!evidence.length) return <EmptyState description={t('monitoring.evidence.none')} />;
  return (
    <Table<EvidenceView>
      rowKey={(e) => `${e.feed}:${e.recordId}`}
      size="small"
      dataSource={evidence}
      columns={columns}
      pagination={evidence.length > 10 ? { pageSize: 10, size: 'small' } : false}
      expandable={{
        expandedRowRender: (e) => (
          <dl className="sn-evidence-fields">
            {e.fields.map((f) => <FieldPair key={f.key} label={f.label} value={formatEvidenceValue(f, locale, yesNo)} />)}
            {e.receivedAt && <FieldPair label={t('monitoring.evidence.receivedAt')} value={formatDateTime(e.receivedAt, locale)} />}
          </dl>
        ),
        rowExpandable: (e) => !e.missing,
      }}
      scroll={{ x: 640 }}
      data-testid="evidence-table"
      title={() => <span className="sn-muted sn-small">{t('monitoring.evidence.expandHint')}</span>}
    />
  );
}

function EvidenceSource({ e }: { e: EvidenceView }) {
  const { t, locale } = useI18n();
  const s = e.source;
  return (
    <div className="sn-break" data-testid="evidence-source">
      {s.kind === 'api' ? (
        <>
          <Tag icon={<ApiOutlined />} color="purple">{t('monitoring.evidence.api')}</Tag>
          <div>{t('monitoring.evidence.batchRow', { batch: s.batchId ?? '—', row: s.row ?? '—' })}</div>
        </>
      ) : s.kind === 'file' ? (
        <>
          <Tag icon={<FileTextOutlined />}>{t('monitoring.evidence.file')}</Tag>
          <div>{t('monitoring.evidence.fileRow', { file: s.fileName ?? '—', row: s.row ?? '—' })}</div>
        </>
      ) : (
        <span className="sn-muted">—</span>
      )}
      {s.importId !== null && (
        <div className="sn-muted sn-small">
          {t('monitoring.evidence.importNo', { id: s.importId })}
          {s.importedAt ? ` · ${formatDateTime(s.importedAt, locale)}` : ''}
        </div>
      )}
    </div>
  );
}

function Events({ w }: { w: WarningDetail }) {
  const { t, label, locale } = useI18n();
  if (!w.events.length) return <EmptyState description={t('monitoring.events.none')} />;
  const text = (e: WarningDetail['events'][number]) => {
    switch (e.kind) {
      case 'raised':
        return t('monitoring.events.raised', { n: e.count ?? 0 });
      case 'evidence':
        return t('monitoring.events.evidence', { n: e.count ?? 0 });
      case 'level':
        return t('monitoring.events.level', { from: e.from ?? '', to: e.to ?? '' });
      case 'status':
        return t('monitoring.events.status', { from: label(WARNING_STATUS_LABELS, e.from), to: label(WARNING_STATUS_LABELS, e.to) });
      default:
        return e.kind;
    }
  };
  return (
    <Timeline
      data-testid="events"
      items={w.events.map((e, i) => ({
        key: i,
        content: (
          <div>
            <div>{text(e)}</div>
            <div className="sn-muted sn-small">
              {formatDateTime(e.at, locale)}{e.actor ? ` · ${e.actor}` : ''}
            </div>
            {e.note && <div className="sn-small">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** The moves the server allows from the current status; closing asks for a note. */
function StatusActions({ warning, onChanged }: { warning: WarningDetail; onChanged: () => void }) {
  const { t, label, errorText } = useI18n();
  const { message } = App.useApp();
  const [target, setTarget] = useState<WarningStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const moves = nextStatuses(warning.status);
  if (!moves.length) return null;

  const submit = async ({ note }: { note?: string }) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await monitoringApi.changeStatus(warning.id, { status: target, note: note?.trim() || undefined, version: warning.version });
      message.success(t('monitoring.status.changed', { status: label(WARNING_STATUS_LABELS, target) }));
      setTarget(null);
      form.resetFields();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'note')) {
        form.setFields([{ name: 'note', errors: e.fields.filter((f) => f.field === 'note').map((f) => errorText(new ApiError(400, f.code, f.message, f.messageEn))) }]);
      } else {
        setError(errorText(e));
        if (e instanceof ApiError && e.status === 409) onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {moves.map((s) => (
        <Button key={s} type={s === 'closed' ? 'primary' : 'default'} onClick={() => { setTarget(s); setError(null); }} data-testid={`move-${s}`}>
          {t(`monitoring.move.${s}` as MessageKey)}
        </Button>
      ))}
      <Modal
        open={target !== null}
        title={target ? t('monitoring.move.title', { status: label(WARNING_STATUS_LABELS, target) }) : ''}
        okText={t('monitoring.move.confirm')}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} className="sn-gap" />}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="note"
            label={t('monitoring.move.note')}
            rules={target === 'closed' ? [{ required: true, whitespace: true, message: t('monitoring.move.noteRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
