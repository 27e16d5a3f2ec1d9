// 数据接口目录: the contract published to the departments, as the platform checks it (GET /feeds, built from
// src/feeds/catalogue.ts): per feed its department, name, columns (Chinese header, other accepted headers,
// English key, value type with what it accepts, required) and natural key.
import { useState } from 'react';
import { Card, Collapse, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { feedsApi, type FeedColumn, type FeedContract } from '../../api/feeds';
import { useRequest } from '../../api/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, Loading, PageError } from '../../components/PageState';

export default function FeedCataloguePage() {
  const { t } = useI18n();
  const catalogue = useRequest((signal) => feedsApi.catalogue(signal), []);
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const feeds = (catalogue.data ?? []).filter(
    (f) => !q || [f.code, f.name, f.nameEn, f.department].some((s) => s.toLowerCase().includes(q)),
  );

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('catalogue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.intro')}</Typography.Paragraph>
      {catalogue.error ? (
        <PageError error={catalogue.error} onRetry={catalogue.reload} />
      ) : catalogue.loading && !catalogue.data ? (
        <Loading />
      ) : (catalogue.data ?? []).length === 0 ? (
        <Card>
          <EmptyState description={t('feeds.noFeeds')} />
        </Card>
      ) : (
        <>
          <Space wrap className="sn-gap" align="center">
            <Input.Search allowClear placeholder={t('catalogue.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} className="sn-filter-input" />
            <span className="sn-muted" data-testid="catalogue-count">{t('catalogue.count', { n: feeds.length })}</span>
          </Space>
          {feeds.length === 0 ? (
            <Card>
              <EmptyState description={t('catalogue.noMatch')} />
            </Card>
          ) : (
            <Collapse
              className="sn-catalogue"
              items={feeds.map((f) => ({ key: f.code, label: <FeedHeader feed={f} />, children: <FeedColumns feed={f} /> }))}
              data-testid="catalogue"
            />
          )}
        </>
      )}
    </div>
  );
}

function FeedHeader({ feed }: { feed: FeedContract }) {
  const { t, pick } = useI18n();
  return (
    <div className="sn-feed-head" data-testid={`feed-${feed.code}`}>
      <span className="sn-feed-name">{pick(feed.name, feed.nameEn)}</span>
      <Tag color="blue">{feed.department}</Tag>
      <span className="sn-mono sn-muted">{feed.code}</span>
      <span className="sn-muted">{t('catalogue.columnsN', { n: feed.columns.length })}</span>
    </div>
  );
}

function FeedColumns({ feed }: { feed: FeedContract }) {
  const { t, pick } = useI18n();
  const headerOf = (key: string) => feed.columns.find((c) => c.key === key)?.header ?? key;
  const columns: TableProps<FeedColumn>['columns'] = [
    {
      key: 'header', title: t('catalogue.header'), dataIndex: 'header', width: 130,
      render: (h: string, c) => (
        <span>
          <strong>{h}</strong>
          {c.required && <span className="sn-required" aria-hidden> *</span>}
        </span>
      ),
    },
    {
      key: 'aliases', title: t('catalogue.aliases'), dataIndex: 'aliases', width: 170,
      render: (a: string[]) => (a.length ? <span className="sn-tags">{a.map((x) => <Tag key={x}>{x}</Tag>)}</span> : <span className="sn-muted">—</span>),
    },
    { key: 'key', title: t('catalogue.key'), dataIndex: 'key', width: 150, render: (k: string) => <code className="sn-mono">{k}</code> },
    {
      key: 'type', title: t('catalogue.type'), dataIndex: 'type',
      render: (type: FeedColumn['type'], c) => (
        <div>
          <Tag color="geekblue">{t(`feeds.type.${type}` as MessageKey)}</Tag>
          {c.describe && <span className="sn-small">{pick(c.describe.zh, c.describe.en)}</span>}
          {c.values && c.values.length > 0 && (
            <div className="sn-small sn-gap-top-sm">
              {t('catalogue.values')}
              {c.values.join(pick('、', ', '))}
            </div>
          )}
          {c.note && <div className="sn-small sn-muted">{t('catalogue.unit', { note: c.note })}</div>}
        </div>
      ),
    },
    {
      key: 'required', title: t('catalogue.required'), dataIndex: 'required', width: 80, align: 'center',
      render: (r: boolean) => (r ? <Tag color="red">{t('catalogue.requiredYes')}</Tag> : <span className="sn-muted">{t('catalogue.optional')}</span>),
    },
  ];
  return (
    <div>
      <div className="sn-gap">
        <span className="sn-muted">{t('catalogue.naturalKey')}</span>
        {feed.naturalKey.map((k, i) => (
          <span key={k}>
            {i > 0 && ' + '}
            <strong>{headerOf(k)}</strong> <code className="sn-mono sn-muted">{k}</code>
          </span>
        ))}
        <span className="sn-muted sn-small">{t('catalogue.naturalKeyHint')}</span>
      </div>
      <Table<FeedColumn> size="small" rowKey="key" dataSource={feed.columns} columns={columns} pagination={false} scroll={{ x: 720 }} />
    </div>
  );
}
