// 任务队列: the tasks of the caller's region with their deadlines in working days (overdue in red), level,
// status and assignee. A township (its lead) or the county selects rows and gives them to a caseworker in one
// go; the county sees every township's counts and opens one township's queue from them. Filters live in the
// URL, so "back" from a task returns to the same queue. Cards instead of a table on phones.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Card, Checkbox, Col, Grid, Pagination, Row, Segmented, Select, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { caseworkApi, type Assignee, type TaskQueryT, type TaskSummary, type TaskView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, PageError } from '../../components/PageState';
import { useQueryParams, type QueryPatch } from '../../app/use-query-params';
import { ConflictAlert, Deadline, LevelTag, TaskStatusTag } from './casework-ui';
import { TASK_FINAL_STATUSES } from './deadline';

const PAGE_SIZES = [20, 50, 100];
const STATUSES = ['active', 'done', 'cancelled'] as const;
const LEVELS = ['red', 'yellow', 'blue'] as const;

function queryFrom(params: URLSearchParams): TaskQueryT {
  const status = params.get('status');
  const level = params.get('level');
  const assignee = params.get('assignee');
  const queue = params.get('queue');
  const township = params.get('township');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as TaskQueryT['status']) : 'active',
    level: (LEVELS as readonly string[]).includes(level ?? '') ? (level as TaskQueryT['level']) : undefined,
    assignee: assignee === 'me' || assignee === 'none' ? assignee : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    queue: queue === 'county' || queue === 'township' ? queue : undefined,
    townshipCode: township && /^\d{12}$/.test(township) ? township : undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

const isActive = (t: TaskView) => !TASK_FINAL_STATUSES.includes(t.status);

export default function TaskQueuePage() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const [params, setQuery] = useQueryParams({ defaults: { status: 'active', pageSize: 20 }, resetPage: true });
  const query = queryFrom(params);
  const [refresh, setRefresh] = useState(0);
  const tasks = useRequest((signal) => caseworkApi.tasks(query, signal), [params.toString(), refresh]);
  const summary = useRequest((signal) => caseworkApi.taskSummary(signal), [refresh]);
  const mayAssign = can('tasks.assign');
  const assignees = useRequest((signal) => (mayAssign ? caseworkApi.assignees(signal) : Promise.resolve([] as Assignee[])), [mayAssign]);
  const [selected, setSelected] = useState<number[]>([]);
  const [assignee, setAssignee] = useState<number | undefined>(undefined);
  const [assigning, setAssigning] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const { errorText } = useI18n();

  const update = (patch: QueryPatch) => {
    setSelected([]);
    setQuery(patch);
  };
  const reload = () => {
    setConflict(null);
    setSelected([]);
    setRefresh((n) => n + 1);
  };

  const items = tasks.data?.items ?? [];
  const assign = async () => {
    if (!assignee || selected.length === 0) return;
    const chosen = items.filter((x) => selected.includes(x.id));
    setAssigning(true);
    setConflict(null);
    try {
      const done = await caseworkApi.assign(chosen.map((x) => ({ id: x.id, version: x.version })), assignee);
      const who = assignees.data?.find((a) => a.id === assignee);
      message.success(t('casework.tasks.assignedOk', { n: done.tasks.length, name: who?.name ?? who?.username ?? '' }));
      setSelected([]);
      setRefresh((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(errorText(e));
      else message.error(errorText(e));
    } finally {
      setAssigning(false);
    }
  };

  return (
    <div className="sn-page">
      <div className="sn-page-head sn-gap">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('casework.tasks.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={reload}>{t('action.refresh')}</Button>
      </div>
      <SummaryCard summary={summary.data} countyView={me.regionLevel <= 3} onTownship={(code) => update({ township: code, queue: 'township' })} current={query.townshipCode} />
      <Card size="small" className="sn-gap-top">
        <div className="sn-cw-filters">
          <Segmented
            value={query.status}
            onChange={(v) => update({ status: v as string })}
            options={STATUSES.map((s) => ({ value: s, label: t(`casework.tasks.status.${s}` as MessageKey) }))}
            aria-label={t('casework.tasks.filterStatus')}
          />
          <Select
            allowClear
            placeholder={t('casework.tasks.anyLevel')}
            value={query.level}
            onChange={(v?: string) => update({ level: v })}
            options={LEVELS.map((l) => ({ value: l, label: t(`casework.level.${l}` as MessageKey) }))}
            aria-label={t('casework.tasks.filterLevel')}
            data-testid="level-filter"
          />
          <Select
            allowClear
            placeholder={t('casework.tasks.anyAssignee')}
            value={query.assignee}
            onChange={(v?: string) => update({ assignee: v })}
            options={[{ value: 'me', label: t('casework.tasks.mine') }, { value: 'none', label: t('casework.tasks.unassigned') }]}
            aria-label={t('casework.tasks.filterAssignee')}
          />
          {me.regionLevel <= 3 && (
            <Select
              allowClear
              placeholder={t('casework.tasks.anyQueue')}
              value={query.queue}
              onChange={(v?: string) => update({ queue: v, township: v === 'county' ? undefined : query.townshipCode })}
              options={[{ value: 'township', label: t('casework.tasks.queueTownship') }, { value: 'county', label: t('casework.tasks.queueCounty') }]}
              aria-label={t('casework.tasks.filterQueue')}
            />
          )}
          <label className="sn-switch-label">
            <Switch size="small" checked={query.overdue === true} onChange={(v) => update({ overdue: v })} aria-label={t('casework.tasks.onlyOverdue')} />
            {t('casework.tasks.onlyOverdue')}
          </label>
          {query.townshipCode && (
            <Tag closable onClose={() => update({ township: undefined })} color="blue" data-testid="township-filter">
              {summary.data?.rows.find((r) => r.code === query.townshipCode)?.name ?? query.townshipCode}
            </Tag>
          )}
        </div>
        {conflict !== null && <ConflictAlert text={conflict} onReload={reload} reloading={tasks.loading} />}
        {mayAssign && selected.length > 0 && (
          <div className="sn-cw-bulk" data-testid="bulk-assign">
            <TeamOutlined />
            <span>{t('casework.tasks.selected', { n: selected.length })}</span>
            <Select
              className="sn-cw-bulk-select"
              placeholder={t('casework.tasks.chooseAssignee')}
              value={assignee}
              onChange={setAssignee}
              loading={assignees.loading}
              showSearch={{ optionFilterProp: 'search' }}
              options={(assignees.data ?? []).map((a) => ({ value: a.id, search: `${a.name} ${a.username} ${a.regionName}`, label: `${a.name || a.username} · ${a.regionName}` }))}
              aria-label={t('casework.tasks.chooseAssignee')}
              data-testid="assignee-select"
            />
            <Button type="primary" onClick={assign} loading={assigning} disabled={!assignee}>{t('casework.tasks.assign')}</Button>
            <Button type="link" onClick={() => setSelected([])}>{t('casework.tasks.clearSelection')}</Button>
          </div>
        )}
        {tasks.error ? (
          <PageError error={tasks.error} onRetry={tasks.reload} />
        ) : (
          <TaskList
            loading={tasks.loading}
            items={items}
            total={tasks.data?.total ?? 0}
            query={query}
            selectable={mayAssign}
            selected={selected}
            onSelect={setSelected}
            countyView={me.regionLevel <= 3}
            onPage={(page, pageSize) => update({ page, pageSize })}
          />
        )}
      </Card>
    </div>
  );
}

function SummaryCard({ summary, countyView, onTownship, current }: { summary?: TaskSummary; countyView: boolean; onTownship: (code: string) => void; current?: string }) {
  const { t } = useI18n();
  if (!summary) return null;
  const s = summary.totals;
  const stats: { key: keyof typeof s; label: MessageKey; danger?: boolean }[] = [
    { key: 'open', label: 'casework.summary.open' },
    { key: 'unassigned', label: 'casework.summary.unassigned' },
    { key: 'overdue', label: 'casework.summary.overdue', danger: true },
    { key: 'dueToday', label: 'casework.summary.dueToday' },
    { key: 'escalated', label: 'casework.summary.escalated' },
    { key: 'doneLast30Days', label: 'casework.summary.done30' },
  ];
  const byTownship = summary.groupBy === 'township';
  return (
    <Card size="small" title={countyView ? t(byTownship ? 'casework.summary.byTownship' : 'casework.summary.byCounty') : t('casework.summary.title')} data-testid="task-summary">
      <Row gutter={[16, 8]}>
        {stats.map((x) => (
          <Col key={x.key} xs={8} sm={8} md={4}>
            <Statistic title={t(x.label)} value={s[x.key]} styles={{ content: x.danger && s[x.key] > 0 ? { color: '#cf1322' } : undefined }} />
          </Col>
        ))}
      </Row>
      {countyView && summary.rows.length > 0 && (
        <Table
          className="sn-gap-top"
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={summary.rows}
          scroll={{ x: 640 }}
          data-testid="summary-table"
          rowClassName={(r) => (r.code === current ? 'ant-table-row-selected' : '')}
          onRow={(r) => (byTownship ? { onClick: () => onTownship(r.code), style: { cursor: 'pointer' } } : {})}
          columns={[
            { key: 'name', title: t(byTownship ? 'casework.summary.township' : 'casework.summary.county'), dataIndex: 'name', render: (n: string, r) => (byTownship ? <a>{n ?? r.code}</a> : n ?? r.code) },
            { key: 'open', title: t('casework.summary.open'), dataIndex: 'open', align: 'right' },
            { key: 'unassigned', title: t('casework.summary.unassigned'), dataIndex: 'unassigned', align: 'right' },
            {
              key: 'overdue', title: t('casework.summary.overdue'), dataIndex: 'overdue', align: 'right',
              render: (n: number) => <span className={n > 0 ? 'sn-cw-summary-overdue' : undefined} data-testid="summary-overdue">{n}</span>,
            },
            { key: 'escalated', title: t('casework.summary.escalated'), dataIndex: 'escalated', align: 'right' },
            { key: 'dueToday', title: t('casework.summary.dueToday'), dataIndex: 'dueToday', align: 'right' },
            { key: 'countyQueue', title: t('casework.summary.countyQueue'), dataIndex: 'countyQueue', align: 'right' },
            { key: 'done', title: t('casework.summary.done30'), dataIndex: 'doneLast30Days', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

interface ListProps {
  loading: boolean;
  items: TaskView[];
  total: number;
  query: TaskQueryT;
  selectable: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
  countyView: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** Who the task is about; on narrower screens (tablets) the matter goes under the name instead of a column. */
function Who({ task, withMatter = false }: { task: TaskView; withMatter?: boolean }) {
  return (
    <div>
      <Link to={`/casework/tasks/${task.id}`} className="sn-strong" data-testid="task-link">{task.personName ?? task.headName ?? `#${task.id}`}</Link>
      <div className="sn-muted sn-small">{[task.villageName, task.householdAddress].filter(Boolean).join(' · ')}</div>
      {withMatter && <div className="sn-small">{task.title}</div>}
    </div>
  );
}

function StatusCell({ task }: { task: TaskView }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <TaskStatusTag status={task.status} />
      {task.assignee && <span data-testid="task-assignee">{task.assignee.name || task.assignee.username}</span>}
      {task.escalatedOn && isActive(task) && <Tag color="volcano">{t('casework.tasks.escalated')}</Tag>}
    </Space>
  );
}

function TaskList({ loading, items, total, query, selectable, selected, onSelect, countyView, onPage }: ListProps) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const phone = screens.md === false;
  const wide = screens.xl !== false;
  const empty = <EmptyState description={query.status === 'active' ? t('casework.tasks.empty') : t('casework.tasks.emptyFiltered')} />;
  const facts = (x: TaskView) => ({ dueOn: x.dueOn, overdue: x.overdue, final: !isActive(x), workingDaysLeft: x.workingDaysLeft });
  const pagination = {
    current: query.page ?? 1,
    pageSize: query.pageSize ?? 20,
    total,
    showSizeChanger: !phone,
    pageSizeOptions: PAGE_SIZES,
    simple: phone,
    onChange: onPage,
  };

  if (phone) {
    return (
      <div className="sn-card-list" aria-busy={loading}>
        <div className="sn-muted" data-testid="tasks-total">{t('casework.tasks.total', { n: total })}</div>
        {!loading && items.length === 0 && empty}
        {items.map((x) => (
          <Card key={x.id} size="small" className="sn-cw-task-card" data-level={x.level ?? ''} data-testid="task-card">
            <div className="sn-cw-task-card-head">
              {selectable && isActive(x) && (
                <Checkbox
                  checked={selected.includes(x.id)}
                  onChange={(e) => onSelect(e.target.checked ? [...selected, x.id] : selected.filter((id) => id !== x.id))}
                  aria-label={t('casework.tasks.selectTask', { name: x.personName ?? '' })}
                />
              )}
              <div className="sn-cw-task-card-main" onClick={() => navigate(`/casework/tasks/${x.id}`)} role="link">
                <div className="sn-person-card-head">
                  <span className="sn-cw-task-card-title">{x.personName ?? x.headName}</span>
                  <LevelTag level={x.level} />
                </div>
                <div className="sn-small">{x.title}</div>
                <Deadline facts={facts(x)} compact />
                <div className="sn-gap-top-sm"><StatusCell task={x} /></div>
              </div>
            </div>
          </Card>
        ))}
        <Pagination {...pagination} />
      </div>
    );
  }

  const columns: TableProps<TaskView>['columns'] = [
    { key: 'level', title: t('casework.tasks.level'), dataIndex: 'level', width: 100, render: (l: string | null) => <LevelTag level={l} /> },
    { key: 'who', title: t('casework.tasks.who'), width: wide ? 190 : undefined, render: (_, x) => <Who task={x} withMatter={!wide} /> },
    {
      key: 'title', title: t('casework.tasks.matter'), responsive: ['xl'], render: (_, x) => (
        <div>
          {x.kind !== 'warningVerification' && <Tag>{t(`casework.taskKind.${x.kind}` as MessageKey)}</Tag>}
          <span>{x.title}</span>
        </div>
      ),
    },
    { key: 'deadline', title: t('casework.tasks.deadline'), width: 165, render: (_, x) => <Deadline facts={facts(x)} /> },
    { key: 'status', title: t('casework.tasks.status'), width: wide ? 170 : 130, render: (_, x) => <StatusCell task={x} /> },
    ...(countyView ? [{ key: 'township', title: t('casework.summary.township'), dataIndex: 'townshipName', width: 120, responsive: ['xl' as const] }] : []),
    {
      key: 'open', title: '', width: 80, fixed: 'right',
      render: (_, x) => <Button size="small" onClick={() => navigate(`/casework/tasks/${x.id}`)}>{t('casework.tasks.open')}</Button>,
    },
  ];
  return (
    <Table<TaskView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      columns={columns}
      scroll={{ x: wide ? 900 : 700 }}
      rowClassName={(x) => (x.overdue ? 'sn-row-overdue' : '')}
      rowSelection={selectable ? {
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys as number[]),
        getCheckboxProps: (x) => ({ disabled: !isActive(x), 'aria-label': t('casework.tasks.selectTask', { name: x.personName ?? '' }) }),
      } : undefined}
      pagination={{ ...pagination, showTotal: (n) => <span data-testid="tasks-total">{t('casework.tasks.total', { n })}</span> }}
      locale={{ emptyText: loading ? ' ' : empty }}
      data-testid="tasks-table"
    />
  );
}
