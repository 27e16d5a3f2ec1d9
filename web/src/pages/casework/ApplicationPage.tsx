// One application (一件事一次办): who applied, the household and members (ID numbers masked), and each item with
// the department that decides it, its status, deadline (overdue in red) and decision. A draft a visit started
// is completed and submitted from here.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Grid, List, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import { caseworkApi, type ApplicationView, type ItemView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { RELATION_LABELS } from '../../../../src/registry/vocabulary';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { ApplicationStatusTag, Deadline, DecisionText, ItemStatusTag } from './casework-ui';
import { ITEM_FINAL_STATUSES } from './deadline';

export default function ApplicationPage() {
  const id = Number(useParams().id);
  const app = useRequest((signal) => caseworkApi.application(id, signal), [id]);
  const { t, locale } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  if (app.loading && !app.data) return <Loading />;
  if (app.error) return <PageError error={app.error} onRetry={app.reload} />;
  const a = app.data!;
  const form = a.form as { applicant?: { name: string; idNumberMasked: string; phone: string }; agent?: { name: string; reason: string } | null; household?: { address: string }; bankAccount?: { bankName: string; accountNumberMasked: string; holderName: string }; authorisation?: { signedOn: string } } | null;

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="application-title">{t('casework.app.title', { number: a.number })}</Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <ApplicationStatusTag status={a.status} />
            <Tag>{t(a.origin === 'visit' ? 'casework.app.origin.visit' : 'casework.app.origin.counter')}</Tag>
            {a.receivedOn && <span className="sn-muted">{t('casework.app.receivedOn', { date: formatDate(a.receivedOn, locale) })}</span>}
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          <Button icon={<ReloadOutlined />} onClick={app.reload} aria-label={t('action.refresh')} />
          {a.status === 'draft' && can('applications.submit') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/casework/applications/${a.id}/submit`)}>{t('casework.app.complete')}</Button>
          )}
        </Space>
      </div>

      <Card title={t('casework.app.items', { n: a.items.length })} size="small" className="sn-gap-top">
        {a.items.length === 0 ? <EmptyState description={a.status === 'draft' ? t('casework.app.draftNoItems') : t('casework.app.noItems')} /> : <Items items={a.items} />}
      </Card>

      <Card title={t('casework.app.applicantCard')} size="small" className="sn-gap-top">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'applicant', label: t('casework.app.applicant'), children: form?.applicant ? `${form.applicant.name} · ${form.applicant.idNumberMasked}` : a.applicantName || '—' },
          ...(form?.applicant ? [{ key: 'phone', label: t('casework.app.phone'), children: form.applicant.phone }] : []),
          ...(form?.agent ? [{ key: 'agent', label: t('casework.app.agent'), children: `${form.agent.name}（${form.agent.reason}）` }] : []),
          { key: 'address', label: t('household.address'), children: form?.household?.address ?? '—' },
          ...(form?.bankAccount ? [{ key: 'bank', label: t('bank.title'), children: <span>{form.bankAccount.bankName} <span className="sn-mono">{form.bankAccount.accountNumberMasked}</span> · {form.bankAccount.holderName}</span> }] : []),
          ...(form?.authorisation ? [{ key: 'auth', label: t('casework.app.authorisation'), children: t('casework.app.signedOn', { date: formatDate(form.authorisation.signedOn, locale) }) }] : []),
          ...(a.householdId ? [{ key: 'hh', label: t('casework.file.household'), children: <Link to={`/registry/households/${a.householdId}`}>{t('casework.task.household')}</Link> }] : []),
          ...(a.visitId ? [{ key: 'visit', label: t('casework.app.fromVisit'), children: <Link to={`/casework/visits/${a.visitId}`}>{t('casework.visit.openRecord')}</Link> }] : []),
        ]} />
      </Card>

      <Card title={t('casework.app.members', { n: a.members.length })} size="small" className="sn-gap-top">
        <Members app={a} />
      </Card>

      {a.attachments.length > 0 && (
        <Card title={t('casework.visit.attachments')} size="small" className="sn-gap-top">
          <List size="small" dataSource={a.attachments} renderItem={(f) => (
            <List.Item><a href={caseworkApi.fileUrl(f.id)} download={f.fileName}><PaperClipOutlined /> {f.fileName}</a></List.Item>
          )} />
        </Card>
      )}
    </div>
  );
}

function Members({ app }: { app: ApplicationView }) {
  const { t, label } = useI18n();
  const { can } = useSession();
  return (
    <Table
      size="small"
      rowKey={(m) => `${m.name}-${m.idNumberMasked}`}
      pagination={false}
      dataSource={app.members}
      scroll={{ x: 520 }}
      columns={[
        { key: 'name', title: t('member.name'), dataIndex: 'name' },
        { key: 'relation', title: t('member.relation'), dataIndex: 'relation', render: (r: string | null) => label(RELATION_LABELS, r) },
        { key: 'id', title: t('member.idNumber'), dataIndex: 'idNumberMasked', render: (v: string | null) => <span className="sn-mono">{v}</span> },
        {
          key: 'file', title: '', render: (_, m) => (m.personId && can('registry.read') ? <Link to={`/casework/persons/${m.personId}/file`}>{t('casework.file.open')}</Link> : null),
        },
      ]}
    />
  );
}

function Items({ items }: { items: ItemView[] }) {
  const { t, pick } = useI18n();
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  const columns: TableProps<ItemView>['columns'] = [
    {
      key: 'kind', title: t('casework.items.kind'), width: 200,
      render: (_, i) => (
        <div>
          {can('items.read') ? <Link to={`/casework/items/${i.id}`} className="sn-strong">{pick(i.kindLabel.zh, i.kindLabel.en)}</Link> : <span className="sn-strong">{pick(i.kindLabel.zh, i.kindLabel.en)}</span>}
          {i.memberName && <div className="sn-muted sn-small">{i.memberName}</div>}
          {i.followOn && <Tag color="purple" className="sn-gap-top-sm">{t('casework.items.followOn')}</Tag>}
        </div>
      ),
    },
    { key: 'department', title: t('casework.items.department'), width: 150, render: (_, i) => (i.departmentLabel ? pick(i.departmentLabel.zh, i.departmentLabel.en) : i.department) },
    {
      key: 'status', title: t('casework.items.status'), width: 160,
      render: (_, i) => (
        <Space size={4} wrap>
          <ItemStatusTag status={i.status} />
          {i.procedure && !ITEM_FINAL_STATUSES.includes(i.status) && <span className="sn-small">{pick(i.procedure.stepLabel.zh, i.procedure.stepLabel.en)}</span>}
        </Space>
      ),
    },
    { key: 'due', title: t('casework.tasks.deadline'), width: 160, render: (_, i) => <Deadline facts={{ dueOn: i.dueOn, overdue: i.overdue, final: ITEM_FINAL_STATUSES.includes(i.status) }} /> },
    {
      key: 'decision', title: t('casework.items.decision'), responsive: screens.lg ? undefined : ['lg'],
      render: (_, i) => <DecisionText item={i} />,
    },
  ];
  return <Table<ItemView> rowKey="id" size="small" pagination={false} dataSource={items} columns={columns} scroll={{ x: 720 }} rowClassName={(i) => (i.overdue ? 'sn-row-overdue' : '')} data-testid="items-table" />;
}
