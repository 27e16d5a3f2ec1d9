// 数据质量: per feed, when data last arrived (red when never or longer ago than LATE_AFTER_DAYS), rows in the
// last 12 months, the share of rows refused and the share matched to people in the registry — so that a
// county or province sees which department's data is late or poor. A bar chart shows rows per feed.
import { useMemo, type HTMLAttributes } from 'react';
import { Alert, Card, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feedsApi, type FeedQuality } from '../../api/feeds';
import { useRequest } from '../../api/useRequest';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { EChart } from '../../components/EChart';
import { useFeedName } from './feed-ui';
import { LATE_AFTER_DAYS, arrivalLevel, daysSince, formatShare, rejectionLevel, type Level } from './quality';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const LEVEL_COLOR: Record<Level, string> = { good: 'success', warn: 'warning', bad: 'error', none: 'default' };

export default function DataQualityPage() {
  const { t, locale } = useI18n();
  const quality = useRequest((signal) => Promise.all([feedsApi.quality(signal), feedsApi.catalogue(signal)]), []);
  const feedName = useFeedName(quality.data?.[1]);

  if (quality.error) return <PageError error={quality.error} onRetry={quality.reload} />;
  if (!quality.data) return <Loading />;
  const [rows] = quality.data;
  const now = new Date();
  const late = rows.filter((r) => arrivalLevel(daysSince(r.lastArrivedAt, now)) === 'bad');
  const n = (v: number) => v.toLocaleString('en-US');

  const columns: TableProps<FeedQuality>['columns'] = [
    {
      key: 'feed', title: t('feeds.feed'), dataIndex: 'feed', width: 160,
      render: (code: string, r) => (
        <div>
          <div className="sn-strong">{feedName(code)}</div>
          <div className="sn-muted sn-small">{r.department}</div>
        </div>
      ),
    },
    {
      key: 'arrival', title: t('quality.lastArrival'), dataIndex: 'lastArrivedAt', width: 160,
      render: (at: string | null) => {
        const days = daysSince(at, now);
        const level = arrivalLevel(days);
        return (
          <div data-testid="arrival">
            <Tag color={LEVEL_COLOR[level]}>
              {days === null ? t('quality.never') : days === 0 ? t('quality.today') : t('quality.daysAgo', { n: days })}
            </Tag>
            {at && <div className="sn-muted sn-small">{formatDateTime(at, locale)}</div>}
          </div>
        );
      },
    },
    {
      key: 'rows', title: t('quality.rows12m'), dataIndex: 'rowsAccepted12m', width: 120, align: 'right',
      render: (accepted: number, r) => (
        <div>
          <div className="sn-strong" data-testid="rows12m">{n(accepted)}</div>
          <div className="sn-muted sn-small">{t('quality.imports', { n: r.imports12m })}</div>
        </div>
      ),
    },
    {
      key: 'rejected', title: t('quality.rejectedShare'), dataIndex: 'rejectedShare', width: 110,
      render: (share: number | null, r) => (
        <div>
          <Tooltip title={t('quality.readOf', { n: n(r.rowsRead12m) })}>
            <Tag color={LEVEL_COLOR[rejectionLevel(share)]}>{formatShare(share) ?? '—'}</Tag>
          </Tooltip>
          {r.rejectedImports12m > 0 && <div className="sn-danger sn-small">{t('quality.refusedFiles', { n: r.rejectedImports12m })}</div>}
        </div>
      ),
    },
    {
      key: 'matched', title: t('quality.matchedShare'), dataIndex: 'matchedShare',
      render: (share: number | null) =>
        share === null ? <span className="sn-muted">—</span> : <Progress percent={Math.round(share * 100)} size="small" format={() => formatShare(share)} />,
    },
  ];

  const withRows = rows.filter((r) => r.rowsAccepted12m > 0);
  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('quality.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('quality.intro', { days: LATE_AFTER_DAYS })}</Typography.Paragraph>
      {rows.length === 0 ? (
        <Card>
          <EmptyState description={t('feeds.noFeeds')} />
        </Card>
      ) : (
        <>
          <Alert
            className="sn-gap"
            showIcon
            type={late.length ? 'warning' : 'success'}
            title={late.length ? t('quality.lateCount', { n: late.length, days: LATE_AFTER_DAYS }) : t('quality.allFresh')}
            data-testid="late-summary"
          />
          <Card size="small" className="sn-gap">
            <Table<FeedQuality>
              rowKey="feed"
              size="middle"
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ x: 680 }}
              onRow={(r) => ({ 'data-testid': `quality-${r.feed}` }) as HTMLAttributes<HTMLElement>}
            />
          </Card>
          <Card size="small" title={t('quality.chartTitle')}>
            {withRows.length === 0 ? (
              <EmptyState description={t('quality.chartEmpty')} />
            ) : (
              <RowsChart rows={rows} feedName={feedName} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function RowsChart({ rows, feedName }: { rows: FeedQuality[]; feedName: (code: string) => string }) {
  const { t } = useI18n();
  const title = t('quality.rows12m');
  const option = useMemo(() => {
    const sorted = [...rows].sort((a, b) => a.rowsAccepted12m - b.rowsAccepted12m);
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map((r) => feedName(r.feed)), axisLabel: { fontSize: 13 } },
      series: [
        {
          name: title,
          type: 'bar',
          data: sorted.map((r) => r.rowsAccepted12m),
          itemStyle: { color: '#1f4e9d' },
          label: { show: true, position: 'right' },
          barMaxWidth: 22,
        },
      ],
    };
  }, [rows, feedName, title]);
  return (
    <div data-testid="rows-chart">
      <EChart option={option} ariaLabel={t('quality.chartTitle')} style={{ height: Math.max(260, rows.length * 30 + 40), width: '100%' }} />
    </div>
  );
}
