// 事项办理: the items of the one form in the caller's queue — a department account sees only its own
// department's items (and those it reviews), civil-affairs staff the civil-affairs ones of their region —
// with status, the 低保 procedure's step and the deadline (overdue in red). Filters live in the URL.
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Grid, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { caseworkApi, type ItemQueryT, type ItemView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useMe } from '../../app/session';
import { ITEM_KINDS, ITEM_KIND_INFO } from '../../../../src/casework/domain/items';
import { ITEM_STATUSES, ITEM_STATUS_LABELS } from '../../../../src/casework/domain/item-status';
import { DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { useQueryParams } from '../../app/use-query-params';
import { Deadline, ItemStatusTag } from './casework-ui';
import { ITEM_FINAL_STATUSES } from './deadline';

const PAGE_SIZE = 20;

function queryFrom(params: URLSearchParams): ItemQueryT {
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    mine: params.get('scope') === 'all' ? undefined : true,
    status: (ITEM_STATUSES as readonly string[]).includes(status ?? '') ? (status as ItemQueryT['status']) : undefined,
    kind: (ITEM_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ItemQueryT['kind']) : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

export default function ItemQueuePage() {
  const { t, label, pick, locale } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, set] = useQueryParams({ resetPage: true });
  const query = queryFrom(params);
  const items = useRequest((signal) => caseworkApi.items(query, signal), [params.toString()]);
  const department = me.department ? label(DEPARTMENT_INFO, me.department) : label(DEPARTMENT_INFO, 'civilAffairs');

  const columns: TableProps<ItemView>['columns'] = [
    {
      key: 'kind', title: t('casework.items.kind'), width: 210,
      render: (_, i) => (
        <div>
          <Link to={`/casework/items/${i.id}`} className="sn-strong" data-testid="item-link">{pick(i.kindLabel.zh, i.kindLabel.en)}</Link>
          {i.memberName && <div className="sn-muted sn-small">{i.memberName}</div>}
          {i.followOn && <Tag color="purple">{t('casework.items.followOn')}</Tag>}
        </div>
      ),
    },
    { key: 'app', title: t('casework.app.number'), width: 200, render: (_, i) => <Link to={`/casework/applications/${i.applicationId}`} className="sn-mono sn-small">{i.applicationNumber}</Link> },
    {
      key: 'status', title: t('casework.items.status'), width: 170,
      render: (_, i) => (
        <Space size={4} wrap>
          <ItemStatusTag status={i.status} />
          {i.procedure && !ITEM_FINAL_STATUSES.includes(i.status) && <span className="sn-small">{pick(i.procedure.stepLabel.zh, i.procedure.stepLabel.en)}</span>}
          {i.queueDepartment !== i.department && <Tag>{t('casework.items.withReviewer', { who: label(DEPARTMENT_INFO, i.queueDepartment) })}</Tag>}
        </Space>
      ),
    },
    { key: 'received', title: t('casework.items.received'), dataIndex: 'receivedOn', width: 140, responsive: ['lg'], render: (d: string) => formatDate(d, locale) },
    { key: 'due', title: t('casework.tasks.deadline'), width: 160, render: (_, i) => <Deadline facts={{ dueOn: i.dueOn, overdue: i.overdue, final: ITEM_FINAL_STATUSES.includes(i.status) }} /> },
    {
      key: 'open', title: '', width: 80, fixed: 'right',
      render: (_, i) => <Button size="small" type={i.allowedActions.length ? 'primary' : 'default'} onClick={() => navigate(`/casework/items/${i.id}`)}>{i.allowedActions.length ? t('casework.items.handle') : t('casework.tasks.open')}</Button>,
    },
  ];

  return (
    <div className="sn-page">
      <div className="sn-page-head sn-gap">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('casework.items.title')}</Typography.Title>
          <div className="sn-muted sn-gap-top-sm">{t('casework.items.queueOf', { department })}</div>
        </div>
        <Button icon={<ReloadOutlined />} onClick={items.reload}>{t('action.refresh')}</Button>
      </div>
      <Card size="small">
        <div className="sn-cw-filters">
          <Segmented
            value={query.mine ? 'mine' : 'all'}
            onChange={(v) => set({ scope: v === 'all' ? 'all' : undefined })}
            options={[{ value: 'mine', label: t('casework.items.mine') }, { value: 'all', label: t('casework.items.all') }]}
          />
          <Select allowClear placeholder={t('casework.items.anyStatus')} value={query.status} onChange={(v?: string) => set({ status: v })}
            options={ITEM_STATUSES.map((s) => ({ value: s, label: label(ITEM_STATUS_LABELS, s) }))} aria-label={t('casework.items.status')} />
          <Select allowClear placeholder={t('casework.items.anyKind')} value={query.kind} onChange={(v?: string) => set({ kind: v })} style={{ minWidth: '14em' }}
            options={ITEM_KINDS.map((k) => ({ value: k, label: label(ITEM_KIND_INFO, k) }))} aria-label={t('casework.items.kind')} />
          <label className="sn-switch-label">
            <Switch size="small" checked={query.overdue === true} onChange={(v) => set({ overdue: v })} aria-label={t('casework.tasks.onlyOverdue')} />
            {t('casework.tasks.onlyOverdue')}
          </label>
        </div>
        {items.error ? <PageError error={items.error} onRetry={items.reload} /> : (
          <Table<ItemView>
            rowKey="id"
            size="middle"
            loading={items.loading}
            dataSource={items.data?.items ?? []}
            columns={columns}
            scroll={{ x: 900 }}
            rowClassName={(i) => (i.overdue ? 'sn-row-overdue' : '')}
            pagination={{
              current: query.page, pageSize: PAGE_SIZE, total: items.data?.total ?? 0, simple: screens.md === false,
              showTotal: (n) => <span data-testid="items-total">{t('casework.items.total', { n })}</span>, onChange: (p) => set({ page: p }),
            }}
            locale={{ emptyText: items.loading ? ' ' : <EmptyState description={query.mine ? t('casework.items.emptyMine') : t('casework.items.empty')} /> }}
            data-testid="item-queue"
          />
        )}
      </Card>
    </div>
  );
}
