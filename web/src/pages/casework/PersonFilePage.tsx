// 一人一档 (and the household's file): everything that happened to a person and their household — categories,
// warnings, tasks, visits, applications and every move of their items, decisions with amounts, referrals —
// newest first, with who did it, read from the records themselves (GET /persons/{id}/file). Filterable by kind
// (in the URL), printable (the print style drops the workbench around it).
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { caseworkApi, type FileEntry, type FileEntryKind, type HouseholdFile, type PersonFile } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { describeEntry, fileKindLabel, FILE_KINDS, groupByDay, KIND_COLOURS } from './timeline';
import './casework.css';

function kindsFrom(params: URLSearchParams): FileEntryKind[] {
  const raw = params.get('kinds');
  if (!raw) return [];
  return raw.split(',').filter((k): k is FileEntryKind => (FILE_KINDS as readonly string[]).includes(k));
}

export default function PersonFilePage() {
  const id = Number(useParams().id);
  const household = useLocation().pathname.includes('/households/');
  const [params, setParams] = useSearchParams();
  const kinds = kindsFrom(params);
  const i18n = useI18n();
  const { t, locale } = i18n;
  const me = useMe();
  const navigate = useNavigate();
  const query = { kinds: kinds.length ? kinds.join(',') : undefined, limit: 1000 };
  const file = useRequest<PersonFile | HouseholdFile>(
    (signal) => (household ? caseworkApi.householdFile(id, query, signal) : caseworkApi.personFile(id, query, signal)),
    [id, household, params.toString()],
  );

  const setKinds = (next: FileEntryKind[]) => {
    const p = new URLSearchParams(params);
    if (next.length && next.length < FILE_KINDS.length) p.set('kinds', next.join(','));
    else p.delete('kinds');
    setParams(p, { replace: true });
  };

  if (file.loading && !file.data) return <Loading />;
  if (file.error) return <PageError error={file.error} onRetry={file.reload} />;
  const data = file.data!;
  const person = 'person' in data ? data.person : null;
  const hh = 'household' in data ? data.household : null;
  const title = person ? t('casework.file.personTitle', { name: person.name }) : t('casework.file.householdTitle', { address: hh?.address ?? '' });

  return (
    <div className="sn-page sn-cw-file-print">
      <div className="sn-cw-print-only">
        <Typography.Title level={4}>{t('app.name')} · {title}</Typography.Title>
        <div>{t('casework.file.printedBy', { who: me.displayName, at: formatDateTime(new Date().toISOString(), locale) })}</div>
      </div>
      <div className="sn-page-head sn-cw-no-print">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="file-title">{title}</Typography.Title>
          <div className="sn-muted sn-gap-top-sm">{t('casework.file.subtitle')}</div>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          <Button icon={<ReloadOutlined />} onClick={file.reload} aria-label={t('action.refresh')} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-file">{t('casework.file.print')}</Button>
        </Space>
      </div>

      <Card size="small" className="sn-gap-top">
        {person && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 'name', label: t('member.name'), children: <strong>{person.name}</strong> },
            { key: 'id', label: t('member.idNumber'), children: <span className="sn-mono">{person.idNumberMasked}</span> },
            {
              key: 'hh', label: t('casework.file.household'),
              children: (
                <Space size={12} wrap>
                  <Link to={`/registry/households/${person.householdId}`}>{t('casework.task.household')}</Link>
                  <Link to={`/casework/households/${person.householdId}/file`} className="sn-cw-no-print">{t('casework.file.householdFile')}</Link>
                </Space>
              ),
            },
          ]} />
        )}
        {hh && (
          <Descriptions size="small" column={1} items={[
            { key: 'address', label: t('household.address'), children: <Link to={`/registry/households/${hh.id}`}>{hh.address}</Link> },
            {
              key: 'members', label: t('casework.file.members'),
              children: (
                <Space size={[12, 4]} wrap>
                  {hh.members.map((m) => <Link key={m.id} to={`/casework/persons/${m.id}/file`}>{m.name}</Link>)}
                </Space>
              ),
            },
          ]} />
        )}
      </Card>

      <Card size="small" className="sn-gap-top sn-cw-no-print">
        <Space wrap align="center">
          <span className="sn-strong">{t('casework.file.filter')}</span>
          <Checkbox.Group
            value={kinds.length ? kinds : [...FILE_KINDS]}
            onChange={(v) => setKinds(v as FileEntryKind[])}
            options={FILE_KINDS.map((k) => ({ value: k, label: fileKindLabel(i18n, k) }))}
            data-testid="file-filter"
          />
          {kinds.length > 0 && <Button type="link" onClick={() => setKinds([])}>{t('casework.file.all')}</Button>}
        </Space>
      </Card>

      <Card size="small" className="sn-gap-top" title={t('casework.file.entries', { n: data.entries.length })}>
        {data.entries.length === 0 ? <EmptyState description={t('casework.file.empty')} /> : <FileTimeline entries={data.entries} />}
      </Card>
    </div>
  );
}

function FileTimeline({ entries }: { entries: FileEntry[] }) {
  const i18n = useI18n();
  const { locale } = i18n;
  return (
    <div data-testid="file-timeline">
      {groupByDay(entries).map((g) => (
        <section key={g.day} className="sn-gap">
          <h4 className="sn-cw-file-day">{formatDate(g.day, locale)}</h4>
          <Timeline
            items={g.entries.map((e, i) => {
              const text = describeEntry(e, i18n);
              return {
                key: `${e.kind}-${e.action}-${e.refId}-${i}`,
                color: KIND_COLOURS[e.kind] === 'red' ? 'red' : KIND_COLOURS[e.kind] === 'green' ? 'green' : 'blue',
                content: (
                  <div className="sn-cw-entry" data-testid="file-entry" data-kind={e.kind} data-action={e.action}>
                    <div className="sn-cw-entry-head">
                      <Tag color={KIND_COLOURS[e.kind]}>{fileKindLabel(i18n, e.kind)}</Tag>
                      {text.link ? <Link to={text.link} className="sn-cw-entry-title">{text.title}</Link> : <span className="sn-cw-entry-title">{text.title}</span>}
                      <span className="sn-muted sn-small">
                        {[e.actor && e.actor !== 'system' ? e.actor : e.actor === 'system' ? i18n.t('casework.file.system') : null, e.at ? formatDateTime(e.at, locale) : null].filter(Boolean).join(' · ')}
                      </span>
                    </div>
                    {text.details.length > 0 && (
                      <ul className="sn-cw-entry-details">{text.details.map((d, j) => <li key={j}>{d}</li>)}</ul>
                    )}
                  </div>
                ),
              };
            })}
          />
        </section>
      ))}
    </div>
  );
}
