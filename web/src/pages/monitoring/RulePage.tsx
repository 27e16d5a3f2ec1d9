// One rule: what it does (the version in force for the place, in words, with its parameters), the editor for
// accounts with rules.edit (typed inputs: amounts in yuan, months, lists as choices; the server's field errors
// land on their field; 预览 counts who would fire without writing anything; 保存 makes a new version), and
// every version with its region and dates. City and province accounts choose the region a version is for.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Result, Row, Select, Space, Switch, Table, Tag, Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { APPLIES_TO, APPLIES_TO_LABELS, LEVELS, LEVEL_LABELS } from '../../../../src/monitoring/rule-types';
import { ApiError, type FieldError } from '../../api/client';
import { monitoringApi, type ParamSpecView, type PreviewResult, type RuleDetail, type VersionView } from '../../api/monitoring';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, formatDateTime } from '../../format/date';
import { formatFen } from '../../format/money';
import { EmptyState, Loading, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { clearStaleErrors, groupErrors, setFieldErrors } from '../../components/form-errors';
import { plainDateItem } from '../../components/form-items';
import { FieldPair, LevelTag, ScenarioText, useMs } from './monitoring-ui';
import { ParamValueText, useParamText } from './ParamValueText';
import { errorFieldPath, formToInput, integerChoices, paramsToForm, previewInput, type RuleFormValues } from './rule-form';

export default function RulePage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || undefined;
  const { t, pick } = useI18n();
  const { can } = useSession();
  const rule = useRequest((signal) => monitoringApi.rule(code, region, signal), [code, region]);

  if (rule.loading && !rule.data) return <Loading />;
  if (rule.error) {
    if (rule.error instanceof ApiError && rule.error.status === 404) {
      return <Result status="404" title={t('monitoring.rule.notFound')} extra={<Link to="/rules">{t('monitoring.rule.backToList')}</Link>} />;
    }
    return <PageError error={rule.error} onRetry={rule.reload} />;
  }
  const r = rule.data!;
  const editable = r.canEdit && can('rules.edit');

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="rule-title">{pick(r.name, r.nameEn)}</Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <Tag className="sn-mono">{r.code}</Tag>
            <Tag><ScenarioText scenario={r.scenario} /></Tag>
            <Tag>{r.subject === 'household' ? t('monitoring.subject.household') : t('monitoring.subject.person')}</Tag>
            {r.inForce && <LevelTag level={r.inForce.level} />}
            {r.inForce && !r.inForce.enabled && <Tag>{t('monitoring.rule.disabled')}</Tag>}
          </Space>
        </div>
        <Space wrap>
          <Link to="/rules"><Button icon={<ArrowLeftOutlined />}>{t('monitoring.rule.backToList')}</Button></Link>
          <Button icon={<ReloadOutlined />} onClick={rule.reload} aria-label={t('action.refresh')} />
        </Space>
      </div>

      <Card title={t('monitoring.rule.inForceTitle')} size="small" className="sn-gap-top" data-testid="in-force-card">
        <InForce rule={r} />
      </Card>

      {editable && r.inForce && (
        <Editor
          key={`${r.code}:${region ?? ''}:${r.inForce.id}`}
          rule={r}
          region={region}
          onRegion={(code) => setParams(code ? { region: code } : {})}
          onSaved={rule.reload}
        />
      )}

      <Card title={t('monitoring.rule.history', { n: r.versions.length })} size="small" className="sn-gap-top">
        <History rule={r} />
      </Card>
    </div>
  );
}

function InForce({ rule }: { rule: RuleDetail }) {
  const { t, pick, label, locale } = useI18n();
  const v = rule.inForce;
  if (!v) return <EmptyState description={t('monitoring.rule.noVersion')} />;
  return (
    <>
      <Typography.Paragraph data-testid="in-force-explanation">{pick(v.explanation.zh, v.explanation.en)}</Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'version', label: t('monitoring.rule.version'), children: <span data-testid="in-force-version">{t('monitoring.rule.versionN', { n: v.version })} · {v.regionName}</span> },
          { key: 'from', label: t('monitoring.rule.effective'), children: effectiveText(v, { t, locale }) },
          { key: 'appliesTo', label: t('monitoring.rule.appliesTo'), children: label(APPLIES_TO_LABELS, v.appliesTo) },
          { key: 'feeds', label: t('monitoring.rule.feeds'), children: rule.feeds.map((f) => `${f.name}（${f.department}）`).join('、') },
          ...rule.params.map((p) => ({ key: `p:${p.key}`, label: pick(p.label, p.labelEn), children: <ParamValueText spec={p} value={v.params[p.key]} /> })),
        ]}
      />
    </>
  );
}

function effectiveText(v: Pick<VersionView, 'effectiveFrom' | 'effectiveTo'>, { t, locale }: Pick<ReturnType<typeof useI18n>, 't' | 'locale'>) {
  const from = formatDate(v.effectiveFrom, locale);
  return v.effectiveTo ? t('monitoring.rule.fromTo', { from, to: formatDate(v.effectiveTo, locale) }) : t('monitoring.rule.fromOpen', { from });
}

/** The editor of a new version for a region, starting from the version in force there. */
function Editor({ rule, region, onRegion, onSaved }: { rule: RuleDetail; region?: string; onRegion: (code?: string) => void; onSaved: () => void }) {
  const { t, pick, label, errorText, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const base = rule.inForce!;
  const initial: RuleFormValues = {
    regionCode: region ?? null,
    params: paramsToForm(rule.params, base.params),
    level: base.level,
    enabled: base.enabled,
    appliesTo: base.appliesTo,
    effectiveFrom: null,
    effectiveTo: null,
    note: '',
  };

  const showErrors = (fields: FieldError[]) => {
    const { fields: onForm, general: elsewhere } = groupErrors(fields, (field) => errorFieldPath(field, rule.params), pick);
    setFieldErrors(form, onForm);
    setProblems(elsewhere);
    if (onForm.length) form.scrollToField(onForm[0].name, { block: 'center' });
  };

  const run = async (kind: 'preview' | 'save') => {
    setProblems([]);
    setConflict(null);
    const values = form.getFieldsValue(true) as RuleFormValues;
    const input = formToInput(rule.params, values, region ?? undefined, kind === 'save' ? base.version : undefined);
    setBusy(kind);
    try {
      if (kind === 'preview') {
        setPreview(await monitoringApi.previewRule(rule.code, previewInput(input)));
      } else {
        const saved = await monitoringApi.saveRule(rule.code, input);
        message.success(t('monitoring.rule.saved', { n: saved.version, region: saved.regionName }));
        setPreview(null);
        onSaved();
      }
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) showErrors(e.fields);
      else if (e instanceof ApiError && e.status === 409) setConflict(errorText(e));
      else setProblems([errorText(e)]);
    } finally {
      setBusy(null);
    }
  };

  const household = rule.subject === 'household';
  const dateFormat = DATE_INPUT_FORMATS[locale];
  const regionText = region ? base.regionName : me.regionLevel === 1 ? t('monitoring.rule.provinceDefault') : me.regionName;

  return (
    <Card title={t('monitoring.rule.editTitle')} size="small" className="sn-gap-top" data-testid="rule-editor">
      <Typography.Paragraph type="secondary">{t('monitoring.rule.editIntro')}</Typography.Paragraph>
      {conflict && (
        <Alert type="warning" showIcon className="sn-gap" title={conflict} action={<Button size="small" onClick={onSaved}>{t('monitoring.rule.reload')}</Button>} />
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon className="sn-gap" title={<ul className="sn-error-list">{problems.map((p) => <li key={p}>{p}</li>)}</ul>} data-testid="editor-problems" />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={(changed) => clearStaleErrors(form, changed)} onFinish={() => run('save')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('monitoring.rule.editRegion')} extra={t('monitoring.rule.editRegionHelp')}>
              {me.regionLevel <= 2 ? (
                <RegionPicker onChange={(code) => onRegion(code)} placeholder={regionText} aria-label={t('monitoring.rule.editRegion')} />
              ) : (
                <StaticText text={me.regionName} />
              )}
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {rule.params.map((spec) => (
            <Col xs={24} md={12} xl={8} key={spec.key}>
              <ParamItem spec={spec} />
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="level" label={t('monitoring.rule.level')}>
              <Select options={LEVELS.map((l) => ({ value: l, label: label(LEVEL_LABELS, l) }))} aria-label={t('monitoring.rule.level')} data-testid="edit-level" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="appliesTo" label={t('monitoring.rule.appliesTo')} extra={household ? t('monitoring.rule.householdOnly') : undefined}>
              <Select options={APPLIES_TO.map((a) => ({ value: a, label: label(APPLIES_TO_LABELS, a), disabled: household && a !== 'monitored' }))} aria-label={t('monitoring.rule.appliesTo')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} xl={4}>
            <Form.Item name="enabled" label={t('monitoring.rule.enabled')} valuePropName="checked">
              <Switch checkedChildren={t('monitoring.rule.on')} unCheckedChildren={t('monitoring.rule.off')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={9} xl={4}>
            <Form.Item name="effectiveFrom" label={t('monitoring.rule.effectiveFrom')} {...plainDateItem}>
              <DatePicker format={dateFormat} placeholder={t('monitoring.rule.today')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={9} xl={4}>
            <Form.Item name="effectiveTo" label={t('monitoring.rule.effectiveTo')} {...plainDateItem}>
              <DatePicker format={dateFormat} placeholder={t('monitoring.rule.open')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('monitoring.rule.note')}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('monitoring.rule.notePlaceholder')} />
        </Form.Item>
        <div className="sn-form-actions">
          <Space wrap>
            <Button icon={<EyeOutlined />} loading={busy === 'preview'} disabled={busy === 'save'} onClick={() => run('preview')} data-testid="preview-button">
              {t('monitoring.rule.preview')}
            </Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy === 'preview'} data-testid="save-button">
              {t('monitoring.rule.save', { n: Math.max(...rule.versions.map((v) => v.version), 0) + 1 })}
            </Button>
            <Button onClick={() => { form.resetFields(); setProblems([]); setPreview(null); }}>{t('action.reset')}</Button>
          </Space>
        </div>
      </Form>
      {preview && <PreviewView preview={preview} rule={rule} />}
    </Card>
  );
}

/** A form control that only shows its text (a county edits its own county only). */
function StaticText({ text }: { text: string; value?: unknown; onChange?: unknown }) {
  return <div className="sn-static-field" data-testid="edit-region">{text}</div>;
}

function rangeText(spec: ParamSpecView, t: ReturnType<typeof useI18n>['t'], pick: (zh: string, en: string) => string): string | null {
  switch (spec.type) {
    case 'money':
      return t('monitoring.param.rangeMoney', { min: formatFen(spec.min), max: formatFen(spec.max) });
    case 'integer':
      return t('monitoring.param.range', { min: spec.min, max: spec.max, unit: pick(spec.unit, spec.unitEn) });
    case 'decimal':
      return t('monitoring.param.rangeDecimal', { min: spec.min, max: spec.max, d: spec.decimals });
    default:
      return null;
  }
}

/** One parameter with the input its type calls for. */
function ParamItem({ spec }: { spec: ParamSpecView }) {
  const { t, pick } = useI18n();
  const name = ['params', spec.key];
  const labelText = pick(spec.label, spec.labelEn);
  const extra = [spec.help, rangeText(spec, t, pick)].filter(Boolean).join(' ');
  const common = { name, label: labelText, extra: extra ? <span className="sn-param-extra">{extra}</span> : undefined };
  const testId = `param-${spec.key}`;
  switch (spec.type) {
    case 'money':
      return (
        <Form.Item {...common}>
          <InputNumber precision={2} step={100} suffix={t('monitoring.param.yuan')} className="sn-full-width" aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
    case 'integer':
      return (
        <Form.Item {...common}>
          <InputNumber precision={0} suffix={pick(spec.unit, spec.unitEn)} className="sn-full-width" aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
    case 'decimal':
      return (
        <Form.Item {...common}>
          <InputNumber step={0.1} className="sn-full-width" aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch checkedChildren={t('monitoring.yes')} unCheckedChildren={t('monitoring.no')} aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
    case 'codeList':
      return (
        <Form.Item {...common}>
          <Select mode="multiple" allowClear options={spec.values.map((v) => ({ value: v.code, label: pick(v.label, v.labelEn) }))} aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
    case 'integerList': {
      const choices = integerChoices(spec);
      return (
        <Form.Item {...common}>
          <Select
            mode={choices ? 'multiple' : 'tags'}
            allowClear
            options={choices?.map((n) => ({ value: n, label: String(n) }))}
            aria-label={labelText}
            data-testid={testId}
          />
        </Form.Item>
      );
    }
    case 'textList':
      return (
        <Form.Item {...common} extra={<span className="sn-param-extra">{t('monitoring.param.tagsHelp')}</span>}>
          <Select mode="tags" allowClear tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} aria-label={labelText} data-testid={testId} />
        </Form.Item>
      );
  }
}

function PreviewView({ preview, rule }: { preview: PreviewResult; rule: RuleDetail }) {
  const { t, locale } = useI18n();
  const ms = useMs();
  const unit = rule.subject === 'household' ? t('monitoring.preview.households') : t('monitoring.preview.people');
  const p = preview.proposed;
  return (
    <Card type="inner" size="small" className="sn-gap-top" title={t('monitoring.preview.title', { region: preview.regionName })} data-testid="preview-result">
      {!p.enabled && <Alert type="info" showIcon className="sn-gap" title={t('monitoring.preview.disabled')} />}
      <div className="sn-preview-numbers">
        <div>
          <div className="sn-muted sn-small">{t('monitoring.preview.proposed')}</div>
          <div className="sn-level-card-count" data-testid="preview-count">{p.subjects.toLocaleString('en-US')}</div>
          <div className="sn-small">{unit}</div>
        </div>
        <div>
          <div className="sn-muted sn-small">{t('monitoring.preview.current', { n: preview.current.version })}</div>
          <div className="sn-level-card-count" data-testid="preview-current">{preview.current.subjects.toLocaleString('en-US')}</div>
          <div className="sn-small">{unit}</div>
        </div>
        <div>
          <div className="sn-muted sn-small">{t('monitoring.preview.split')}</div>
          <div>{t('monitoring.preview.monitored', { n: p.monitored })}</div>
          <div>{t('monitoring.preview.discovery', { n: p.discovery })}</div>
        </div>
        <div>
          <div className="sn-muted sn-small">{t('monitoring.preview.more')}</div>
          <div>{t('monitoring.preview.householdsN', { n: p.households })}</div>
          <div>{t('monitoring.preview.alreadyOpen', { n: p.alreadyOpen })}</div>
        </div>
        <div>
          <div className="sn-muted sn-small">{t('monitoring.preview.took')}</div>
          <div className="sn-strong" data-testid="preview-duration">{ms(preview.durationMs)}</div>
          <div className="sn-muted sn-small">{t('monitoring.preview.asOf', { day: preview.today })}</div>
        </div>
      </div>
      {preview.ledger && (
        <div className="sn-muted sn-small" data-testid="preview-ledger">
          {preview.ledger.used
            ? t('monitoring.preview.ledger.used', {
                ledger: t(`monitoring.preview.ledger.name.${preview.ledger.name}`), time: formatDateTime(preview.ledger.builtAt, locale),
                n: preview.ledger.changed, unit: t(`monitoring.preview.ledger.unit.${preview.ledger.unit}`),
              })
            : t(`monitoring.preview.ledger.${preview.ledger.why}`, { ledger: t(`monitoring.preview.ledger.name.${preview.ledger.name}`) })}
        </div>
      )}
      {p.byCounty.length > 1 && (
        <Table
          className="sn-gap-top"
          size="small"
          rowKey="countyCode"
          pagination={false}
          dataSource={p.byCounty}
          columns={[
            { key: 'name', title: t('monitoring.preview.county'), dataIndex: 'name' },
            { key: 'subjects', title: unit, dataIndex: 'subjects', align: 'right' },
          ]}
        />
      )}
      {preview.sample.length > 0 && (
        <Table
          className="sn-gap-top"
          size="small"
          rowKey={(s) => `${s.personId ?? ''}:${s.householdId ?? ''}:${s.idNumberMasked ?? ''}`}
          pagination={false}
          dataSource={preview.sample}
          scroll={{ x: 640 }}
          title={() => t('monitoring.preview.sample')}
          columns={[
            { key: 'name', title: t('monitoring.col.person'), render: (_: unknown, s) => <div>{s.name ?? '—'}<div className="sn-mono sn-small sn-muted">{s.idNumberMasked}</div></div> },
            { key: 'region', title: t('monitoring.col.region'), dataIndex: 'regionName' },
            { key: 'summary', title: t('monitoring.col.summary'), dataIndex: 'summary' },
          ]}
        />
      )}
    </Card>
  );
}

function History({ rule }: { rule: RuleDetail }) {
  const { t, label, locale } = useI18n();
  const text = useParamText();
  const { pick } = useI18n();
  const columns: TableProps<VersionView>['columns'] = [
    {
      key: 'version', title: t('monitoring.rule.version'), width: 110,
      render: (_: unknown, v) => (
        <Space orientation="vertical" size={2}>
          <span className="sn-strong">{t('monitoring.rule.versionN', { n: v.version })}</span>
          {v.inForce && <Tag color="green">{t('monitoring.rule.inForceHere')}</Tag>}
          {!v.inForce && v.current && <Tag color="cyan">{t('monitoring.rule.inForceThere')}</Tag>}
        </Space>
      ),
    },
    { key: 'region', title: t('monitoring.rule.region'), dataIndex: 'regionName', width: 130 },
    {
      key: 'level', title: t('monitoring.rule.level'), width: 120,
      render: (_: unknown, v) => (
        <Space orientation="vertical" size={2}>
          <LevelTag level={v.level} short />
          {!v.enabled && <Tag>{t('monitoring.rule.disabled')}</Tag>}
          <span className="sn-small sn-muted">{label(APPLIES_TO_LABELS, v.appliesTo)}</span>
        </Space>
      ),
    },
    {
      key: 'params', title: t('monitoring.rule.params'),
      render: (_: unknown, v) => (
        <dl className="sn-evidence-fields sn-small">
          {rule.params.map((p) => (
            <FieldPair key={p.key} label={pick(p.label, p.labelEn)} value={text(p, v.params[p.key])} />
          ))}
        </dl>
      ),
    },
    { key: 'effective', title: t('monitoring.rule.effective'), width: 150, render: (_: unknown, v) => effectiveText(v, { t, locale }) },
    {
      key: 'who', title: t('monitoring.rule.madeBy'), width: 170, responsive: ['lg'],
      render: (_: unknown, v) => (
        <div className="sn-small">
          <div>{v.createdBy}</div>
          <div className="sn-muted">{formatDateTime(v.createdAt, locale)}</div>
          {v.note && <div>{v.note}</div>}
        </div>
      ),
    },
  ];
  return (
    <Table<VersionView>
      rowKey="id"
      size="small"
      dataSource={rule.versions}
      columns={columns}
      pagination={rule.versions.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 760 }}
      data-testid="versions-table"
      footer={() => <span className="sn-muted sn-small">{t('monitoring.rule.historyNote', { day: formatDate(rule.inForce?.effectiveFrom, locale) || '—' })}</span>}
    />
  );
}
