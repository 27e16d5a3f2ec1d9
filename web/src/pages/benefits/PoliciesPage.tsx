// 政策参数: every stored policy version (history included), per region and area, with its effective date,
// version number, origin and key figures; the versions in force today are tagged. A version opens in a
// drawer with all its figures, sources and the region's history (?region=&version=<id>, linkable from a
// decision's explanation); an administrator with policy.edit starts a new version from any of them.
import { useMemo } from 'react';
import { Button, Card, Drawer, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { benefitsApi, type PolicyVersionView } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, todayInChina } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { useQueryParams } from '../../app/use-query-params';
import { Money, useAreaLabel } from './explanation-ui';
import { OriginTag, TekunRuleText } from './policy-ui';
import { PolicyDetail } from './PolicyDetail';
import { PolicyEditor } from './PolicyEditor';
import { inForceIds } from './policy-form';

export default function PoliciesPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  const area = useAreaLabel();
  const [params, update] = useQueryParams();
  const region = params.get('region') ?? undefined;
  const areaType = params.get('area') ?? undefined;
  const openId = Number(params.get('version')) || null;
  const editId = Number(params.get('edit')) || null;
  const list = useRequest((signal) => benefitsApi.policies({}, signal), []);
  const all = list.data ?? [];
  const current = useMemo(() => inForceIds(all, todayInChina()), [all]);
  const regions = useMemo(() => [...new Map(all.map((v) => [v.regionCode, v.regionName ?? v.regionCode])).entries()], [all]);
  const shown = all.filter((v) => (!region || v.regionCode === region) && (!areaType || v.areaType === areaType));
  const opened = all.find((v) => v.id === openId);
  const editing = all.find((v) => v.id === editId);

  const columns: TableProps<PolicyVersionView>['columns'] = [
    {
      key: 'region', title: t('benefits.policy.region'), width: 170,
      render: (_, v) => (
        <div>
          <div className="sn-strong">{v.regionName ?? v.regionCode}</div>
          <div className="sn-muted sn-small sn-mono">{v.regionCode}</div>
        </div>
      ),
    },
    { key: 'area', title: t('benefits.policy.area'), dataIndex: 'areaType', width: 90, render: (a: string) => <Tag>{area(a)}</Tag> },
    {
      key: 'from', title: t('benefits.policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 150,
      render: (d: string, v) => (
        <div>
          <div>{formatDate(d, locale)}</div>
          {current.has(v.id) && <Tag color="green" data-testid="in-force">{t('benefits.policy.inForce')}</Tag>}
        </div>
      ),
    },
    {
      key: 'version', title: t('benefits.policy.version'), width: 110,
      render: (_, v) => <Space size={4} wrap><span>{t('benefits.policy.versionN', { n: v.version })}</span><OriginTag origin={v.origin} /></Space>,
    },
    {
      key: 'dibao', title: t('benefits.policy.dibaoStandard'), width: 150,
      render: (_, v) => (
        <span className="sn-lines" data-testid="policy-dibao">
          <span>{area('urban')} <Money fen={v.params.dibaoStandard.urban} /></span>
          <span>{area('rural')} <Money fen={v.params.dibaoStandard.rural} /></span>
        </span>
      ),
    },
    {
      key: 'tekun', title: t('benefits.policy.tekunBasic'), width: 160,
      render: (_, v) => (
        <span className="sn-lines">
          <span>{area('urban')} <TekunRuleText rule={v.params.tekunBasic.urban.default} /></span>
          <span>{area('rural')} <TekunRuleText rule={v.params.tekunBasic.rural.default} /></span>
        </span>
      ),
    },
    {
      key: 'care', title: t('benefits.policy.tekunCare'), width: 130, responsive: ['lg'],
      render: (_, v) => (
        <span className="sn-lines sn-small">
          <Money fen={v.params.tekunCare.selfCare} />
          <Money fen={v.params.tekunCare.partlyLost} />
          <Money fen={v.params.tekunCare.fullyLost} />
        </span>
      ),
    },
    { key: 'awards', title: t('benefits.policy.usedBy'), dataIndex: 'awards', width: 90, align: 'right', responsive: ['md'] },
    {
      key: 'by', title: t('benefits.policy.enteredBy'), width: 170, responsive: ['xl'],
      render: (_, v) => (
        <div className="sn-small">
          <div className="sn-break">{v.createdBy}</div>
          <div className="sn-muted">{formatDateTime(v.createdAt, locale)}</div>
        </div>
      ),
    },
    {
      key: 'actions', title: '', width: 110, fixed: 'right',
      render: (_, v) => (
        <Space direction="vertical" size={4}>
          <Button size="small" onClick={() => update({ version: v.id, edit: undefined })} data-testid={`open-policy-${v.id}`}>{t('benefits.policy.view')}</Button>
          {can('policy.edit') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => update({ edit: v.id, version: undefined })} data-testid={`new-from-${v.id}`}>
              {t('benefits.policy.newVersion')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const drawerWidth = screens.md === false ? window.innerWidth : 820;
  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.policy.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.policy.intro')}</Typography.Paragraph>
      <Space wrap className="sn-gap">
        <Select
          allowClear
          className="sn-filter-select"
          placeholder={t('benefits.policy.allRegions')}
          value={region}
          onChange={(v?: string) => update({ region: v })}
          options={regions.map(([code, name]) => ({ value: code, label: name }))}
          aria-label={t('benefits.policy.region')}
          data-testid="policy-region-filter"
        />
        <Select
          allowClear
          className="sn-filter-select"
          placeholder={t('benefits.policy.allAreas')}
          value={areaType}
          onChange={(v?: string) => update({ area: v })}
          options={(['urban', 'rural', 'both'] as const).map((a) => ({ value: a, label: area(a) }))}
          aria-label={t('benefits.policy.area')}
        />
        <Button onClick={list.reload}>{t('action.refresh')}</Button>
      </Space>
      <Card size="small">
        {list.error ? (
          <PageError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PolicyVersionView>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={shown}
            columns={columns}
            scroll={{ x: 1100 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('benefits.policy.none')} /> }}
            data-testid="policies-table"
          />
        )}
      </Card>
      <Drawer
        open={!!opened}
        onClose={() => update({ version: undefined })}
        size={drawerWidth}
        title={opened ? t('benefits.policy.detailTitle', { region: opened.regionName ?? opened.regionCode, n: opened.version }) : ''}
        destroyOnHidden
      >
        {opened && (
          <PolicyDetail
            policy={opened}
            history={all.filter((v) => v.regionCode === opened.regionCode).sort((a, b) => b.version - a.version)}
            onOpen={(id) => update({ version: id })}
          />
        )}
      </Drawer>
      <Drawer
        open={!!editing}
        onClose={() => update({ edit: undefined })}
        size={drawerWidth}
        title={editing ? t('benefits.policy.editTitle') : ''}
        destroyOnHidden
        maskClosable={false}
      >
        {editing && (
          <PolicyEditor
            base={editing}
            versions={all}
            onCancel={() => update({ edit: undefined })}
            onSaved={(created) => {
              list.reload();
              update({ edit: undefined, version: created.id, region: created.regionCode });
            }}
          />
        )}
      </Drawer>
    </div>
  );
}
