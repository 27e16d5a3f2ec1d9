// 预警规则: every rule with the version in force for the caller's place (county, city or the province; city and
// province accounts may look at another place): level, on/off, whom it applies to, the feeds it reads and
// what it does with its parameters, in words. A rule opens its page (parameters, editor, history).
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { APPLIES_TO_LABELS } from '../../../../src/monitoring/rule-types';
import { monitoringApi, type RuleView } from '../../api/monitoring';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { EmptyState, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { LevelTag, ScenarioText } from './monitoring-ui';

export default function RuleListPage() {
  const { t, pick, label } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || undefined;
  const [text, setText] = useState('');
  const rules = useRequest((signal) => monitoringApi.rules(region, signal), [region]);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (!q) return rules.data ?? [];
    return (rules.data ?? []).filter((r) =>
      [r.code, r.name, r.nameEn, r.scenarioName, ...r.feeds.map((f) => f.name)].some((s) => s.toLowerCase().includes(q)));
  }, [rules.data, text]);

  const columns: TableProps<RuleView>['columns'] = [
    {
      key: 'rule', title: t('monitoring.col.rule'), width: 200,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/rules/${r.code}${region ? `?region=${region}` : ''}`} className="sn-strong" data-testid={`rule-link-${r.code}`}>{pick(r.name, r.nameEn)}</Link>
          <div className="sn-muted sn-small sn-mono">{r.code}</div>
        </div>
      ),
    },
    {
      key: 'scenario', title: t('monitoring.rule.scenario'), width: 100,
      render: (_: unknown, r) => (
        <div>
          <ScenarioText scenario={r.scenario} />
          <div className="sn-muted sn-small">{r.subject === 'household' ? t('monitoring.subject.household') : t('monitoring.subject.person')}</div>
        </div>
      ),
    },
    {
      key: 'level', title: t('monitoring.col.level'), width: 80,
      render: (_: unknown, r) => (r.inForce ? (
        <Space orientation="vertical" size={2}>
          <LevelTag level={r.inForce.level} short />
          {!r.inForce.enabled && <Tag data-testid="rule-disabled">{t('monitoring.rule.disabled')}</Tag>}
        </Space>
      ) : <Tag>{t('monitoring.rule.noVersion')}</Tag>),
    },
    {
      key: 'explanation', title: t('monitoring.rule.explanation'),
      render: (_: unknown, r) => (r.inForce ? (
        <div>
          <div>{pick(r.inForce.explanation.zh, r.inForce.explanation.en)}</div>
          <div className="sn-muted sn-small">{label(APPLIES_TO_LABELS, r.inForce.appliesTo)}</div>
        </div>
      ) : null),
    },
    {
      key: 'feeds', title: t('monitoring.rule.feeds'), width: 150, responsive: ['xl'],
      render: (_: unknown, r) => (
        <div className="sn-small">
          {r.feeds.map((f) => <div key={f.code}>{f.name}<span className="sn-muted"> · {f.department}</span></div>)}
        </div>
      ),
    },
    {
      key: 'version', title: t('monitoring.rule.version'), width: 110, responsive: ['lg'],
      render: (_: unknown, r) => (r.inForce ? (
        <div data-testid={`rule-version-${r.code}`}>
          <div>{t('monitoring.rule.versionN', { n: r.inForce.version })}</div>
          <div className="sn-muted sn-small">{r.inForce.regionName}</div>
          {r.overridesInForce > 0 && <div className="sn-muted sn-small">{t('monitoring.rule.overrides', { n: r.overridesInForce })}</div>}
        </div>
      ) : null),
    },
  ];

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('monitoring.rules.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="sn-gap-top-sm">
            {can('rules.edit') ? t('monitoring.rules.introEdit') : t('monitoring.rules.intro')}
          </Typography.Paragraph>
        </div>
        <Button icon={<ReloadOutlined />} onClick={rules.reload}>{t('action.refresh')}</Button>
      </div>
      <Space wrap className="sn-gap" align="center">
        <Input.Search allowClear className="sn-filter-input" placeholder={t('monitoring.rules.search')} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('monitoring.rules.search')} />
        {me.regionLevel <= 2 && (
          <div className="sn-filter-select">
            <RegionPicker
              value={region}
              onChange={(code) => setParams(code ? { region: code } : {})}
              placeholder={t('monitoring.rules.placeOwn')}
              aria-label={t('monitoring.rules.place')}
            />
          </div>
        )}
        {me.regionLevel > 2 && <span className="sn-muted">{t('monitoring.rules.placeLine', { place: me.regionName })}</span>}
      </Space>
      <Card size="small">
        {rules.error ? (
          <PageError error={rules.error} onRetry={rules.reload} />
        ) : (
          <Table<RuleView>
            rowKey="code"
            size="middle"
            loading={rules.loading}
            dataSource={shown}
            columns={columns}
            pagination={false}
            tableLayout="fixed"
            locale={{ emptyText: rules.loading ? ' ' : <EmptyState description={t('monitoring.rules.empty')} /> }}
            data-testid="rules-table"
          />
        )}
      </Card>
      {can('rules.edit') && (
        <Typography.Paragraph type="secondary" className="sn-gap-top">
          <EditOutlined /> {t('monitoring.rules.editHint')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
