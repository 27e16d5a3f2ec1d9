// One household as the caller may see it: address and region, bank account (masked), members with their
// relation to the head (ID numbers and phones masked, revealable with a reason), monitoring categories current
// and ended, and the change history. Outside the caller's region the household "does not exist".
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { AccountBookOutlined, ArrowLeftOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { registryApi, type CategoryView, type HouseholdView, type MemberView } from '../../api/registry';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { ELDERLY_FONT_SIZE, NORMAL_FONT_SIZE } from '../../app/theme';
import {
  AREA_TYPE_LABELS, DISABILITY_KIND_LABELS, EMPLOYMENT_LABELS, LABOUR_CAPACITY_LABELS, RELATION_LABELS, SCHOOL_STAGE_LABELS, SEX_LABELS,
} from '../../../../src/registry/vocabulary';
import { useI18n, type I18n } from '../../i18n';
import { ageOn, formatDate, formatDateTime, todayInChina } from '../../format/date';
import { Loading, RecordError, EmptyState } from '../../components/PageState';
import { RevealableValue } from '../../components/RevealableValue';
import { CategoryTag } from '../../components/CategoryTags';
import { HistoryTimeline } from './HistoryTimeline';

export default function HouseholdPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const household = useRequest((signal) => (valid ? registryApi.household(id, signal) : Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''))), [id]);
  const history = useRequest((signal) => (valid ? registryApi.householdHistory(id, signal) : Promise.resolve([])), [id]);

  if (household.loading && !household.data) return <Loading />;
  if (household.error) {
    return (
      <RecordError error={household.error} onRetry={household.reload} notFound={t('household.notFound')} notFoundDetail={t('household.notFoundDetail')}
        backTo="/registry/persons" backLabel={t('household.backToSearch')} />
    );
  }
  const h = household.data!;
  const head = h.members.find((m) => m.id === h.headPersonId) ?? h.members[0];
  const current = h.categories.filter((c) => c.current);

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="household-title">
            {head ? t('household.title', { head: head.name }) : t('household.titleNoHead', { id: h.id })}
          </Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <Tag>{t('household.number', { id: h.id })}</Tag>
            {current.length === 0 ? <Tag>{t('category.noneCurrent')}</Tag> : current.map((c) => <CategoryTag key={c.id} category={c.category} />)}
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('action.back')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => { household.reload(); history.reload(); }} aria-label={t('action.refresh')} />
          {can('benefits.read') && (
            <Button icon={<AccountBookOutlined />} onClick={() => navigate(`/benefits/households/${h.id}`)} data-testid="household-benefits-link">
              {t('benefits.household.link')}
            </Button>
          )}
          {can('registry.write') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/registry/households/${h.id}/edit`)}>
              {t('action.edit')}
            </Button>
          )}
        </Space>
      </div>

      <Card title={t('household.basics')} size="small" className="sn-gap-top">
        <Basics h={h} />
      </Card>

      <Card title={t('household.members', { n: h.members.length })} size="small" className="sn-gap-top">
        <Members h={h} />
      </Card>

      <Card title={t('category.title')} size="small" className="sn-gap-top">
        <Categories categories={h.categories} />
      </Card>

      <Card title={t('history.title')} size="small" className="sn-gap-top">
        <HistoryTimeline history={history} />
      </Card>
    </div>
  );
}

function Basics({ h }: { h: HouseholdView }) {
  const { t, label, locale } = useI18n();
  const holder = h.bank ? h.members.find((m) => m.id === h.bank!.holderPersonId) : undefined;
  const { elderlyMode } = useSession();
  return (
    <Descriptions
      size="small"
      column={elderlyMode ? { xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 } : { xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
      items={[
        { key: 'region', label: t('household.region'), children: h.regionPath.map((r) => r.name).join(' / ') || h.villageCode, span: 'filled' as const },
        { key: 'address', label: t('household.address'), children: h.address, span: 'filled' as const },
        { key: 'areaType', label: t('household.areaType'), children: label(AREA_TYPE_LABELS, h.areaType) },
        {
          key: 'bank',
          label: t('bank.title'),
          children: h.bank ? (
            <span>
              {h.bank.bankName} <span className="sn-mono">{h.bank.accountNoMasked}</span>
              {holder && <span className="sn-muted"> · {t('bank.holderIs', { name: holder.name })}</span>}
            </span>
          ) : (
            <span className="sn-muted">{t('bank.none')}</span>
          ),
        },
        { key: 'updated', label: t('household.updatedAt'), children: `${formatDateTime(h.updatedAt, locale)} · ${t('household.version', { n: h.version })}` },
      ]}
    />
  );
}

function disabilityText(i18n: I18n, m: MemberView) {
  if (!m.disabilityKind) return i18n.t('common.none');
  return `${i18n.label(DISABILITY_KIND_LABELS, m.disabilityKind)} ${m.disabilityGrade ? i18n.t('member.grade', { n: m.disabilityGrade }) : ''}`.trim();
}

function Lines({ lines, empty }: { lines: (string | null | undefined)[]; empty: string }) {
  const shown = lines.filter((l): l is string => !!l);
  if (shown.length === 0) return <span className="sn-muted">{empty}</span>;
  return <span className="sn-lines">{shown.map((l, i) => <span key={i}>{l}</span>)}</span>;
}

function MemberName({ m, h }: { m: MemberView; h: HouseholdView }) {
  const { t } = useI18n();
  return (
    <span className="sn-member-name">
      <strong>{m.name}</strong>
      {m.id === h.headPersonId && <Tag color="blue">{t('member.headTag')}</Tag>}
      {m.diedOn && <Tag color="default">{t('member.died')}</Tag>}
      <Link to={`/casework/persons/${m.id}/file`} className="sn-small" data-testid={`person-file-${m.id}`}>{t('casework.file.open')}</Link>
    </span>
  );
}

function Members({ h }: { h: HouseholdView }) {
  const i18n = useI18n();
  const { t, label, locale } = i18n;
  const screens = Grid.useBreakpoint();
  const scale = useSession().elderlyMode ? ELDERLY_FONT_SIZE / NORMAL_FONT_SIZE : 1;
  const today = todayInChina();
  if (h.members.length === 0) return <EmptyState description={t('member.none')} />;

  if (screens.md === false) {
    return (
      <div className="sn-card-list">
        {h.members.map((m) => (
          <Card key={m.id} size="small" className="sn-member-card" data-testid="member-card">
            <div className="sn-person-card-head">
              <MemberName m={m} h={h} />
              <span className="sn-muted">{label(RELATION_LABELS, m.relation)}</span>
            </div>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'sexAge', label: t('member.sexAge'), children: `${label(SEX_LABELS, m.sex)} · ${formatDate(m.birthDate, locale)}${t('member.ageParen', { n: ageOn(m.birthDate, today) })}` },
                { key: 'id', label: t('member.idNumber'), children: <RevealableValue personId={m.id} personName={m.name} field="idNumber" masked={m.idNumberMasked} /> },
                { key: 'phone', label: t('member.phone'), children: <RevealableValue personId={m.id} personName={m.name} field="phone" masked={m.phoneMasked} /> },
                { key: 'disability', label: t('member.disability'), children: disabilityText(i18n, m) },
                { key: 'illness', label: t('member.seriousIllness'), children: m.seriousIllness ?? t('common.none') },
                { key: 'labour', label: t('member.labourCapacity'), children: label(LABOUR_CAPACITY_LABELS, m.labourCapacity) },
                { key: 'work', label: t('member.employmentSchool'), children: [label(EMPLOYMENT_LABELS, m.employment), label(SCHOOL_STAGE_LABELS, m.schoolStage)].filter(Boolean).join(' · ') || t('common.none') },
              ]}
            />
          </Card>
        ))}
      </div>
    );
  }

  // Widths in 14 px type; the elderly-friendly mode's larger type widens them in proportion.
  const w = (px: number) => Math.round(px * scale);
  const columns: TableProps<MemberView>['columns'] = [
    { key: 'name', title: t('member.name'), fixed: 'left', width: w(130), render: (_, m) => <MemberName m={m} h={h} /> },
    { key: 'relation', title: t('member.relation'), dataIndex: 'relation', width: w(92), render: (r: string | null) => label(RELATION_LABELS, r) },
    {
      key: 'birthDate', title: t('member.sexBirth'), dataIndex: 'birthDate', width: w(235),
      render: (d: string, m) => (
        <span>
          {label(SEX_LABELS, m.sex)} · {formatDate(d, locale)}
          <span className="sn-muted">{t('member.ageParen', { n: ageOn(d, today) })}</span>
        </span>
      ),
    },
    { key: 'idNumber', title: t('member.idNumber'), width: w(240), render: (_, m) => <RevealableValue personId={m.id} personName={m.name} field="idNumber" masked={m.idNumberMasked} /> },
    { key: 'phone', title: t('member.phone'), width: w(170), render: (_, m) => <RevealableValue personId={m.id} personName={m.name} field="phone" masked={m.phoneMasked} /> },
    {
      key: 'health', title: t('member.health'), width: w(140),
      render: (_, m) => <Lines lines={[m.disabilityKind ? disabilityText(i18n, m) : null, m.seriousIllness]} empty={t('common.none')} />,
    },
    {
      key: 'work', title: t('member.work'), width: w(150),
      render: (_, m) => <Lines lines={[label(LABOUR_CAPACITY_LABELS, m.labourCapacity), label(EMPLOYMENT_LABELS, m.employment), label(SCHOOL_STAGE_LABELS, m.schoolStage)]} empty={t('common.none')} />,
    },
  ];
  return <Table<MemberView> rowKey="id" size="small" columns={columns} dataSource={h.members} pagination={false} scroll={{ x: w(1157) }} data-testid="members-table" />;
}

function Categories({ categories }: { categories: CategoryView[] }) {
  const { t, locale } = useI18n();
  const today = todayInChina();
  if (categories.length === 0) return <EmptyState description={t('category.none')} />;
  const status = (c: CategoryView) =>
    c.current ? <Tag color="green">{t('category.current')}</Tag> : c.fromDate > today ? <Tag color="gold">{t('category.future')}</Tag> : <Tag>{t('category.ended')}</Tag>;
  const columns: TableProps<CategoryView>['columns'] = [
    { key: 'category', title: t('category.category'), render: (_, c) => <CategoryTag category={c.category} ended={!c.current} /> },
    { key: 'status', title: t('category.status'), render: (_, c) => status(c) },
    { key: 'from', title: t('category.fromDate'), dataIndex: 'fromDate', render: (d: string) => formatDate(d, locale) },
    { key: 'to', title: t('category.toDate'), dataIndex: 'toDate', render: (d: string | null) => (d ? formatDate(d, locale) : t('category.open')) },
    { key: 'reason', title: t('category.reason'), dataIndex: 'reason', render: (r: string) => r || t('common.none') },
  ];
  const sorted = [...categories].sort((a, b) => Number(b.current) - Number(a.current) || b.fromDate.localeCompare(a.fromDate));
  return (
    <Table<CategoryView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={sorted}
      pagination={false}
      scroll={{ x: 640 }}
      rowClassName={(c) => (c.current ? '' : 'sn-row-ended')}
      data-testid="categories-table"
    />
  );
}
