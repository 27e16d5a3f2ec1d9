// Runs an assessment of the household (POST /households/{id}/assessment) on a date, from the facts in the
// form — filled from the stored facts — and shows the explained answer. Who may (benefits.assess) saves the
// facts with it; a county reviewer (benefits.decide) then decides an eligible programme on the saved facts.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { benefitsApi, type Assessment, type HouseholdBenefits } from '../../api/benefits';
import type { MemberView } from '../../api/registry';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, todayInChina } from '../../format/date';
import { formatFen } from '../../format/money';
import { ApiError } from '../../api/client';
import { ASSET_KINDS, ASSET_KIND_LABELS, INCOME_KINDS, INCOME_KIND_LABELS, SELF_CARE_ACTIVITIES, SELF_CARE_ACTIVITY_LABELS, VEHICLE_KINDS, VEHICLE_KIND_LABELS } from '../../../../src/benefits/kinds';
import { MEMBER_EXCLUSIONS, MEMBER_EXCLUSION_LABELS } from '../../../../src/benefits/assessment/types';
import { assessmentRequest, formFromFacts, type AssessmentFormValues } from './assessment-form';
import { AssessmentResult, type DecideTarget } from './AssessmentResult';
import { formPathOf, setFieldErrors } from '../../components/form-errors';

type FormValues = Omit<AssessmentFormValues, 'date'> & { date: Dayjs };

export function AssessmentPanel({ householdId, members, facts, onDecided }: {
  householdId: number;
  /** The living members from the registry (null when the caller may not read the registry). */
  members: MemberView[] | null;
  facts: HouseholdBenefits['facts'];
  onDecided: () => void;
}) {
  const i18n = useI18n();
  const { t, label, locale, errorText } = i18n;
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [result, setResult] = useState<Assessment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const living = (members ?? []).filter((m) => !m.diedOn);
  const [initial] = useState(() => {
    const v = formFromFacts(facts?.facts ?? null, living.map((m) => m.id), todayInChina());
    return { ...v, date: dayjs(v.date) };
  });
  const memberOptions = living.map((m) => ({ value: m.id, label: m.name }));
  const nameOf = (id: number) => living.find((m) => m.id === id)?.name ?? String(id);

  const run = async (registered: FormValues) => {
    setError(null);
    // The members' person ids are not fields of their own (no input shows them): take every stored value.
    const values: FormValues = { ...(form.getFieldsValue(true) as FormValues), ...registered, members: form.getFieldValue('members') };
    const out = assessmentRequest({ ...values, date: values.date.format('YYYY-MM-DD') }, facts?.facts ?? null);
    if ('problems' in out) {
      setFieldErrors(form, out.problems.map((p) => ({ name: p.name, errors: [t(p.key)] })));
      return;
    }
    setBusy(true);
    try {
      setResult(await benefitsApi.assess(householdId, out.body));
      if (out.body.save) onDecided();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        // Field paths of the request ('incomes[0].personId') are the form's own names.
        setFieldErrors(form, e.fields.map((f) => ({ name: formPathOf(f.field), errors: [i18n.pick(f.message, f.messageEn)] })));
      }
      setError(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const decide = (target: DecideTarget) => {
    const decidedOn = result!.date;
    Modal.confirm({
      title: t('benefits.assess.decideTitle'),
      content: t('benefits.assess.decideText', {
        programme: t(target.programme === 'dibao' ? 'benefits.programme.dibao' : target.programme === 'tekun' ? 'benefits.programme.tekun' : 'benefits.programme.singlePersonDibao'),
        who: target.name ?? t('benefits.award.wholeHousehold'), amount: formatFen(target.amountFen), date: decidedOn,
      }),
      okText: t('benefits.assess.decide'),
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          const award = await benefitsApi.decide(householdId, { programme: target.programme, ...(target.personId ? { personId: target.personId } : {}), decidedOn });
          message.success(t('benefits.assess.decided', { amount: formatFen(award.amountFen), month: award.startMonth }));
          onDecided();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  return (
    <div>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={run} disabled={busy} data-testid="assessment-form">
        <Space wrap align="end">
          <Form.Item name="date" label={t('benefits.assess.date')} rules={[{ required: true }]}>
            <DatePicker format={DATE_INPUT_FORMATS[locale]} allowClear={false} />
          </Form.Item>
          <Form.Item name="incomeVaries" valuePropName="checked">
            <Checkbox>{t('benefits.assess.incomeVaries')}</Checkbox>
          </Form.Item>
        </Space>
        {!members && <Alert type="info" showIcon className="sn-gap" title={t('benefits.assess.noRegistry')} />}
        {facts && (
          <Typography.Paragraph type="secondary" className="sn-small">
            {t('benefits.assess.filledFromFacts', { date: facts.asOf, version: facts.version })}
          </Typography.Paragraph>
        )}

        <Card size="small" title={t('benefits.assess.incomes')} className="sn-gap">
          <Form.List name="incomes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" className="sn-full-width" data-testid="income-row">
                    <Form.Item name={[f.name, 'personId']} label={t('benefits.assess.member')}>
                      <Select allowClear options={memberOptions} placeholder={t('benefits.assess.household')} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} label={t('benefits.assess.incomeKind')} rules={[{ required: true }]}>
                      <Select options={INCOME_KINDS.map((k) => ({ value: k, label: label(INCOME_KIND_LABELS, k) }))} style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'period']} label={t('benefits.assess.period')}>
                      <Select options={[{ value: 'monthly', label: t('benefits.assess.monthly') }, { value: 'annual', label: t('benefits.assess.annual') }]} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} label={t('benefits.assess.amountYuan')} rules={[{ required: true, message: t('benefits.policy.yuanInvalid') }]}>
                      <Input suffix={t('benefits.yuan')} inputMode="decimal" style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item label=" ">
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.delete')} />
                    </Form.Item>
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'wages', period: 'monthly', amount: '' })} data-testid="add-income">
                  {t('benefits.assess.addIncome')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('benefits.assess.assets')} className="sn-gap">
          <Form.List name="assets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" className="sn-full-width">
                    <Form.Item name={[f.name, 'personId']} label={t('benefits.assess.owner')}>
                      <Select allowClear options={memberOptions} placeholder={t('benefits.assess.household')} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} label={t('benefits.assess.assetKind')} rules={[{ required: true }]}>
                      <Select options={ASSET_KINDS.map((k) => ({ value: k, label: label(ASSET_KIND_LABELS, k) }))} style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => form.getFieldValue(['assets', f.name, 'kind']) === 'vehicle' && (
                        <Form.Item name={[f.name, 'vehicleKind']} label={t('benefits.assess.vehicleKind')}>
                          <Select allowClear options={VEHICLE_KINDS.map((k) => ({ value: k, label: label(VEHICLE_KIND_LABELS, k) }))} style={{ width: 150 }} />
                        </Form.Item>
                      )}
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} label={t('benefits.assess.valueYuan')} rules={[{ required: true, message: t('benefits.policy.yuanInvalid') }]}>
                      <Input suffix={t('benefits.yuan')} inputMode="decimal" style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item label=" ">
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.delete')} />
                    </Form.Item>
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'deposit', value: '' })}>{t('benefits.assess.addAsset')}</Button>
              </>
            )}
          </Form.List>
        </Card>

        {living.length > 0 && (
          <Card size="small" title={t('benefits.assess.memberFacts')} className="sn-gap">
            <Form.List name="members">
              {(fields) => (
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  scroll={{ x: 760 }}
                  dataSource={fields}
                  columns={[
                    { key: 'name', title: t('benefits.assess.name'), width: 110, render: (_, f) => nameOf(form.getFieldValue(['members', f.name, 'personId'])) },
                    {
                      key: 'exclusion', title: t('benefits.assess.exclusion'), width: 230,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'exclusion']} noStyle>
                          <Select allowClear placeholder={t('benefits.assess.notExcluded')} options={MEMBER_EXCLUSIONS.map((k) => ({ value: k, label: label(MEMBER_EXCLUSION_LABELS, k) }))} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      key: 'selfCare', title: t('benefits.assess.unmetActivities'), width: 300,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'unmetSelfCareActivities']} noStyle>
                          <Select mode="multiple" allowClear placeholder={t('benefits.assess.noneUnmet')} options={SELF_CARE_ACTIVITIES.map((k) => ({ value: k, label: label(SELF_CARE_ACTIVITY_LABELS, k) }))} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      key: 'supporters', title: t('benefits.assess.supporters'), width: 120,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'noSupporters']} valuePropName="checked" noStyle>
                          <Checkbox>{t('benefits.assess.noSupporters')}</Checkbox>
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              )}
            </Form.List>
          </Card>
        )}

        <Space wrap className="sn-gap">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="run-assessment">{t('benefits.assess.run')}</Button>
          {can('benefits.assess') && (
            <Form.Item name="save" valuePropName="checked" noStyle>
              <Checkbox data-testid="save-facts">{t('benefits.assess.save')}</Checkbox>
            </Form.Item>
          )}
        </Space>
      </Form>
      {error !== null && <Alert type="error" showIcon className="sn-gap" title={errorText(error)} data-testid="assessment-error" />}
      {result && <AssessmentResult result={result} onDecide={can('benefits.decide') ? decide : undefined} />}
    </div>
  );
}
