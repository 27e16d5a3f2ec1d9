// 动态统计: per region and month, new inclusions, adjustments and exits by reason (from the award history),
// as a chart over the months and as tables: per month, and per child region for the whole range.
import { useMemo } from 'react';
import { Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import { benefitsApi, type BenefitStats, type Programme } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { todayInChina } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { EChart } from '../../components/EChart';
import { useQueryParams } from '../../app/use-query-params';
import { Figure, Money } from './explanation-ui';
import { addMonths, formatMonth, monthOf } from './months';
import { monthSeries, totalsOf } from './stats-figures';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const EXIT_REASONS: { reason: string; key: MessageKey }[] = [
  { reason: 'ineligible', key: 'benefits.stats.exit.ineligible' },
  { reason: 'recovered', key: 'benefits.stats.exit.recovered' },
  { reason: 'death', key: 'benefits.stats.exit.death' },
  { reason: 'other', key: 'benefits.stats.exit.other' },
];

export default function StatsPage() {
  const { t, locale, pick } = useI18n();
  const [params, update] = useQueryParams();
  const thisMonth = monthOf(todayInChina());
  const to = params.get('to') || thisMonth;
  const from = params.get('from') || addMonths(to, -11);
  const region = params.get('region') || undefined;
  const programme = (params.get('programme') || undefined) as Programme | undefined;
  const stats = useRequest((signal) => benefitsApi.stats({ region, from, to, programme }, signal), [region, from, to, programme]);
  const vocabulary = useRequest((signal) => benefitsApi.vocabulary(signal), []);

  const monthFormat = locale === 'en' ? 'MMM YYYY' : 'YYYY年M月';

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.stats.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.stats.intro')}</Typography.Paragraph>
      <Space wrap className="sn-gap" align="center">
        <div style={{ minWidth: 240 }}>
          <RegionPicker value={region} onChange={(code) => update({ region: code })} aria-label={t('benefits.stats.region')} />
        </div>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          format={monthFormat}
          value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
          onChange={(r) => r?.[0] && r[1] && update({ from: r[0].format('YYYY-MM'), to: r[1].format('YYYY-MM') })}
          aria-label={t('benefits.stats.months')}
        />
        <Select
          allowClear
          className="sn-filter-select"
          placeholder={t('benefits.stats.allProgrammes')}
          value={programme}
          onChange={(v?: string) => update({ programme: v })}
          options={Object.entries(vocabulary.data?.programmes ?? {}).map(([value, l]) => ({ value, label: pick(l.zh, l.en) }))}
          aria-label={t('benefits.award.programme')}
        />
      </Space>
      {stats.error ? <PageError error={stats.error} onRetry={stats.reload} /> : !stats.data ? <Loading /> : <StatsView stats={stats.data} />}
    </div>
  );
}

function StatsView({ stats }: { stats: BenefitStats }) {
  const { t, locale } = useI18n();
  const totals = totalsOf(stats.months);
  const names = { newInclusions: t('benefits.stats.newInclusions'), adjustments: t('benefits.stats.adjustments'), exits: t('benefits.stats.exits') };
  const option = useMemo(() => {
    const series = monthSeries(stats.months);
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: series.months.map((m) => formatMonth(m, locale)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('benefits.stats.newInclusions'), type: 'bar', data: series.newInclusions, itemStyle: { color: '#1f4e9d' }, barMaxWidth: 18 },
        { name: t('benefits.stats.adjustments'), type: 'bar', data: series.adjustments, itemStyle: { color: '#d48806' }, barMaxWidth: 18 },
        { name: t('benefits.stats.exits'), type: 'bar', data: series.exits, itemStyle: { color: '#a8071a' }, barMaxWidth: 18 },
      ],
    };
  }, [stats, locale, t]);

  const regionRows = stats.byRegion.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName, ...totalsOf(r.months) }));
  type MonthRow = BenefitStats['months'][number];
  return (
    <>
      <div className="sn-figures sn-gap" data-testid="stats-totals">
        <Figure label={t('benefits.stats.newInclusions')} value={totals.newInclusions} sub={<Money fen={totals.newAmountFen} />} testId="stats-new" />
        <Figure label={t('benefits.stats.adjustments')} value={totals.adjustments} testId="stats-adjusted" />
        <Figure label={t('benefits.stats.exits')} value={totals.exits} sub={EXIT_REASONS.map((r) => `${t(r.key)} ${totals.exitsByReason[r.reason] ?? 0}`).join(' · ')} testId="stats-exits" />
      </div>
      <Card size="small" title={t('benefits.stats.chartTitle', { region: stats.region.name })} className="sn-gap">
        {totals.newInclusions + totals.adjustments + totals.exits === 0 ? (
          <EmptyState description={t('benefits.stats.empty')} />
        ) : (
          <div data-testid="stats-chart">
            <EChart option={option} ariaLabel={t('benefits.stats.chartTitle', { region: stats.region.name })} style={{ height: 320, width: '100%' }} />
          </div>
        )}
      </Card>
      <Card size="small" title={t('benefits.stats.byMonth')} className="sn-gap">
        <Table<MonthRow>
          rowKey="month"
          size="small"
          pagination={false}
          scroll={{ x: 760 }}
          dataSource={[...stats.months].reverse()}
          columns={[
            { key: 'month', title: t('benefits.stats.month'), dataIndex: 'month', width: 110, render: (m: string) => formatMonth(m, locale) },
            { key: 'new', title: names.newInclusions, dataIndex: 'newInclusions', width: 90, align: 'right' },
            { key: 'adj', title: names.adjustments, dataIndex: 'adjustments', width: 90, align: 'right' },
            { key: 'exits', title: names.exits, dataIndex: 'exits', width: 90, align: 'right' },
            ...EXIT_REASONS.map((r) => ({ key: r.reason, title: t(r.key), width: 110, align: 'right' as const, render: (_: unknown, m: MonthRow) => m.exitsByReason[r.reason] ?? 0 })),
          ]}
          data-testid="stats-months"
        />
      </Card>
      <Card size="small" title={t('benefits.stats.byRegion')}>
        <Table
          rowKey="regionCode"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={regionRows}
          locale={{ emptyText: <EmptyState description={t('benefits.stats.empty')} /> }}
          columns={[
            { key: 'region', title: t('benefits.stats.region'), dataIndex: 'regionName' },
            { key: 'new', title: names.newInclusions, dataIndex: 'newInclusions', width: 100, align: 'right' },
            { key: 'adj', title: names.adjustments, dataIndex: 'adjustments', width: 100, align: 'right' },
            { key: 'exits', title: names.exits, dataIndex: 'exits', width: 100, align: 'right' },
            { key: 'amount', title: t('benefits.stats.newAmount'), dataIndex: 'newAmountFen', width: 130, align: 'right', render: (f: number) => <Money fen={f} /> },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" className="sn-small sn-gap-top">
        {stats.definitions.newInclusions}；{stats.definitions.adjustments}；{stats.definitions.exits}
      </Typography.Paragraph>
    </>
  );
}
