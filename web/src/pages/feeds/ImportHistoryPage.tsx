// 导入记录: every import run, newest first, paged by the server and filtered by feed (both in the URL); a
// drawer shows one run with its error lines and the XLSX error report (?run=<id>, so it can be linked to).
import { Button, Card, Descriptions, Drawer, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ApiOutlined, FileTextOutlined } from '@ant-design/icons';
import { feedsApi, type ImportRun } from '../../api/feeds';
import { useRequest } from '../../api/useRequest';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { useQueryParams } from '../../app/use-query-params';
import { ImportReportView, StatusTag, useDuration, useFeedName } from './feed-ui';
import { formatBytes } from './quality';

const PAGE_SIZES = [20, 50, 100];

export default function ImportHistoryPage() {
  const { t, pick, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const [params, update] = useQueryParams({ defaults: { pageSize: 20 } });
  const feed = params.get('feed') || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSizeParam = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(pageSizeParam) ? pageSizeParam : 20;
  const runId = Number(params.get('run')) || null;

  const catalogue = useRequest((signal) => feedsApi.catalogue(signal), []);
  const runs = useRequest((signal) => feedsApi.imports({ feed, page, pageSize }, signal), [feed, page, pageSize]);
  const feedName = useFeedName(catalogue.data);
  const duration = useDuration();

  const n = (v: number) => v.toLocaleString('en-US');
  const columns: TableProps<ImportRun>['columns'] = [
    {
      key: 'feed', title: t('feeds.feed'), dataIndex: 'feed', width: 150,
      render: (code: string, r) => (
        <div>
          <div className="sn-strong">{feedName(code)}</div>
          {r.department && <div className="sn-muted sn-small">{r.department}</div>}
        </div>
      ),
    },
    {
      key: 'file', title: t('imports.file'), dataIndex: 'fileName', width: 200,
      render: (name: string | null, r) => (
        <div className="sn-break">
          {r.source === 'api' ? (
            <Tag icon={<ApiOutlined />} color="purple">{t('feeds.source.api')}</Tag>
          ) : (
            <Tag icon={<FileTextOutlined />}>{t('feeds.source.file')}</Tag>
          )}
          <div data-testid="run-file">{r.source === 'api' ? t('imports.batch', { id: r.batchId ?? '' }) : name}</div>
        </div>
      ),
    },
    {
      key: 'who', title: t('imports.who'), dataIndex: 'startedAt', width: 170,
      render: (at: string, r) => (
        <div>
          <div>{r.actor ?? r.department ?? '—'}</div>
          <div className="sn-muted sn-small">{formatDateTime(at, locale)}</div>
        </div>
      ),
    },
    { key: 'status', title: t('imports.status'), dataIndex: 'status', width: 100, render: (s: ImportRun['status']) => <StatusTag status={s} /> },
    {
      key: 'counts', title: t('imports.counts'), width: 170,
      render: (_: unknown, r) => (
        <div className="sn-small" data-testid="run-counts">
          <div>{t('imports.countsMain', { accepted: n(r.accepted), read: n(r.read) })}</div>
          <div className={r.rejected ? 'sn-danger' : 'sn-muted'}>{t('imports.countsMore', { rejected: n(r.rejected), duplicates: n(r.duplicates) })}</div>
        </div>
      ),
    },
    { key: 'duration', title: t('imports.duration'), dataIndex: 'durationMs', width: 90, responsive: ['xl'], render: (ms: number | null) => duration(ms) },
    {
      key: 'open', title: '', width: 80, fixed: 'right',
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => update({ run: r.id })} data-testid={`open-run-${r.id}`}>
          {t('imports.details')}
        </Button>
      ),
    },
  ];

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('imports.title')}</Typography.Title>
      <Space wrap className="sn-gap" align="center">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'search' }}
          className="sn-filter-select"
          placeholder={t('imports.allFeeds')}
          value={feed}
          onChange={(v?: string) => update({ feed: v, page: 1 })}
          loading={catalogue.loading}
          options={(catalogue.data ?? []).map((f) => ({ value: f.code, search: `${f.name} ${f.nameEn} ${f.department}`, label: `${pick(f.name, f.nameEn)} · ${f.department}` }))}
          aria-label={t('imports.filterFeed')}
          data-testid="feed-filter"
        />
        <Button onClick={runs.reload}>{t('action.refresh')}</Button>
      </Space>
      <Card size="small">
        {runs.error ? (
          <PageError error={runs.error} onRetry={runs.reload} />
        ) : (
          <Table<ImportRun>
            rowKey="id"
            size="middle"
            loading={runs.loading}
            dataSource={runs.data?.items ?? []}
            columns={columns}
            scroll={{ x: 880 }}
            onRow={(r) => ({ onDoubleClick: () => update({ run: r.id }) })}
            pagination={{
              current: page,
              pageSize,
              total: runs.data?.total ?? 0,
              showSizeChanger: screens.md !== false,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => <span data-testid="imports-total">{t('imports.total', { n: n(total) })}</span>,
              onChange: (p, size) => update({ page: size !== pageSize ? 1 : p, pageSize: size }),
            }}
            locale={{ emptyText: runs.loading ? ' ' : <EmptyState description={feed ? t('imports.emptyFeed') : t('imports.empty')} /> }}
            data-testid="imports-table"
          />
        )}
      </Card>
      <Drawer
        open={runId !== null}
        onClose={() => update({ run: undefined })}
        size={screens.md === false ? window.innerWidth : 760}
        title={runId !== null ? t('imports.detailTitle', { id: runId }) : ''}
        destroyOnHidden
      >
        {runId !== null && <RunDetail id={runId} feedName={feedName} />}
      </Drawer>
    </div>
  );
}

function RunDetail({ id, feedName }: { id: number; feedName: (code: string) => string }) {
  const { t, locale } = useI18n();
  const run = useRequest((signal) => feedsApi.importRun(id, signal), [id]);
  const duration = useDuration();
  if (run.error) return <PageError error={run.error} onRetry={run.reload} />;
  if (!run.data) return <Loading />;
  const r = run.data;
  return (
    <div data-testid="run-detail">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered className="sn-gap">
        <Descriptions.Item label={t('feeds.feed')}>{feedName(r.feed)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.status')}>
          <StatusTag status={r.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.source')}>{r.source === 'api' ? t('feeds.source.api') : t('feeds.source.file')}</Descriptions.Item>
        <Descriptions.Item label={r.source === 'api' ? t('imports.batchId') : t('imports.fileName')}>
          <span className="sn-break">{r.source === 'api' ? r.batchId : r.fileName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.actor')}>{r.actor ?? r.department ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('imports.when')}>{formatDateTime(r.startedAt, locale)}</Descriptions.Item>
        {r.fileSize !== null && <Descriptions.Item label={t('imports.fileSize')}>{formatBytes(r.fileSize)}</Descriptions.Item>}
        {r.encoding && <Descriptions.Item label={t('imports.encoding')}>{r.encoding.toUpperCase()}</Descriptions.Item>}
        {r.sheet && <Descriptions.Item label={t('imports.sheet')}>{r.sheet}</Descriptions.Item>}
        <Descriptions.Item label={t('imports.duration')}>{duration(r.durationMs)}</Descriptions.Item>
      </Descriptions>
      <ImportReportView
        report={{ importId: r.id, status: r.status, counts: r, ignoredColumns: r.ignoredColumns, rejectReason: r.rejectReason, errors: r.errors }}
      />
    </div>
  );
}
