// 工作日历: the working-day calendar every time limit is counted on. A province administrator sees the years
// known (official data shipped with the platform, years declared from the State Council's notice, local
// adjustments), looks at a year's days off and make-up working days, and declares a year or adjusts one.
// Until the next year is declared, deadlines that run into it cannot be computed (docs/calendar.md).
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CalendarOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client';
import { calendarApi, type CalendarDay, type CalendarOverview } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { clearAllErrors, clearStaleErrors, placeErrors, reported } from '../../components/form-errors';
import { plainDateItem } from '../../components/form-items';
import {
  calendarErrorPath, dayTone, DAY_KINDS, formToRequest, knownYears, MAX_SPAN_DAYS, mergeEntries, monthWeeks, spanEntries, specialDays,
  weekdayIndex, yearToForm, type CalendarFormValues, type DayKind, type KnownYear,
} from './calendar-form';
import './casework.css';

const currentYear = () => Number(todayInChina().slice(0, 4));

export default function CalendarPage() {
  const { t } = useI18n();
  const overview = useRequest((signal) => calendarApi.overview(signal), []);
  const [viewYear, setViewYear] = useState<number>(currentYear);
  const [editing, setEditing] = useState<number | null>(null);
  // Saving a year changes its days: the year view asks again.
  const [saves, setSaves] = useState(0);

  if (overview.error) return <div className="sn-page"><PageError error={overview.error} onRetry={overview.reload} /></div>;
  if (!overview.data) return <Loading />;
  const data = overview.data;
  const nextYear = currentYear() + 1;

  return (
    <div className="sn-page sn-cw-calendar">
      <div className="sn-page-head sn-gap">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('casework.calendar.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={overview.reload}>{t('action.refresh')}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t('casework.calendar.intro')}</Typography.Paragraph>
      {!data.coveredYears.includes(nextYear) && editing === null && (
        <Alert type="warning" showIcon className="sn-gap" data-testid="next-year-missing" title={t('casework.calendar.missingNext', { year: nextYear })}
          action={<Button size="small" type="primary" onClick={() => setEditing(nextYear)}>{t('casework.calendar.enterYear', { year: nextYear })}</Button>} />
      )}
      {editing !== null && (
        <YearEditor
          key={editing} year={editing} overview={data} onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            overview.setData(saved);
            setViewYear(editing);
            setEditing(null);
            setSaves((n) => n + 1);
          }}
        />
      )}
      <YearsCard overview={data} onView={setViewYear} onEdit={setEditing} editing={editing} />
      <YearView year={viewYear} years={knownYears(data).map((y) => y.year)} onYear={setViewYear} version={saves} />
    </div>
  );
}

function YearsCard({ overview, onView, onEdit, editing }: { overview: CalendarOverview; onView: (y: number) => void; onEdit: (y: number) => void; editing: number | null }) {
  const { t, locale } = useI18n();
  const years = useMemo(() => knownYears(overview), [overview]);
  const [newYear, setNewYear] = useState<number | null>(() => Math.max(currentYear(), ...overview.coveredYears) + 1);

  const columns: TableProps<KnownYear>['columns'] = [
    {
      key: 'year', title: t('casework.calendar.year'), width: 100,
      render: (_, y) => <Button type="link" className="sn-cw-cal-year" onClick={() => onView(y.year)}>{t('casework.calendar.yearN', { year: y.year })}</Button>,
    },
    {
      key: 'source', title: t('casework.calendar.source'), width: 190,
      render: (_, y) => (
        <Space size={4} wrap>
          {y.official && <Tag color="blue">{t('casework.calendar.source.official')}</Tag>}
          {y.declared && <Tag color="green">{t('casework.calendar.source.declared')}</Tag>}
          {!y.official && !y.declared && <Tag color="orange">{t('casework.calendar.source.local')}</Tag>}
          {!y.covered && <Tag color="red">{t('casework.calendar.notCovered')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'notice', title: t('casework.calendar.notice'),
      render: (_, y) => (
        <div>
          {y.official && (
            <div>
              <a href={y.official.url} target="_blank" rel="noreferrer">{y.official.number}</a>
              <div className="sn-muted sn-small">{y.official.title} · {formatDate(y.official.issuedOn, locale)}</div>
            </div>
          )}
          {y.declared && <div data-testid="declared-notice">{y.declared.notice || '—'}</div>}
          {!y.official && !y.declared && <span className="sn-muted">—</span>}
        </div>
      ),
    },
    {
      key: 'by', title: t('casework.calendar.declaredBy'), width: 190,
      render: (_, y) => (y.declared
        ? <span data-testid="declared-by">{y.declared.declaredBy ?? '—'}<div className="sn-muted sn-small">{formatDate(y.declared.declaredOn, locale)}</div></span>
        : <span className="sn-muted">—</span>),
    },
    { key: 'overrides', title: t('casework.calendar.overrides'), width: 130, render: (_, y) => t('casework.calendar.overrideCount', { n: y.overrides }) },
    {
      key: 'actions', title: '', width: 130, fixed: 'right',
      render: (_, y) => (
        <Space size={4}>
          <Button size="small" onClick={() => onView(y.year)}>{t('casework.calendar.view')}</Button>
          <Button size="small" disabled={editing !== null} onClick={() => onEdit(y.year)} data-testid={`edit-${y.year}`}>{t('casework.calendar.edit')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small" className="sn-gap" title={t('casework.calendar.years')}
      extra={(
        <Space.Compact>
          <InputNumber aria-label={t('casework.calendar.newYear')} min={2000} max={2200} precision={0} value={newYear} onChange={(v) => setNewYear(v)} style={{ width: '7em' }} data-testid="new-year" />
          <Button icon={<PlusOutlined />} disabled={editing !== null || !newYear} onClick={() => newYear && onEdit(newYear)} data-testid="open-year">{t('casework.calendar.newYear')}</Button>
        </Space.Compact>
      )}
    >
      <Table<KnownYear> rowKey="year" size="middle" dataSource={years} columns={columns} pagination={false} scroll={{ x: 880 }} data-testid="calendar-years" />
    </Card>
  );
}

function YearView({ year, years, onYear, version }: { year: number; years: number[]; onYear: (y: number) => void; version: number }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'grid' | 'list'>('grid');
  const days = useRequest((signal) => calendarApi.days({ from: `${year}-01-01`, to: `${year}-12-31` }, signal), [year, version]);
  const options = [...new Set([...years, year])].sort((a, b) => a - b);
  const uncovered = days.data?.some((d) => !d.covered) ?? false;

  return (
    <Card
      size="small" data-testid="year-view"
      title={<span><CalendarOutlined /> {t('casework.calendar.yearView', { year })}</span>}
      extra={(
        <Space wrap>
          <Segmented value={year} onChange={(v) => onYear(Number(v))} options={options.map((y) => ({ value: y, label: String(y) }))} data-testid="view-year" />
          <Segmented value={mode} onChange={(v) => setMode(v as typeof mode)} options={[{ value: 'grid', label: t('casework.calendar.grid') }, { value: 'list', label: t('casework.calendar.list') }]} data-testid="view-mode" />
        </Space>
      )}
    >
      {days.error ? <PageError error={days.error} onRetry={days.reload} /> : !days.data || days.loading ? <Loading /> : (
        <>
          {uncovered && <Alert type="warning" showIcon className="sn-gap" title={t('casework.calendar.uncoveredYear', { year })} />}
          {mode === 'grid' ? <MonthGrid year={year} days={days.data} /> : <SpecialDayList days={days.data} />}
        </>
      )}
    </Card>
  );
}

function MonthGrid({ year, days }: { year: number; days: CalendarDay[] }) {
  const { t } = useI18n();
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const months = t('casework.calendar.months').split(',');
  const weekdays = t('casework.calendar.weekdays').split(',');
  const marks: Partial<Record<string, string>> = { holiday: t('casework.calendar.mark.holiday'), workday: t('casework.calendar.mark.workday') };
  return (
    <>
      <div className="sn-cw-cal-legend">
        {(['holiday', 'workday', 'weekend', 'uncovered'] as const).map((tone) => (
          <span key={tone}><span className={`sn-cw-cal-swatch sn-cw-cal-${tone}`} /> {t(`casework.calendar.legend.${tone}`)}</span>
        ))}
      </div>
      <div className="sn-cw-cal-months" data-testid="month-grid">
        {months.map((label, i) => (
          <div key={label} className="sn-cw-cal-month" data-month={i + 1}>
            <div className="sn-cw-cal-month-name">{label}</div>
            <div className="sn-cw-cal-week sn-cw-cal-weekdays">{weekdays.map((w) => <span key={w}>{w}</span>)}</div>
            {monthWeeks(year, i + 1).map((week, w) => (
              <div key={w} className="sn-cw-cal-week">
                {week.map((date, c) => {
                  if (!date) return <span key={c} />;
                  const day = byDate.get(date);
                  const tone = day ? dayTone(day) : 'uncovered';
                  const name = day && 'name' in day ? day.name : undefined;
                  return (
                    <span key={date} className={`sn-cw-cal-day sn-cw-cal-${tone}`} data-date={date} data-tone={tone} title={name ? `${date} ${name}` : date}>
                      {Number(date.slice(8))}
                      {marks[tone] && <small className="sn-cw-cal-mark">{marks[tone]}</small>}
                    </span>
                  );
                })}
              </div>
            ))}
          </div>
        ))}
      </div>
    </>
  );
}

function SpecialDayList({ days }: { days: CalendarDay[] }) {
  const { t, locale } = useI18n();
  const weekdays = t('casework.calendar.weekdays').split(',');
  const rows = specialDays(days);
  const columns: TableProps<CalendarDay>['columns'] = [
    { key: 'date', title: t('casework.calendar.date'), width: 150, render: (_, d) => formatDate(d.date, locale) },
    { key: 'weekday', title: t('casework.calendar.weekday'), width: 80, render: (_, d) => t('casework.calendar.weekdayOf', { d: weekdays[weekdayIndex(d.date)] }) },
    {
      key: 'kind', title: t('casework.calendar.kind'), width: 130,
      render: (_, d) => (d.working ? <Tag color="orange">{t('casework.calendar.kind.workday')}</Tag> : <Tag color="red">{t('casework.calendar.kind.holiday')}</Tag>),
    },
    { key: 'name', title: t('casework.calendar.name'), render: (_, d) => ('name' in d ? d.name : '') },
    { key: 'source', title: t('casework.calendar.source'), width: 170, render: (_, d) => (d.source ? t(`casework.calendar.daySource.${d.source}` as MessageKey) : '') },
  ];
  return (
    <Table<CalendarDay>
      rowKey="date" size="small" dataSource={rows} columns={columns} pagination={false} scroll={{ x: 640 }} data-testid="special-days"
      locale={{ emptyText: <EmptyState description={t('casework.calendar.noSpecial')} /> }}
    />
  );
}

function YearEditor({ year, overview, onSaved, onCancel }: { year: number; overview: CalendarOverview; onSaved: (saved: CalendarOverview) => void; onCancel: () => void }) {
  const { t, pick, errorText, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CalendarFormValues>();
  // The stored list when the editor opened: a later reload of the overview must not reset what is being typed.
  const [initial] = useState(() => yearToForm(year, overview));
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const complete = Form.useWatch('complete', form) ?? initial.complete;
  const entries = Form.useWatch('entries', form) ?? initial.entries;
  const [span, setSpan] = useState<{ from: string | null; days: number | null; kind: DayKind; name: string }>({ from: null, days: null, kind: 'holiday', name: '' });
  const [spanProblem, setSpanProblem] = useState(false);
  const weekdays = t('casework.calendar.weekdays').split(',');
  const dateFormat = DATE_INPUT_FORMATS[locale];
  const firstOfYear = dayjs(`${year}-01-01`);
  const kindOptions = DAY_KINDS.map((k) => ({ value: k, label: t(`casework.calendar.kind.${k}`) }));

  const addSpan = () => {
    const added = spanEntries(span.from, span.days, span.kind, span.name);
    setSpanProblem(added.length === 0);
    if (!added.length) return;
    // Rows move when sorted: errors placed by row number would then sit under the wrong day.
    clearAllErrors(form);
    form.setFieldsValue({ entries: mergeEntries(form.getFieldValue('entries') ?? [], added) });
    setSpan({ from: null, days: null, kind: span.kind, name: span.name });
    message.success(t('casework.calendar.spanAdded', { n: added.length }));
  };

  const save = async () => {
    setProblems([]);
    clearAllErrors(form);
    setBusy(true);
    try {
      const saved = await calendarApi.putYear(formToRequest({ ...(form.getFieldsValue(true) as CalendarFormValues), year }));
      message.success(t('casework.calendar.saved', { year }));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setProblems(placeErrors(form, reported(e.fields), calendarErrorPath, pick));
      else setProblems([errorText(e)]);
    } finally {
      setBusy(false);
    }
  };

  const holidays = entries.filter((e) => e?.kind === 'holiday').length;
  const workdays = entries.filter((e) => e?.kind === 'workday').length;

  return (
    <Card size="small" className="sn-gap sn-cw-cal-editor" title={t('casework.calendar.editTitle', { year })} data-testid="calendar-editor">
      {problems.length > 0 && (
        <Alert type="error" showIcon className="sn-gap" data-testid="editor-problems" title={<ul className="sn-error-list">{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={(changed) => clearStaleErrors(form, changed)} onFinish={() => void save()}>
        <Form.Item name="complete" label={t('casework.calendar.scope')} extra={t(complete ? 'casework.calendar.scopeHelp.complete' : 'casework.calendar.scopeHelp.local')}>
          <Radio.Group optionType="button" options={[
            { value: true, label: t('casework.calendar.scope.complete') },
            { value: false, label: t('casework.calendar.scope.local') },
          ]} />
        </Form.Item>
        <Form.Item name="notice" label={t('casework.calendar.noticeLabel')} rules={[{ required: complete, whitespace: true, message: t('casework.calendar.noticeRequired') }]}>
          <Input maxLength={200} placeholder={t('casework.calendar.noticePlaceholder')} />
        </Form.Item>

        <div className="sn-cw-cal-span" data-testid="span-adder">
          <div className="sn-strong">{t('casework.calendar.span')}</div>
          <div className="sn-muted sn-small sn-gap-top-sm">{t('casework.calendar.spanHelp')}</div>
          <div className="sn-cw-cal-span-fields">
            <DatePicker
              aria-label={t('casework.calendar.spanFrom')} placeholder={t('casework.calendar.spanFrom')} format={dateFormat} defaultPickerValue={firstOfYear}
              value={span.from ? dayjs(span.from) : null} onChange={(d) => setSpan({ ...span, from: d ? d.format('YYYY-MM-DD') : null })} data-testid="span-from"
            />
            <InputNumber
              aria-label={t('casework.calendar.spanDays')} placeholder={t('casework.calendar.spanDays')} min={1} max={MAX_SPAN_DAYS} precision={0}
              value={span.days} onChange={(v) => setSpan({ ...span, days: v })} suffix={locale === 'en' ? undefined : '天'} data-testid="span-days"
            />
            <Radio.Group optionType="button" options={kindOptions} value={span.kind} onChange={(e) => setSpan({ ...span, kind: e.target.value })} data-testid="span-kind" />
            <Input aria-label={t('casework.calendar.name')} placeholder={t('casework.calendar.name')} maxLength={50} value={span.name} onChange={(e) => setSpan({ ...span, name: e.target.value })} data-testid="span-name" />
            <Button icon={<PlusOutlined />} onClick={addSpan} data-testid="span-add">{t('casework.calendar.spanAdd')}</Button>
          </div>
          {spanProblem && <div className="ant-form-item-explain-error sn-gap-top-sm">{t('casework.calendar.spanIncomplete')}</div>}
        </div>

        <div className="sn-page-head sn-gap-top">
          <div className="sn-strong">{t('casework.calendar.entries')} <span className="sn-muted sn-small" data-testid="entry-summary">{t('casework.calendar.summary', { holidays, workdays })}</span></div>
        </div>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <div className="sn-cw-cal-rows" data-testid="entries">
              {fields.length === 0 && <div className="sn-muted">{t('casework.calendar.noEntries')}</div>}
              {fields.map((field, i) => {
                const date = entries[i]?.date;
                return (
                  <div key={field.key} className="sn-cw-cal-row" data-testid={`entry-${i}`}>
                    <Form.Item name={[field.name, 'date']} {...plainDateItem} rules={[{ required: true, message: t('casework.calendar.dateRequired') }]}
                      extra={date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? t('casework.calendar.weekdayOf', { d: weekdays[weekdayIndex(date)] }) : undefined}>
                      <DatePicker aria-label={t('casework.calendar.date')} format={dateFormat} defaultPickerValue={firstOfYear} className="sn-full-width" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                      <Radio.Group optionType="button" options={kindOptions} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('casework.calendar.nameRequired') }]}>
                      <Input aria-label={t('casework.calendar.name')} placeholder={t('casework.calendar.name')} maxLength={50} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => { clearAllErrors(form); remove(field.name); }} />
                  </div>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday', name: '' })} data-testid="add-row">{t('casework.calendar.addRow')}</Button>
            </div>
          )}
        </Form.List>

        <Typography.Paragraph type="secondary" className="sn-gap-top">{t('casework.calendar.replaceHint')}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-year">{t('action.save')}</Button>
          <Button onClick={onCancel}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
