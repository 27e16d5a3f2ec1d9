// 预警列表: the warnings of the caller's region, newest first, with counts per level and per status at the top
// (click one to filter), filters for status, level, rule, region and person (all in the URL, so a view can be
// shared), and paging by the server. On a phone the rows become cards.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { LEVELS, WARNING_STATUSES, WARNING_STATUS_LABELS, LEVEL_LABELS, type Level, type WarningStatus } from '../../../../src/monitoring/rule-types';
import { monitoringApi, type WarningSummary } from '../../api/monitoring';
import { registryApi } from '../../api/registry';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { useQueryParams } from '../../app/use-query-params';
import { LevelTag, ScenarioText, WarningStatusTag } from './monitoring-ui';
import { STATUS_COLOURS } from './monitoring-format';

const PAGE_SIZES = [20, 50, 100];
const OPEN = 'open';

export default function WarningListPage() {
  const { t, pick, label, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const { can } = useSession();
  const [params, update, setParams] = useQueryParams({ defaults: { pageSize: 20 }, resetPage: true });
  const status = params.get('status') || undefined;
  const level = (params.get('level') || undefined) as Level | undefined;
  const rule = params.get('rule') || undefined;
  const region = params.get('region') || undefined;
  const personId = Number(params.get('person')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSizeParam = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(pageSizeParam) ? pageSizeParam : 20;

  const warnings = useRequest(
    (signal) => monitoringApi.warnings({ status, level, rule, region, personId, page, pageSize }, signal),
    [status, level, rule, region, personId, page, pageSize],
  );
  const rules = useRequest((signal) => monitoringApi.rules(undefined, signal), []);

  const data = warnings.data;
  const n = (v: number) => v.toLocaleString('en-US');
  const statusTotal = data ? Object.values(data.countsByStatus).reduce((s, v) => s + v, 0) : 0;
  const openTotal = data ? statusTotal - data.countsByStatus.closed : 0;
  const open = (w: WarningSummary) => navigate(`/warnings/${w.id}`);

  // Widths fit a 1024 px tablet beside the side menu (about 740 px of table): region, time and evidence count
  // appear on wider screens only; the summary takes what is left.
  const columns: TableProps<WarningSummary>['columns'] = [
    { key: 'level', title: t('monitoring.col.level'), dataIndex: 'level', width: 76, render: (l: Level) => <LevelTag level={l} short /> },
    {
      key: 'rule', title: t('monitoring.col.rule'), dataIndex: 'ruleName', width: 190,
      render: (name: string, w) => (
        <div>
          <Link to={`/warnings/${w.id}`} className="sn-strong" data-testid="warning-link">{name}</Link>
          <div className="sn-muted sn-small"><ScenarioText scenario={w.scenario} /> · <span className="sn-mono">{w.ruleCode}</span></div>
        </div>
      ),
    },
    { key: 'summary', title: t('monitoring.col.summary'), dataIndex: 'summary', render: (s: string, w) => <span data-testid="warning-summary">{pick(s, w.summaryEn)}</span> },
    {
      key: 'person', title: t('monitoring.col.person'), width: 160,
      render: (_: unknown, w) => <PersonCell w={w} />,
    },
    { key: 'region', title: t('monitoring.col.region'), width: 140, responsive: ['xl'], render: (_: unknown, w) => w.region.name || w.region.code },
    { key: 'status', title: t('monitoring.col.status'), dataIndex: 'status', width: 90, render: (s: WarningStatus) => <WarningStatusTag status={s} /> },
    { key: 'raisedAt', title: t('monitoring.col.raisedAt'), dataIndex: 'raisedAt', width: 150, responsive: ['xxl'], render: (at: string) => formatDateTime(at, locale) },
    { key: 'evidence', title: t('monitoring.col.evidence'), dataIndex: 'evidenceCount', width: 64, align: 'right', responsive: ['xxl'] },
  ];

  const phone = screens.md === false;

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('monitoring.warnings.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="sn-gap-top-sm">{t('monitoring.warnings.intro')}</Typography.Paragraph>
        </div>
        <Button icon={<ReloadOutlined />} onClick={warnings.reload}>{t('action.refresh')}</Button>
      </div>

      <div className="sn-level-cards" data-testid="level-counts">
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            className={`sn-level-card is-${l}${level === l ? ' is-active' : ''}`}
            aria-pressed={level === l}
            onClick={() => update({ level: level === l ? undefined : l })}
            data-testid={`level-count-${l}`}
          >
            <span className="sn-level-card-label">{label(LEVEL_LABELS, l)}</span>
            <span className="sn-level-card-count">{data ? n(data.countsByLevel[l]) : '…'}</span>
          </button>
        ))}
      </div>

      <div className="sn-status-counts" data-testid="status-counts">
        <Tag className={!status ? 'is-active' : undefined} onClick={() => update({ status: undefined })}>
          {t('monitoring.status.all')} {data ? n(statusTotal) : ''}
        </Tag>
        <Tag className={status === OPEN ? 'is-active' : undefined} color="orange" onClick={() => update({ status: OPEN })}>
          {t('monitoring.status.open')} {data ? n(openTotal) : ''}
        </Tag>
        {WARNING_STATUSES.map((s) => (
          <Tag key={s} color={STATUS_COLOURS[s]} className={status === s ? 'is-active' : undefined} onClick={() => update({ status: s })} data-testid={`status-count-${s}`}>
            {label(WARNING_STATUS_LABELS, s)} {data ? n(data.countsByStatus[s]) : ''}
          </Tag>
        ))}
      </div>

      <Card size="small" className="sn-gap">
        <div className="sn-filter-bar">
          <Select
            allowClear
            value={status}
            placeholder={t('monitoring.filter.status')}
            aria-label={t('monitoring.filter.status')}
            onChange={(v?: string) => update({ status: v })}
            options={[{ value: OPEN, label: t('monitoring.status.open') }, ...WARNING_STATUSES.map((s) => ({ value: s, label: label(WARNING_STATUS_LABELS, s) }))]}
            data-testid="filter-status"
          />
          <Select
            allowClear
            value={level}
            placeholder={t('monitoring.filter.level')}
            aria-label={t('monitoring.filter.level')}
            onChange={(v?: string) => update({ level: v })}
            options={LEVELS.map((l) => ({ value: l, label: label(LEVEL_LABELS, l) }))}
            data-testid="filter-level"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            value={rule}
            placeholder={t('monitoring.filter.rule')}
            aria-label={t('monitoring.filter.rule')}
            loading={rules.loading}
            onChange={(v?: string) => update({ rule: v })}
            options={(rules.data ?? []).map((r) => ({ value: r.code, search: `${r.name} ${r.nameEn} ${r.code}`, label: pick(r.name, r.nameEn) }))}
            popupMatchSelectWidth={false}
            data-testid="filter-rule"
          />
          <RegionPicker value={region} onChange={(code) => update({ region: code })} placeholder={t('monitoring.filter.region')} aria-label={t('monitoring.filter.region')} />
          {can('registry.read') && (
            <PersonFilter personId={personId} knownName={data?.items.find((w) => w.person.id === personId)?.person.name ?? null} onChange={(id) => update({ person: id })} />
          )}
          <Button onClick={() => setParams(new URLSearchParams())} disabled={!status && !level && !rule && !region && !personId}>
            {t('action.reset')}
          </Button>
        </div>

        {warnings.error ? (
          <PageError error={warnings.error} onRetry={warnings.reload} />
        ) : phone ? (
          <List<WarningSummary>
            loading={warnings.loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: warnings.loading ? ' ' : <EmptyState description={t('monitoring.warnings.empty')} /> }}
            pagination={{ current: page, pageSize, total: data?.total ?? 0, size: 'small', onChange: (p) => update({ page: p }) }}
            renderItem={(w) => (
              <List.Item key={w.id}>
                <Link to={`/warnings/${w.id}`} className="sn-warning-card" data-testid="warning-card">
                  <div className="sn-warning-card-head">
                    <LevelTag level={w.level} short />
                    <WarningStatusTag status={w.status} />
                    <span className="sn-strong">{w.ruleName}</span>
                  </div>
                  <div>{pick(w.summary, w.summaryEn)}</div>
                  <div className="sn-muted sn-small">
                    {w.person.name ?? '—'} {w.person.idNumberMasked ? `· ${w.person.idNumberMasked}` : ''} · {w.region.name} · {formatDateTime(w.raisedAt, locale)}
                  </div>
                </Link>
              </List.Item>
            )}
          />
        ) : (
          <Table<WarningSummary>
            rowKey="id"
            size="middle"
            loading={warnings.loading}
            dataSource={data?.items ?? []}
            columns={columns}
            scroll={{ x: 720 }}
            onRow={(w) => ({ onDoubleClick: () => open(w) })}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => <span data-testid="warnings-total">{t('monitoring.warnings.total', { n: n(total) })}</span>,
              onChange: (p, size) => update({ page: size !== pageSize ? 1 : p, pageSize: size }),
            }}
            locale={{ emptyText: warnings.loading ? ' ' : <EmptyState description={t('monitoring.warnings.empty')} /> }}
            data-testid="warnings-table"
          />
        )}
      </Card>
    </div>
  );
}

function PersonCell({ w }: { w: WarningSummary }) {
  const { t } = useI18n();
  return (
    <div>
      <div>
        {w.person.name ?? '—'}
        {w.subjectKind === 'household' && <Tag className="sn-no-margin" style={{ marginInlineStart: 6 }}>{t('monitoring.subject.household')}</Tag>}
        {!w.monitored && <Tag color="purple" style={{ marginInlineStart: 6 }}>{t('monitoring.discovery')}</Tag>}
      </div>
      {w.person.idNumberMasked && <div className="sn-mono sn-small sn-muted">{w.person.idNumberMasked}</div>}
    </div>
  );
}

/** Choose a person by name (the registry's search, in the caller's scope); the filter is the person's id. */
function PersonFilter({ personId, knownName, onChange }: { personId?: number; knownName: string | null; onChange: (id: number | undefined) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const controller = useRef<AbortController>(undefined);
  useEffect(() => () => {
    clearTimeout(timer.current);
    controller.current?.abort();
  }, []);

  const search = (name: string) => {
    clearTimeout(timer.current);
    if (!name.trim()) return;
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setSearching(true);
      registryApi.searchPersons({ name: name.trim(), pageSize: 20 }, c.signal).then(
        (r) => {
          setOptions(r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.idNumberMasked} · ${p.regionName}` })));
          setSearching(false);
        },
        () => setSearching(false),
      );
    }, 300);
  };

  const shown = useMemo(() => {
    if (personId === undefined || options.some((o) => o.value === personId)) return options;
    return [{ value: personId, label: knownName ?? t('monitoring.filter.personId', { id: personId }) }, ...options];
  }, [options, personId, knownName, t]);

  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={personId}
      placeholder={t('monitoring.filter.person')}
      aria-label={t('monitoring.filter.person')}
      loading={searching}
      notFoundContent={searching ? t('state.loading') : t('monitoring.filter.personHint')}
      onChange={(v) => onChange(v ?? undefined)}
      options={shown}
      popupMatchSelectWidth={false}
      data-testid="filter-person"
    />
  );
}
