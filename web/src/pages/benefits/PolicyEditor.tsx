// A new policy version from an existing one: the administrator changes the figures of a new notice and its
// effective date; everything else is carried over. The server validates the whole version; its field
// errors (in Chinese) land on the fields, others are listed above the form. A version is never edited in
// place: saving makes the region's next version number, and another editor's newer version gives 409.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { benefitsApi, type PolicyVersionView } from '../../api/benefits';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS } from '../../format/date';
import { RegionPicker } from '../../components/RegionPicker';
import { ROUNDING_RULES, ROUNDING_RULE_LABELS } from '../../../../src/benefits/money';
import { AREAS, editableRegion, formFromVersion, latestVersion, LEVELS, LEVELS_WITH_OWN_SUPPORT, policyBody, policyFieldPath, type PolicyFormValues } from './policy-form';
import { useAreaLabel } from './explanation-ui';
import { groupErrors, setFieldErrors } from '../../components/form-errors';

type FormValues = Omit<PolicyFormValues, 'effectiveFrom'> & { effectiveFrom: Dayjs | null };

export function PolicyEditor({ base, versions, onSaved, onCancel }: {
  base: PolicyVersionView;
  versions: PolicyVersionView[];
  onSaved: (created: { id: number; version: number; regionCode: string }) => void;
  onCancel: () => void;
}) {
  const { t, label, locale, errorText, pick } = useI18n();
  const me = useMe();
  const area = useAreaLabel();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [initial] = useState<FormValues>(() => {
    const v = formFromVersion(base);
    return { ...v, regionCode: editableRegion(base.regionCode, me), effectiveFrom: null };
  });
  const regionCode = Form.useWatch('regionCode', form) ?? initial.regionCode;
  const basedOn = latestVersion(versions, regionCode ?? '');

  const save = async (values: FormValues) => {
    setProblems([]);
    setConflict(false);
    const out = policyBody({ ...values, effectiveFrom: values.effectiveFrom?.format('YYYY-MM-DD') ?? '' }, base.params, basedOn ?? 0);
    if ('problems' in out) {
      setFieldErrors(form, out.problems.map((p) => ({ name: p.name, errors: [t(p.key)] })));
      return;
    }
    setBusy(true);
    try {
      const created = await benefitsApi.createPolicy(out.body);
      message.success(t('benefits.policy.saved', { n: created.version }));
      onSaved(created);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) setConflict(true);
      else if (e instanceof ApiError && e.fields.length) {
        const { fields: placed, general: unplaced } = groupErrors(e.fields, policyFieldPath, pick);
        setFieldErrors(form, placed);
        setProblems(unplaced.length ? unplaced : placed.length ? [] : [errorText(e)]);
      } else setProblems([errorText(e)]);
    } finally {
      setBusy(false);
    }
  };

  const yuan = (name: (string | number)[], lbl: string, testId?: string) => (
    <Form.Item name={name} label={lbl} rules={[{ required: true, message: t('benefits.policy.yuanInvalid') }]}>
      <Input suffix={t('benefits.yuan')} inputMode="decimal" data-testid={testId} />
    </Form.Item>
  );

  // One 特困 basic-support rule: how it is set (a level may use the area's default), then the amount or the
  // ratio. The inner fields are noStyle, so their errors (the server's too) show under the row's label.
  const ruleItem = (a: 'urban' | 'rural', which: 'default' | 'partlyLost' | 'fullyLost', lbl: string) => (
    <div data-testid={`tekun-item-${a}-${which}`} key={`${a}-${which}`}>
      <Form.Item label={lbl}>
        <Space.Compact block>
          <Form.Item name={['tekun', a, which, 'mode']} noStyle>
            <Select
              style={{ width: '45%' }}
              aria-label={t('benefits.policy.ruleMode')}
              options={[
                ...(which === 'default' ? [] : [{ value: 'same', label: t('benefits.policy.sameAsDefault') }]),
                { value: 'amount', label: t('benefits.policy.modeAmount') },
                { value: 'ratio', label: t('benefits.policy.modeRatio') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={[['tekun', a, which, 'mode']]}>
            {() => {
              const mode = form.getFieldValue(['tekun', a, which, 'mode']);
              if (mode === 'amount') {
                return (
                  <Form.Item name={['tekun', a, which, 'amount']} noStyle rules={[{ required: true, message: t('benefits.policy.yuanInvalid') }]}>
                    <Input suffix={t('benefits.yuan')} inputMode="decimal" style={{ width: '55%' }} />
                  </Form.Item>
                );
              }
              if (mode === 'ratio') {
                return (
                  <Form.Item name={['tekun', a, which, 'ratioPermille']} noStyle rules={[{ required: true }]}>
                    <InputNumber min={1000} max={5000} step={50} suffix="‰" style={{ width: '55%' }} />
                  </Form.Item>
                );
              }
              return null;
            }}
          </Form.Item>
        </Space.Compact>
      </Form.Item>
    </div>
  );

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={save} disabled={busy} className="sn-policy-fields" data-testid="policy-editor">
      <Alert type="info" showIcon className="sn-gap" title={t('benefits.policy.editIntro', { version: base.version, region: base.regionName ?? base.regionCode })} />
      {conflict && <Alert type="error" showIcon className="sn-gap" title={t('benefits.policy.conflict')} data-testid="policy-conflict" />}
      {problems.length > 0 && (
        <Alert type="error" showIcon className="sn-gap" title={t('benefits.policy.problems')} description={<ul className="sn-no-margin">{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>} data-testid="policy-problems" />
      )}
      <Card size="small" title={t('benefits.policy.scope')} className="sn-gap">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('benefits.policy.region')} rules={[{ required: true }]} extra={t('benefits.policy.basedOn', { n: basedOn ?? 0 })}>
              <RegionPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="areaType" label={t('benefits.policy.area')}>
              <Radio.Group options={[...AREAS, 'both' as const].map((a) => ({ value: a, label: area(a) }))} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="effectiveFrom" label={t('benefits.policy.effectiveFrom')} rules={[{ required: true, message: t('benefits.policy.dateRequired') }]}>
              <DatePicker format={DATE_INPUT_FORMATS[locale]} style={{ width: '100%' }} data-testid="policy-effective" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('benefits.policy.figures')} className="sn-gap">
        <Row gutter={16}>
          {AREAS.map((a) => (
            <Col xs={24} md={12} key={a}>
              {yuan(['dibaoStandard', a], t('benefits.policy.dibaoStandardOf', { area: area(a) }), `dibao-${a}`)}
              {ruleItem(a, 'default', t('benefits.policy.tekunBasicOf', { area: area(a) }))}
              {LEVELS_WITH_OWN_SUPPORT.map((level) => ruleItem(a, level, t('benefits.policy.tekunBasicLevel', { area: area(a), level: t(`benefits.level.${level}`) })))}
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          {LEVELS.map((level) => (
            <Col xs={24} md={8} key={level}>{yuan(['tekunCare', level], t('benefits.policy.careOf', { level: t(`benefits.level.${level}`) }))}</Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t('benefits.policy.management')} className="sn-gap">
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="nearPoorRatioPermille" label={t('benefits.policy.nearPoorRatioPermille')}>
              <InputNumber min={1000} max={3000} step={50} suffix="‰" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="gracePeriodMaxMonths" label={t('benefits.policy.graceMonths')}>
              <InputNumber min={0} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(['stable', 'variable', 'afterDeath'] as const).map((k) => (
            <Col xs={8} md={4} key={k}>
              <Form.Item name={['recheckMonths', k]} label={t(`benefits.policy.recheck.${k}`)}>
                <InputNumber min={1} max={36} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="rounding" label={t('benefits.policy.rounding')}>
          <Select options={ROUNDING_RULES.map((r) => ({ value: r, label: label(ROUNDING_RULE_LABELS, r) }))} style={{ maxWidth: 280 }} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('benefits.policy.sources')} className="sn-gap">
        <Form.Item name="documents" label={t('benefits.policy.documentsInput')} rules={[{ required: true, whitespace: true, message: t('benefits.policy.documentsRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="policy-documents" />
        </Form.Item>
        <Form.Item name="assumed" label={t('benefits.policy.assumedInput')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="notes" label={t('benefits.policy.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Card>
      <Space className="sn-gap-top">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="save-policy">{t('benefits.policy.saveVersion')}</Button>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
      </Space>
    </Form>
  );
}

