// 复核提醒: households whose re-check (复核) is due by a date, soonest first — the last check, the regular
// date and the date due (brought forward after a member's death), the programmes paid, and the casework
// task made for it. A county reviewer turns the due re-checks into casework tasks for the townships; whoever
// may (benefits.assess: township and county) records a re-check done on its row (记录复核), and the row then
// shows the new date or leaves the list.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CarryOutOutlined, ScheduleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { benefitsApi, type DueRecheck } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { useQueryParams } from '../../app/use-query-params';
import { StepList, useAreaLabel } from './explanation-ui';
import { RecheckDialog } from './RecheckDialog';

const PAGE_SIZE = 50;

export default function RechecksPage() {
  const { t, locale, errorText, pick } = useI18n();
  const { can } = useSession();
  const me = useMe();
  const area = useAreaLabel();
  const { message } = AntApp.useApp();
  const [params, update] = useQueryParams();
  const today = todayInChina();
  const due = params.get('due') || dayjs(today).add(30, 'day').format('YYYY-MM-DD');
  const region = params.get('region') || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useRequest((signal) => benefitsApi.rechecks({ due, regionCode: region, page, pageSize: PAGE_SIZE }, signal), [due, region, page]);
  const vocabulary = useRequest((signal) => benefitsApi.vocabulary(signal), []);
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [recording, setRecording] = useState<DueRecheck | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const nameOf = (r: DueRecheck) => (r.headName ? t('benefits.recheck.household', { head: r.headName }) : t('benefits.household.titleNoHead', { id: r.householdId }));

  const makeTasks = async () => {
    setMaking(true);
    try {
      const r = await benefitsApi.recheckTasks({ due, ...(me.regionLevel === 3 ? { countyCode: me.regionCode } : {}) });
      setMade(r.tasksAvailable === false ? r.message ?? '' : t('benefits.rechecks.tasksMade', { n: r.created }));
      list.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setMaking(false);
    }
  };

  const programmeLabel = (p: string) => {
    const l = vocabulary.data?.programmes[p as keyof NonNullable<typeof vocabulary.data>['programmes']];
    return l ? pick(l.zh, l.en) : p;
  };

  const columns: TableProps<DueRecheck>['columns'] = [
    {
      key: 'household', title: t('benefits.changes.household'), width: 220,
      render: (_, r) => (
        <div>
          <Link to={`/benefits/households/${r.householdId}`} className="sn-strong">{r.headName ?? t('benefits.household.titleNoHead', { id: r.householdId })}</Link>
          <div className="sn-muted sn-small sn-break">{r.address} · {area(r.areaType)}</div>
        </div>
      ),
    },
    { key: 'programmes', title: t('benefits.award.programme'), width: 150, render: (_, r) => <span className="sn-tags">{r.programmes.map((p) => <Tag key={p}>{programmeLabel(p)}</Tag>)}</span> },
    {
      key: 'due', title: t('benefits.rechecks.nextDue'), dataIndex: 'nextDueOn', width: 160,
      render: (d: string, r) => (
        <div>
          <Tag color={d < today ? 'red' : 'gold'} data-testid="recheck-due">{formatDate(d, locale)}</Tag>
          {r.dueToDeath && <Tag color="red">{t('benefits.rechecks.dueToDeath')}</Tag>}
        </div>
      ),
    },
    { key: 'last', title: t('benefits.rechecks.lastChecked'), dataIndex: 'lastCheckedOn', width: 130, render: (d: string) => formatDate(d, locale) },
    { key: 'regular', title: t('benefits.rechecks.regularDue'), dataIndex: 'regularDueOn', width: 130, responsive: ['lg'], render: (d: string) => formatDate(d, locale) },
    { key: 'interval', title: t('benefits.rechecks.interval'), dataIndex: 'intervalMonths', width: 100, render: (n: number) => t('benefits.rechecks.months', { n }) },
    {
      key: 'task', title: t('benefits.rechecks.task'), width: 140,
      render: (_, r) => (r.task ? <Tag color="blue">{t('benefits.rechecks.taskN', { id: r.task.id })}{r.task.status ? ` · ${r.task.status}` : ''}</Tag> : <span className="sn-muted">{t('benefits.rechecks.noTask')}</span>),
    },
    ...(can('benefits.assess') ? [{
      key: 'actions', title: t('benefits.actions.column'), width: 120, fixed: 'right' as const,
      render: (_: unknown, r: DueRecheck) => (
        <Button size="small" icon={<CarryOutOutlined />} onClick={() => { setRecorded(null); setRecording(r); }} data-testid={`record-recheck-${r.householdId}`}>
          {t('benefits.recheck.record')}
        </Button>
      ),
    }] : []),
  ];

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.rechecks.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.rechecks.intro')}</Typography.Paragraph>
      <Space wrap className="sn-gap" align="center">
        <span>{t('benefits.rechecks.dueBy')}</span>
        <DatePicker
          allowClear={false}
          value={dayjs(due)}
          format={DATE_INPUT_FORMATS[locale]}
          onChange={(d) => d && update({ due: d.format('YYYY-MM-DD'), page: 1 })}
          aria-label={t('benefits.rechecks.dueBy')}
          data-testid="recheck-due-by"
        />
        <div style={{ minWidth: 240 }}>
          <RegionPicker value={region} onChange={(code) => update({ region: code, page: 1 })} aria-label={t('benefits.stats.region')} />
        </div>
        {can('benefits.decide') && (
          <Button icon={<ScheduleOutlined />} loading={making} onClick={makeTasks} data-testid="make-recheck-tasks">{t('benefits.rechecks.makeTasks')}</Button>
        )}
      </Space>
      {made !== null && <Alert type="success" showIcon closable onClose={() => setMade(null)} className="sn-gap" title={made} data-testid="recheck-tasks-made" />}
      {recorded !== null && <Alert type="success" showIcon closable onClose={() => setRecorded(null)} className="sn-gap" title={recorded} data-testid="recheck-recorded" />}
      <Card size="small">
        {list.error ? (
          <PageError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<DueRecheck>
            rowKey="householdId"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: can('benefits.assess') ? 1150 : 1030 }}
            expandable={{ expandedRowRender: (r) => <div className="sn-explanation"><StepList steps={r.explanation?.steps ?? []} /></div> }}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: (p) => update({ page: p }),
              showTotal: (n) => t('benefits.rechecks.total', { n }),
            }}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('benefits.rechecks.none', { date: formatDate(due, locale) })} /> }}
            data-testid="rechecks-table"
          />
        )}
      </Card>
      {recording && (
        <RecheckDialog
          target={{ householdId: recording.householdId, name: nameOf(recording), lastCheckedOn: recording.lastCheckedOn, nextDueOn: recording.nextDueOn }}
          onClose={() => setRecording(null)}
          onDone={(r) => {
            setRecorded(r
              ? t('benefits.recheck.doneFor', { name: nameOf(recording), date: formatDate(r.nextDueOn, locale) })
              : t('benefits.recheck.doneUnmanaged'));
            setRecording(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
