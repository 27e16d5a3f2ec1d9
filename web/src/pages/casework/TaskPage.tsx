// One task: the warning behind it (opens in 预警监测), the person and household (registry, one-person file), the
// deadline and the rule it came from, and what happened so far. 入户核实 opens the visit form; a county
// coordination or re-check task can also be closed here with its outcome.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, AuditOutlined, FileTextOutlined, HomeOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { caseworkApi, type TaskDetail } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { SCENARIO_LABELS, WARNING_STATUS_LABELS } from '../../../../src/monitoring/rule-types';
import { DISPOSITION_LABELS } from '../../../../src/casework/domain/visit';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../format/date';
import { Loading, RecordError } from '../../components/PageState';
import { RevealableValue } from '../../components/RevealableValue';
import { ConflictAlert, Deadline, LevelTag, TaskStatusTag, TimeLimit } from './casework-ui';
import { TASK_FINAL_STATUSES } from './deadline';
import { taskHistory, type TaskEvent } from './task-history';

export default function TaskPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const task = useRequest((signal) => (Number.isInteger(id) && id > 0 ? caseworkApi.task(id, signal) : Promise.reject(new ApiError(404, 'NOT_FOUND', '任务不存在', 'No such task'))), [id]);

  if (task.loading && !task.data) return <Loading />;
  if (task.error) {
    return (
      <RecordError error={task.error} onRetry={task.reload} notFound={t('casework.task.notFound')} notFoundDetail={t('casework.task.notFoundDetail')}
        backTo="/casework/tasks" backLabel={t('casework.task.backToQueue')} />
    );
  }
  const x = task.data!;
  const active = !TASK_FINAL_STATUSES.includes(x.status);
  const visitable = active && (x.kind === 'warningVerification' || x.kind === 'recheck') && can('tasks.work');

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="task-title">
            {t(`casework.taskKind.${x.kind}` as MessageKey)} · {x.personName ?? x.headName ?? `#${x.id}`}
          </Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <LevelTag level={x.level} />
            <TaskStatusTag status={x.status} />
            {x.escalatedOn && active && <Tag color="volcano">{t('casework.tasks.escalated')}</Tag>}
            <Tag>{t('casework.task.number', { id: x.id })}</Tag>
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          <Button icon={<ReloadOutlined />} onClick={task.reload} aria-label={t('action.refresh')} />
          {visitable && (
            <Button type="primary" size="large" icon={<AuditOutlined />} onClick={() => navigate(`/casework/tasks/${x.id}/visit`)} data-testid="start-visit">
              {t('casework.task.visit')}
            </Button>
          )}
        </Space>
      </div>

      <Row gutter={[16, 16]} className="sn-gap-top">
        <Col xs={24} lg={12}>
          <TaskCard task={x} />
        </Col>
        <Col xs={24} lg={12}>
          <SubjectCard task={x} />
          {x.warning && <WarningCard task={x} />}
        </Col>
      </Row>

      {active && x.kind !== 'warningVerification' && can('tasks.work') && <ResolveCard task={x} onDone={task.setData} onReload={task.reload} />}

      <Card title={t('casework.task.history')} size="small" className="sn-gap-top">
        <Timeline items={taskHistory(x).map((e, i) => ({ key: i, color: e.kind === 'escalated' ? 'red' : e.kind === 'done' ? 'green' : 'blue', content: <HistoryLine event={e} /> }))} />
      </Card>
    </div>
  );
}

function TaskCard({ task: x }: { task: TaskDetail }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('casework.task.task')} size="small" className="sn-card-fill">
      <Descriptions size="small" column={1} items={[
        { key: 'title', label: t('casework.tasks.matter'), children: x.title },
        ...(x.detail && x.kind !== 'warningVerification' ? [{ key: 'detail', label: t('casework.task.detail'), children: x.detail }] : []),
        { key: 'where', label: t('casework.task.where'), children: [x.townshipName, x.villageName].filter(Boolean).join(' · ') },
        { key: 'start', label: t('casework.task.start'), children: formatDate(x.startOn, locale) },
        {
          key: 'due', label: t('casework.tasks.deadline'),
          children: <Deadline facts={{ dueOn: x.dueOn, overdue: x.overdue, final: TASK_FINAL_STATUSES.includes(x.status), workingDaysLeft: x.workingDaysLeft }} compact />,
        },
        { key: 'rule', label: t('casework.task.limit'), children: <TimeLimit amount={x.deadline.amount} unit={x.deadline.unit} source={x.deadline.source} /> },
        { key: 'assignee', label: t('casework.task.assignee'), children: x.assignee ? `${x.assignee.name || x.assignee.username}` : <span className="sn-muted">{t('casework.tasks.unassigned')}</span> },
        ...(x.escalatedOn ? [{ key: 'esc', label: t('casework.task.escalatedOn'), children: formatDate(x.escalatedOn, locale) }] : []),
        ...(x.doneOn ? [{ key: 'done', label: t('casework.task.doneOn'), children: formatDate(x.doneOn, locale) }] : []),
      ]} />
    </Card>
  );
}

function SubjectCard({ task: x }: { task: TaskDetail }) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Card title={t('casework.task.subject')} size="small">
      <Descriptions size="small" column={1} items={[
        { key: 'name', label: t('member.name'), children: <strong>{x.personName ?? '—'}</strong> },
        {
          key: 'id', label: t('member.idNumber'),
          children: x.personId ? <RevealableValue personId={x.personId} personName={x.personName ?? ''} field="idNumber" masked={x.personIdNumberMasked} /> : <span className="sn-mono">{x.personIdNumberMasked ?? '—'}</span>,
        },
        { key: 'address', label: t('household.address'), children: x.householdAddress ?? '—' },
      ]} />
      {can('registry.read') && (
        <Space wrap size={16} className="sn-gap-top-sm">
          {x.householdId && <Link to={`/registry/households/${x.householdId}`}><HomeOutlined /> {t('casework.task.household')}</Link>}
          {x.personId && <Link to={`/casework/persons/${x.personId}/file`} data-testid="person-file-link"><FileTextOutlined /> {t('casework.file.open')}</Link>}
        </Space>
      )}
    </Card>
  );
}

function WarningCard({ task: x }: { task: TaskDetail }) {
  const { t, label } = useI18n();
  const w = x.warning!;
  return (
    <Card title={t('casework.task.warning')} size="small" className="sn-gap-top" extra={<Link to={`/monitoring/warnings/${w.id}`} data-testid="warning-link">{t('casework.task.openWarning')}</Link>}>
      <Descriptions size="small" column={1} items={[
        { key: 'summary', label: t('casework.task.warningSummary'), children: w.summary },
        { key: 'level', label: t('casework.tasks.level'), children: <LevelTag level={x.level} /> },
        { key: 'scenario', label: t('casework.task.scenario'), children: label(SCENARIO_LABELS, w.scenario) },
        { key: 'status', label: t('casework.task.warningStatus'), children: label(WARNING_STATUS_LABELS, w.status) },
        { key: 'evidence', label: t('casework.task.evidence'), children: t('casework.task.evidenceCount', { n: w.evidenceCount ?? 0 }) },
      ]} />
    </Card>
  );
}

function HistoryLine({ event: e }: { event: TaskEvent }) {
  const { t, label, locale } = useI18n();
  switch (e.kind) {
    case 'created': return <span>{formatDate(e.on, locale)} · {t('casework.task.hCreated')}</span>;
    case 'assigned': return <span>{formatDateTime(e.at, locale)} · {t('casework.task.hAssigned', { name: e.name })}</span>;
    case 'escalated': return <span className="sn-danger">{formatDate(e.on, locale)} · {t('casework.task.hEscalated')}</span>;
    case 'visit':
      return (
        <span>
          {formatDate(e.on, locale)} · <Link to={`/casework/visits/${e.visitId}`}>{t('casework.task.hVisit', { who: e.recordedBy })}</Link>
          {e.disposition && <span className="sn-muted"> · {label(DISPOSITION_LABELS, e.disposition)}</span>}
        </span>
      );
    case 'done':
      return <span>{formatDate(e.on, locale)} · {t('casework.task.hDone')}{e.outcome && <span className="sn-muted"> · {(DISPOSITION_LABELS as Record<string, unknown>)[e.outcome] ? label(DISPOSITION_LABELS, e.outcome) : e.outcome}</span>}</span>;
    case 'cancelled': return <span className="sn-muted">{t('casework.task.hCancelled')}</span>;
  }
}

/** A county coordination (一事一议) or re-check task is closed with what was decided. */
function ResolveCard({ task, onDone, onReload }: { task: TaskDetail; onDone: (t: TaskDetail) => void; onReload: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ conflict: boolean; text: string } | null>(null);
  const submit = async ({ outcome }: { outcome: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await caseworkApi.resolve(task.id, task.version, outcome.trim()));
      message.success(t('casework.task.resolved'));
    } catch (e) {
      setProblem({ conflict: e instanceof ApiError && e.status === 409, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('casework.task.resolve')} size="small" className="sn-gap-top sn-cw-no-print">
      {problem?.conflict && <ConflictAlert text={problem.text} onReload={onReload} />}
      {problem && !problem.conflict && <Alert type="error" showIcon className="sn-gap" title={problem.text} />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="outcome" label={t('casework.task.outcome')} rules={[{ required: true, whitespace: true, message: t('casework.task.outcomeRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('casework.task.resolveSubmit')}</Button>
      </Form>
    </Card>
  );
}
