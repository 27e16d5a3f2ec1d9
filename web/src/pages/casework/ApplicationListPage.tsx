// 申请查询: the one-form applications of the caller's region (a department sees those with an item of its own),
// newest first: number, applicant, draft or submitted, where it came from, how many items are decided.
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Grid, Progress, Segmented, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { caseworkApi, type ApplicationSummary } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { useQueryParams } from '../../app/use-query-params';
import { ApplicationStatusTag } from './casework-ui';

const PAGE_SIZE = 20;

export default function ApplicationListPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, set] = useQueryParams();
  const status = params.get('status') === 'draft' || params.get('status') === 'submitted' ? (params.get('status') as 'draft' | 'submitted') : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useRequest((signal) => caseworkApi.applications({ status, page, pageSize: PAGE_SIZE }, signal), [status, page]);

  const columns: TableProps<ApplicationSummary>['columns'] = [
    {
      key: 'number', title: t('casework.app.number'), dataIndex: 'number', width: 210,
      render: (n: string, a) => <Link to={`/casework/applications/${a.id}`} className="sn-mono" data-testid="application-link">{n}</Link>,
    },
    { key: 'applicant', title: t('casework.app.applicant'), dataIndex: 'applicantName', width: 120, render: (n: string) => n || '—' },
    { key: 'status', title: t('casework.app.statusCol'), dataIndex: 'status', width: 100, render: (s: string) => <ApplicationStatusTag status={s} /> },
    { key: 'origin', title: t('casework.app.origin'), dataIndex: 'origin', width: 120, responsive: ['lg'], render: (o: string) => t(o === 'visit' ? 'casework.app.origin.visit' : 'casework.app.origin.counter') },
    { key: 'received', title: t('casework.app.received'), dataIndex: 'receivedOn', width: 150, render: (d: string | null, a) => (d ? formatDate(d, locale) : <span className="sn-muted">{formatDate(a.createdAt, locale)}</span>) },
    {
      key: 'items', title: t('casework.app.progress'), width: 200,
      render: (_, a) => (a.itemCount === 0 ? <span className="sn-muted">{t('casework.app.noItems')}</span> : (
        <Space size={8}>
          <Progress percent={Math.round((a.itemsFinal / a.itemCount) * 100)} size="small" showInfo={false} style={{ width: 80 }} />
          <span className="sn-small">{t('casework.app.itemsDone', { done: a.itemsFinal, n: a.itemCount })}</span>
        </Space>
      )),
    },
  ];

  return (
    <div className="sn-page">
      <div className="sn-page-head sn-gap">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('casework.app.listTitle')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('action.refresh')}</Button>
          {can('applications.submit') && <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/casework/applications/new')}>{t('casework.app.new')}</Button>}
        </Space>
      </div>
      <Card size="small">
        <div className="sn-cw-filters">
          <Segmented
            value={status ?? 'all'}
            onChange={(v) => set({ status: v === 'all' ? undefined : (v as string), page: 1 })}
            options={[
              { value: 'all', label: t('casework.app.all') },
              { value: 'submitted', label: t('casework.app.status.submitted') },
              { value: 'draft', label: t('casework.app.status.draft') },
            ]}
          />
        </div>
        {list.error ? <PageError error={list.error} onRetry={list.reload} /> : (
          <Table<ApplicationSummary>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 760 }}
            onRow={(a) => ({ onDoubleClick: () => navigate(`/casework/applications/${a.id}`) })}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, simple: screens.md === false,
              showTotal: (n) => t('casework.app.total', { n }), onChange: (p) => set({ page: p }),
            }}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('casework.app.empty')} /> }}
          />
        )}
      </Card>
    </div>
  );
}
