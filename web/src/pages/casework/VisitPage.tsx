// A recorded visit, as it was submitted: when, who visited and who was present, the findings, the disposition
// with what it started (payment decision, application, referral, follow-up task), and the attachments.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { caseworkApi, type VisitView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { ITEM_KIND_INFO } from '../../../../src/casework/domain/items';
import { DISPOSITION_LABELS, FINDING_SECTIONS } from '../../../../src/casework/domain/visit';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../format/date';
import { formatFen } from '../../format/money';
import { Loading, PageError } from '../../components/PageState';
import './casework.css';

type Disposition = { kind: string; items?: string[]; amountFen?: number; reason?: string; department?: string; why?: string; summary?: string; note?: string };

export default function VisitPage() {
  const id = Number(useParams().id);
  const visit = useRequest((signal) => caseworkApi.visit(id, signal), [id]);
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  if (visit.loading && !visit.data) return <Loading />;
  if (visit.error) return <PageError error={visit.error} onRetry={visit.reload} />;
  const v = visit.data!;
  const findings = FINDING_SECTIONS.filter((s) => (v.findings as Record<string, string>)?.[s]);
  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }}>{t(`casework.purpose.${v.purpose}` as MessageKey)} · {formatDate(v.visitedOn, locale)}</Typography.Title>
          <div className="sn-muted sn-gap-top-sm">{t('casework.visit.recordedBy', { who: v.recordedBy, at: formatDateTime(v.recordedAt, locale) })}</div>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          {v.taskId && <Button onClick={() => navigate(`/casework/tasks/${v.taskId}`)}>{t('casework.visit.openTask')}</Button>}
          {v.personId && <Button onClick={() => navigate(`/casework/persons/${v.personId}/file`)}>{t('casework.file.open')}</Button>}
        </Space>
      </div>
      <Card title={t('casework.visit.basics')} size="small" className="sn-gap-top">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'visitors', label: t('casework.visit.visitors'), children: (v.visitors as { name: string }[]).map((x) => x.name).join('、') },
          { key: 'present', label: t('casework.visit.present'), children: (v.present as { name: string; role: string }[]).map((p) => `${p.name}（${p.role}）`).join('、') },
        ]} />
      </Card>
      <Card title={t('casework.visit.findings')} size="small" className="sn-gap-top">
        <Descriptions size="small" column={1} bordered items={findings.map((s) => ({
          key: s, label: t(`casework.finding.${s}` as MessageKey), children: <span style={{ whiteSpace: 'pre-wrap' }}>{(v.findings as Record<string, string>)[s]}</span>,
        }))} />
      </Card>
      <Card title={t('casework.visit.disposition')} size="small" className="sn-gap-top">
        <DispositionView d={v.disposition as Disposition | null} outcome={v.outcome} />
      </Card>
      <Card title={t('casework.visit.attachments')} size="small" className="sn-gap-top">
        <List
          size="small"
          dataSource={v.attachments}
          locale={{ emptyText: t('casework.visit.noFiles') }}
          renderItem={(f) => (
            <List.Item>
              <a href={caseworkApi.fileUrl(f.id)} download={f.fileName}><PaperClipOutlined /> {f.fileName}</a>
              <span className="sn-muted sn-small">{Math.max(1, Math.round(f.sizeBytes / 1024))} KB</span>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

function DispositionView({ d, outcome }: { d: Disposition | null; outcome: VisitView['outcome'] }) {
  const { t, label, locale } = useI18n();
  if (!d) return <span className="sn-muted">{t('common.none')}</span>;
  const o = outcome as { decision?: { amountFen: number; payBy: string | null }; application?: { id: number; number: string }; referral?: { department: string; dueOn: string | null }; followUpTask?: { id: number; kind: string } } | null;
  const rows: { key: string; label: string; children: React.ReactNode }[] = [{ key: 'kind', label: t('casework.visit.dispositionKind'), children: <Tag color="blue">{label(DISPOSITION_LABELS, d.kind)}</Tag> }];
  if (d.items?.length) rows.push({ key: 'items', label: t('casework.visit.applyFor'), children: d.items.map((k) => label(ITEM_KIND_INFO, k)).join('、') });
  if (d.amountFen !== undefined) rows.push({ key: 'amount', label: t('casework.visit.amount'), children: formatFen(d.amountFen) });
  if (d.department) rows.push({ key: 'department', label: t('casework.visit.department'), children: label(DEPARTMENT_INFO, d.department) });
  for (const k of ['reason', 'why', 'summary', 'note'] as const) if (d[k]) rows.push({ key: k, label: t(`casework.visit.field.${k}` as MessageKey), children: d[k] });
  if (o?.decision?.payBy) rows.push({ key: 'payBy', label: t('casework.visit.payBy'), children: formatDate(o.decision.payBy, locale) });
  if (o?.application) rows.push({ key: 'app', label: t('casework.visit.doneApplication'), children: <Link to={`/casework/applications/${o.application.id}`}>{o.application.number}</Link> });
  if (o?.referral?.dueOn) rows.push({ key: 'refDue', label: t('casework.visit.referralDue'), children: formatDate(o.referral.dueOn, locale) });
  if (o?.followUpTask) rows.push({ key: 'follow', label: t('casework.visit.doneFollowUp'), children: <Link to={`/casework/tasks/${o.followUpTask.id}`}>{t(`casework.taskKind.${o.followUpTask.kind}` as MessageKey)}</Link> });
  return <Descriptions size="small" column={1} items={rows} />;
}
