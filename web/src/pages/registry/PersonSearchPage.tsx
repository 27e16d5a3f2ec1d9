// Finding people: by name prefix, region (down to village) and category, paged and sorted by the server so
// that it works at province scale; or one person by full ID number, sent in a POST body (never in the URL).
// The search criteria live in the URL so that "back" from a household returns to the same results.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Grid, Input, Pagination, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { IdcardOutlined, SearchOutlined } from '@ant-design/icons';
import { registryApi, type PersonQuery, type PersonSummary } from '../../api/registry';
import { useRequest } from '../../api/useRequest';
import { CATEGORIES, CATEGORY_LABELS, RELATION_LABELS, SEX_LABELS } from '../../../../src/registry/vocabulary';
import { useI18n } from '../../i18n';
import { useMe } from '../../app/session';
import { withinRegion } from '../../format/region';
import { formatDate } from '../../format/date';
import { RegionPicker } from '../../components/RegionPicker';
import { CategoryTags } from '../../components/CategoryTags';
import { EmptyState, PageError } from '../../components/PageState';

type Sort = NonNullable<PersonQuery['sort']>;
const SORTS: Sort[] = ['id', 'name', 'birthDate'];
const PAGE_SIZES = [20, 50, 100];

function queryFromUrl(params: URLSearchParams): PersonQuery {
  const num = (k: string, d: number) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  const sort = params.get('sort') as Sort | null;
  const category = params.get('category');
  return {
    name: params.get('name') || undefined,
    regionCode: params.get('region') || undefined,
    category: category && (CATEGORIES as readonly string[]).includes(category) ? category : undefined,
    page: num('page', 1),
    pageSize: PAGE_SIZES.includes(num('pageSize', 20)) ? num('pageSize', 20) : 20,
    sort: sort && SORTS.includes(sort) ? sort : 'id',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

function urlFromQuery(q: PersonQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.name) p.set('name', q.name);
  if (q.regionCode) p.set('region', q.regionCode);
  if (q.category) p.set('category', q.category);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  if (q.pageSize && q.pageSize !== 20) p.set('pageSize', String(q.pageSize));
  if (q.sort && q.sort !== 'id') p.set('sort', q.sort);
  if (q.order === 'desc') p.set('order', 'desc');
  return p;
}

interface CriteriaValues {
  name?: string;
  regionCode?: string;
  category?: string;
}

export default function PersonSearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const [form] = Form.useForm<CriteriaValues>();
  const result = useRequest((signal) => registryApi.searchPersons(query, signal), [params.toString()]);
  const setQuery = (q: PersonQuery) => setParams(urlFromQuery(q));
  // Back and forward change the URL: the form follows it.
  useEffect(() => {
    form.setFieldsValue({ name: query.name, regionCode: query.regionCode, category: query.category });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.toString()]);

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('search.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('search.byCriteria')} size="small" className="sn-card-fill">
            <Form<CriteriaValues>
              form={form}
              layout="vertical"
              initialValues={{ name: query.name, regionCode: query.regionCode, category: query.category }}
              onFinish={(v) => setQuery({ ...query, name: v.name?.trim() || undefined, regionCode: v.regionCode || undefined, category: v.category || undefined, page: 1 })}
            >
              <Row gutter={12}>
                <Col xs={24} sm={12} lg={7}>
                  <Form.Item name="name" label={t('search.name')}>
                    <Input placeholder={t('search.namePlaceholder')} allowClear maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={10}>
                  <Form.Item name="regionCode" label={t('search.region')}>
                    <RegionPicker />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={7}>
                  <Form.Item name="category" label={t('search.category')}>
                    <Select allowClear placeholder={t('search.anyCategory')} options={CATEGORIES.map((c) => ({ value: c, label: <CategoryLabel code={c} /> }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('action.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ name: undefined, regionCode: undefined, category: undefined });
                    setQuery({ page: 1, pageSize: query.pageSize });
                  }}
                >
                  {t('action.reset')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <LookupCard />
        </Col>
      </Row>
      <Card className="sn-gap-top" size="small" title={t('search.results')}>
        {result.error ? (
          <PageError error={result.error} onRetry={result.reload} />
        ) : (
          <Results
            loading={result.loading}
            items={result.data?.items ?? []}
            total={result.data?.total ?? 0}
            capped={result.data?.totalCapped ?? false}
            query={query}
            onChange={setQuery}
          />
        )}
      </Card>
    </div>
  );
}

function CategoryLabel({ code }: { code: string }) {
  const { label } = useI18n();
  return <>{label(CATEGORY_LABELS, code)}</>;
}

function Results({ loading, items, total, capped, query, onChange }: { loading: boolean; items: PersonSummary[]; total: number; capped: boolean; query: PersonQuery; onChange: (q: PersonQuery) => void }) {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const totalText = capped ? t('search.totalCapped', { n: total.toLocaleString('en-US') }) : t('search.total', { n: total.toLocaleString('en-US') });
  const pagination = {
    current: query.page,
    pageSize: query.pageSize,
    total,
    showSizeChanger: !phone,
    pageSizeOptions: PAGE_SIZES,
    showTotal: () => <span data-testid="search-total">{totalText}</span>,
    simple: phone,
  };
  const empty = <EmptyState description={query.name || query.regionCode || query.category ? t('search.noMatch') : t('search.noPeople')} />;

  if (phone) {
    return (
      <div className="sn-card-list" aria-busy={loading}>
        <div className="sn-muted" data-testid="search-total">{totalText}</div>
        {!loading && items.length === 0 && empty}
        {items.map((p) => (
          <Link key={p.id} to={`/registry/households/${p.householdId}`} className="sn-person-card">
            <Card size="small" loading={loading}>
              <div className="sn-person-card-head">
                <strong>{p.name}</strong>
                <span className="sn-muted">
                  {label(SEX_LABELS, p.sex)} · {formatDate(p.birthDate, locale)}
                </span>
              </div>
              <div className="sn-mono">{p.idNumberMasked}</div>
              <div className="sn-muted">
                {label(RELATION_LABELS, p.relation)} · {withinRegion(p.regionName, me.regionName)}
              </div>
              <CategoryTags categories={p.categories} />
            </Card>
          </Link>
        ))}
        <Pagination {...pagination} showTotal={undefined} onChange={(page, pageSize) => onChange({ ...query, page, pageSize })} />
      </div>
    );
  }

  const sortOrder = (key: Sort) => (query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableProps<PersonSummary>['columns'] = [
    {
      key: 'name', title: t('member.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrder('name'), fixed: 'left', width: 120,
      render: (name: string, p) => <Link to={`/registry/households/${p.householdId}`}>{name}</Link>,
    },
    { key: 'sex', title: t('member.sex'), dataIndex: 'sex', width: 70, render: (s: string) => label(SEX_LABELS, s) },
    { key: 'birthDate', title: t('member.birthDate'), dataIndex: 'birthDate', sorter: true, sortOrder: sortOrder('birthDate'), width: 150, render: (d: string) => formatDate(d, locale) },
    { key: 'idNumber', title: t('member.idNumber'), dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="sn-mono">{v}</span> },
    { key: 'relation', title: t('member.relation'), dataIndex: 'relation', width: 100, responsive: ['xl'], render: (r: string | null) => label(RELATION_LABELS, r) },
    { key: 'region', title: t('search.regionColumn'), dataIndex: 'regionName', ellipsis: true, render: (r: string) => withinRegion(r, me.regionName) },
    { key: 'categories', title: t('search.category'), dataIndex: 'categories', render: (c: string[]) => <CategoryTags categories={c} /> },
  ];
  return (
    <Table<PersonSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      columns={columns}
      scroll={{ x: screens.xl === false ? 760 : 960 }}
      pagination={pagination}
      locale={{ emptyText: loading ? ' ' : empty }}
      onChange={(p, _filters, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const sort = s?.order ? ((s.columnKey as Sort) ?? 'id') : 'id';
        const order = s?.order === 'descend' ? 'desc' : 'asc';
        const sortChanged = sort !== query.sort || order !== query.order;
        onChange({ ...query, page: sortChanged ? 1 : p.current ?? 1, pageSize: p.pageSize ?? query.pageSize, sort, order });
      }}
    />
  );
}

/** Lookup by full ID number: the number stays in this component and in the POST body only. */
function LookupCard() {
  const { t, errorText, label, locale } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<PersonSummary | null>(null);
  const [idNumber, setIdNumber] = useState('');

  const lookup = async (value: string) => {
    const v = value.trim();
    if (!v) {
      setError(t('search.idRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setFound(null);
    try {
      setFound(await registryApi.lookupPerson(v));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('search.byId')} size="small" className="sn-card-fill">
      <Typography.Paragraph type="secondary" className="sn-small">
        {t('search.byIdHint')}
      </Typography.Paragraph>
      <Input.Search
        value={idNumber}
        onChange={(e) => setIdNumber(e.target.value)}
        onSearch={lookup}
        enterButton={<Button type="primary" icon={<IdcardOutlined />} loading={busy}>{t('search.lookup')}</Button>}
        placeholder={t('search.idPlaceholder')}
        maxLength={20}
        autoComplete="off"
        aria-label={t('search.byId')}
        status={error ? 'error' : undefined}
      />
      {error && <Alert className="sn-gap-top" type="error" showIcon title={error} role="alert" />}
      {found && (
        <Alert
          className="sn-gap-top"
          type="success"
          title={
            <span>
              <strong>{found.name}</strong> · {label(SEX_LABELS, found.sex)} · {formatDate(found.birthDate, locale)} · <span className="sn-mono">{found.idNumberMasked}</span>
            </span>
          }
          description={
            <Space orientation="vertical" size={4}>
              <span>{found.regionName}</span>
              {found.categories.length > 0 && <CategoryTags categories={found.categories} />}
              <Button type="primary" size="small" onClick={() => navigate(`/registry/households/${found.householdId}`)}>
                {t('search.openHousehold')}
              </Button>
            </Space>
          }
        />
      )}
      {!found && !error && <Tag className="sn-gap-top" color="default">{t('search.idPrivacy')}</Tag>}
    </Card>
  );
}
