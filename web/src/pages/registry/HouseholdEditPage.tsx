// Creating and editing a household. Before sending, the browser runs the very rules the server runs
// (validateHousehold from src/registry/household-rules.ts) and shows each error on its field in the caller's
// language; what only the server can know (a number registered to someone else, a village outside the
// caller's region) comes back as field errors and lands on the same fields. A 409 means someone else saved
// first: the form says so and offers to reload.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { registryApi, type HouseholdView } from '../../api/registry';
import { useRequest } from '../../api/useRequest';
import { validateHousehold } from '../../../../src/registry/household-rules';
import { parseIdNumber } from '../../../../src/registry/id-number';
import {
  AREA_TYPES, AREA_TYPE_LABELS, CATEGORIES, CATEGORY_LABELS, DISABILITY_KINDS, DISABILITY_KIND_LABELS, EMPLOYMENTS, EMPLOYMENT_LABELS,
  LABOUR_CAPACITIES, LABOUR_CAPACITY_LABELS, RELATIONS, RELATION_LABELS, SCHOOL_STAGES, SCHOOL_STAGE_LABELS, SEX_LABELS,
} from '../../../../src/registry/vocabulary';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { Loading, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { CategoryTag } from '../../components/CategoryTags';
import { clearAllErrors, clearStaleErrors, placeErrors, type ReportedError } from '../../components/form-errors';
import { codeOptions, plainDateItem } from '../../components/form-items';
import {
  emptyHouseholdForm, errorFieldPath, formToInput, formToPatch, householdToForm, newMember,
  type HouseholdFormValues, type MemberFormValue,
} from './household-form';

export default function HouseholdEditPage() {
  const params = useParams();
  if (params.id === undefined) return <HouseholdForm />;
  return <EditExisting id={Number(params.id)} />;
}

function EditExisting({ id }: { id: number }) {
  const household = useRequest((signal) => registryApi.household(id, signal), [id]);
  const { t } = useI18n();
  if (household.loading && !household.data) return <Loading />;
  if (household.error) {
    const notFound = household.error instanceof ApiError && household.error.status === 404;
    return <PageError error={household.error} onRetry={notFound ? undefined : household.reload} title={notFound ? t('household.notFound') : undefined} />;
  }
  return <HouseholdForm view={household.data} onReload={household.reload} reloading={household.loading} />;
}

type Problem =
  | { kind: 'validation'; count: number; general: string[] }
  | { kind: 'conflict'; text: string }
  | { kind: 'failed'; text: string };

function HouseholdForm({ view, onReload, reloading }: { view?: HouseholdView; onReload?: () => void; reloading?: boolean }) {
  const { t, pick, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<HouseholdFormValues>();
  const initial = useMemo(() => (view ? householdToForm(view) : emptyHouseholdForm()), [view]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  const editing = view !== undefined;

  useEffect(() => {
    form.resetFields();
    setProblem(null);
  }, [initial, form]);

  const showErrors = (errors: ReportedError[], categoryIndex?: number[]) => {
    const general = placeErrors(form, errors, (field) => errorFieldPath(field, categoryIndex), pick);
    setProblem({ kind: 'validation', count: errors.length, general });
    if (general.length) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const submit = async () => {
    // Every value, including the row keys and ids that have no visible field.
    const values = form.getFieldsValue(true) as HouseholdFormValues;
    clearAllErrors(form);
    setProblem(null);
    const { errors } = validateHousehold(formToInput(values), todayInChina());
    if (errors.length) {
      showErrors(errors);
      return;
    }
    setSaving(true);
    let categoryIndex: number[] | undefined;
    try {
      let saved: HouseholdView;
      if (view) {
        const plan = formToPatch(values, view);
        categoryIndex = plan.categoryIndex;
        saved = await registryApi.updateHousehold(view.id, plan.patch);
      } else {
        saved = await registryApi.createHousehold(formToInput(values));
      }
      message.success(editing ? t('form.saved') : t('form.created'));
      navigate(`/registry/households/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setProblem({ kind: 'conflict', text: errorText(e) });
      else if (e instanceof ApiError && e.fields.length > 0) showErrors(e.fields, categoryIndex);
      else setProblem({ kind: 'failed', text: errorText(e) });
      if (!(e instanceof ApiError && e.fields.length > 0)) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="sn-page sn-form-page">
      <Typography.Title level={3}>{editing ? t('form.editTitle', { id: view.id }) : t('form.createTitle')}</Typography.Title>
      <div ref={problemRef}>
        {problem?.kind === 'validation' && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="sn-gap"
            title={t('form.invalid', { n: problem.count })}
            description={problem.general.length ? <ul className="sn-error-list">{problem.general.map((g, i) => <li key={i}>{g}</li>)}</ul> : undefined}
          />
        )}
        {problem?.kind === 'conflict' && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            className="sn-gap"
            title={t('form.conflict')}
            description={problem.text}
            action={onReload && <Button icon={<ReloadOutlined />} loading={reloading} onClick={onReload}>{t('form.reload')}</Button>}
            data-testid="conflict-alert"
          />
        )}
        {problem?.kind === 'failed' && <Alert type="error" showIcon role="alert" className="sn-gap" title={t('form.failed')} description={problem.text} />}
      </div>
      <Form<HouseholdFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        onValuesChange={(changed) => clearStaleErrors(form, changed)}
      >
        <BasicsSection form={form} />
        <MembersSection form={form} />
        <BankSection form={form} view={view} />
        <CategoriesSection form={form} />
        <div className="sn-form-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} size="large">
              {editing ? t('action.save') : t('form.createSubmit')}
            </Button>
            <Button size="large" onClick={() => navigate(view ? `/registry/households/${view.id}` : '/registry/persons')}>
              {t('action.cancel')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

function BasicsSection({ form }: { form: FormInstance<HouseholdFormValues> }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('household.basics')} size="small" className="sn-gap">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name="villageCode" label={t('household.village')} required>
            <RegionPicker villagesOnly onRegion={(r) => r?.areaType && form.setFieldValue('areaType', r.areaType)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="areaType" label={t('household.areaType')} required>
            <Select options={codeOptions(AREA_TYPES, AREA_TYPE_LABELS, label)} placeholder={t('form.choose')} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={t('household.address')} required>
            <Input maxLength={300} placeholder={t('form.addressPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

/** Sex and birth date as read from the number being typed, so a slip shows before saving. */
function IdPreview({ index }: { index: number }) {
  const { t, label, locale } = useI18n();
  const value = Form.useWatch(['members', index, 'idNumber']) as string | undefined;
  if (!value || !value.trim()) return null;
  const parsed = parseIdNumber(value, { today: todayInChina() });
  if (!parsed.ok) return null;
  return (
    <span className="sn-muted" data-testid={`id-preview-${index}`}>
      {t('form.idPreview', { sex: label(SEX_LABELS, parsed.sex), birth: formatDate(parsed.birthDate, locale) })}
      {parsed.wasFifteen ? ` · ${t('form.idWasFifteen', { id: parsed.idNumber })}` : ''}
    </span>
  );
}

function MembersSection({ form }: { form: FormInstance<HouseholdFormValues> }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('form.members')} size="small" className="sn-gap">
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const m = form.getFieldValue(['members', field.name]) as MemberFormValue | undefined;
              const stored = m?.id !== undefined;
              return (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  className="sn-member-form"
                  data-testid={`member-form-${index}`}
                  title={
                    <Space size={6} wrap>
                      <span>{t('form.memberN', { n: index + 1 })}</span>
                      {stored ? <Tag>{m?.name}</Tag> : <Tag color="green">{t('form.newMember')}</Tag>}
                    </Space>
                  }
                  extra={
                    <Button size="small" danger type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)}>
                      {stored ? t('form.removeMember') : t('action.delete')}
                    </Button>
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'name']} label={t('member.name')} required>
                        <Input maxLength={50} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'relation']} label={t('member.relation')} required>
                        <Select options={codeOptions(RELATIONS, RELATION_LABELS, label)} placeholder={t('form.choose')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item
                        name={[field.name, 'idNumber']}
                        label={t('member.idNumber')}
                        required={!stored}
                        extra={
                          <>
                            {stored && <div className="sn-muted">{t('form.keepMasked', { masked: m?.idNumberMasked ?? '' })}</div>}
                            <IdPreview index={field.name} />
                          </>
                        }
                      >
                        <Input maxLength={20} autoComplete="off" className="sn-mono" placeholder={stored ? t('form.newIdPlaceholder') : t('form.idPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('member.phone')}
                        extra={stored && m?.phoneMasked ? <span className="sn-muted">{t('form.keepMasked', { masked: m.phoneMasked })}</span> : undefined}
                      >
                        <Input maxLength={20} autoComplete="off" placeholder={stored && m?.phoneMasked ? t('form.newPhonePlaceholder') : ''} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'labourCapacity']} label={t('member.labourCapacity')}>
                        <Select options={codeOptions(LABOUR_CAPACITIES, LABOUR_CAPACITY_LABELS, label)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} lg={3}>
                      <Form.Item name={[field.name, 'disabilityKind']} label={t('member.disabilityKind')}>
                        <Select allowClear options={codeOptions(DISABILITY_KINDS, DISABILITY_KIND_LABELS, label)} placeholder={t('common.none')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} lg={3}>
                      <Form.Item name={[field.name, 'disabilityGrade']} label={t('member.disabilityGrade')}>
                        <Select allowClear options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('member.grade', { n }) }))} placeholder={t('common.none')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={4}>
                      <Form.Item name={[field.name, 'seriousIllness']} label={t('member.seriousIllness')}>
                        <Input maxLength={100} placeholder={t('common.none')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} lg={4}>
                      <Form.Item name={[field.name, 'employment']} label={t('member.employment')}>
                        <Select allowClear options={codeOptions(EMPLOYMENTS, EMPLOYMENT_LABELS, label)} placeholder={t('common.none')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} lg={4}>
                      <Form.Item name={[field.name, 'schoolStage']} label={t('member.schoolStage')}>
                        <Select allowClear options={codeOptions(SCHOOL_STAGES, SCHOOL_STAGE_LABELS, label)} placeholder={t('common.none')} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newMember())} disabled={fields.length >= 30}>
              {t('form.addMember')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function BankSection({ form, view }: { form: FormInstance<HouseholdFormValues>; view?: HouseholdView }) {
  const { t } = useI18n();
  const hasBank = Form.useWatch('hasBank', form);
  const members = (Form.useWatch('members', { form, preserve: true }) ?? []) as MemberFormValue[];
  return (
    <Card
      title={t('bank.title')}
      size="small"
      className="sn-gap"
      extra={
        <label className="sn-switch-label">
          <Form.Item name="hasBank" valuePropName="checked" noStyle>
            <Switch aria-label={t('bank.has')} />
          </Form.Item>
          <span>{t('bank.has')}</span>
        </label>
      }
    >
      {hasBank ? (
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name={['bank', 'bankName']} label={t('bank.bankName')} required rules={[{ required: true, whitespace: true, message: t('bank.bankNameRequired') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item
              name={['bank', 'accountNo']}
              label={t('bank.accountNo')}
              required={!view?.bank}
              rules={view?.bank ? [] : [{ required: true, whitespace: true, message: t('bank.accountRequired') }]}
              extra={view?.bank ? t('form.keepMasked', { masked: view.bank.accountNoMasked }) : undefined}
            >
              <Input maxLength={40} autoComplete="off" className="sn-mono" placeholder={view?.bank ? t('form.newAccountPlaceholder') : ''} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name={['bank', 'holderUid']} label={t('bank.holder')} required rules={[{ required: true, message: t('bank.holderRequired') }]} extra={t('bank.ownAccountOnly')}>
              <Select
                placeholder={t('form.choose')}
                options={members.map((m, i) => ({ value: m.uid, label: m.name?.trim() || t('form.memberN', { n: i + 1 }) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Typography.Text type="secondary">{t('bank.none')}</Typography.Text>
      )}
    </Card>
  );
}

function CategoriesSection({ form }: { form: FormInstance<HouseholdFormValues> }) {
  const { t, label, locale } = useI18n();
  const dateFormat = DATE_INPUT_FORMATS[locale];
  return (
    <Card title={t('category.title')} size="small" className="sn-gap">
      <Typography.Paragraph type="secondary" className="sn-small">
        {t('form.categoriesHint')}
      </Typography.Paragraph>
      <Form.List name="categories">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const c = form.getFieldValue(['categories', field.name]) as { id?: number; category?: string; fromDate?: string } | undefined;
              const stored = c?.id !== undefined;
              return (
                <Row key={field.key} gutter={12} className="sn-category-row" align="top">
                  <Col xs={24} sm={12} lg={5}>
                    <Form.Item name={[field.name, 'category']} label={t('category.category')} required>
                      {stored ? <StoredCategory /> : <Select options={codeOptions(CATEGORIES, CATEGORY_LABELS, label)} placeholder={t('form.choose')} />}
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} lg={5}>
                    <Form.Item name={[field.name, 'fromDate']} label={t('category.fromDate')} required {...plainDateItem}>
                      <DatePicker format={dateFormat} disabled={stored} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} lg={5}>
                    <Form.Item name={[field.name, 'toDate']} label={t('category.toDate')} {...plainDateItem}>
                      <DatePicker format={dateFormat} style={{ width: '100%' }} placeholder={t('category.open')} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={20} lg={7}>
                    <Form.Item name={[field.name, 'reason']} label={t('category.reason')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={4} lg={2} className="sn-category-remove">
                    {!stored && <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('action.delete')} />}
                  </Col>
                </Row>
              );
            })}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ category: undefined, fromDate: todayInChina(), toDate: null, reason: '' })}>
              {t('form.addCategory')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** A stored category's kind cannot change (end it and add another); shown, not edited. */
function StoredCategory({ value }: { value?: string }) {
  return <div className="sn-static-field">{value ? <CategoryTag category={value} /> : null}</div>;
}
