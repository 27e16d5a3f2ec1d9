// 一件事一次办: one form for many programmes, filled at the counter or by a caseworker on the family's behalf —
// household, members, income, assets, rigid expenses, the family's own bank account, the signed authorisation
// for economic checks, attachments, and the items ticked. The server splits it into items, one per
// department's queue. Also completes a draft a home visit started (…/applications/{id}/submit). The browser runs
// the shared rules (validateApplicationForm) first; a new application carries a UUID so a retry never makes two.
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Result, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError, NETWORK_ERROR } from '../../api/client';
import { caseworkApi, type ApplicationView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import {
  AREA_TYPES, AREA_TYPE_LABELS, DISABILITY_KINDS, DISABILITY_KIND_LABELS, RELATIONS, RELATION_LABELS, SCHOOL_STAGES, SCHOOL_STAGE_LABELS,
} from '../../../../src/registry/vocabulary';
import { ASSET_TYPES, INCOME_TYPES, RIGID_EXPENSE_TYPES } from '../../../../src/casework/domain/application-form';
import { ITEM_KINDS, ITEM_KIND_INFO, TEMPORARY_ASSISTANCE_TYPES } from '../../../../src/casework/domain/items';
import { DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { validateApplicationForm } from '../../../../src/casework/domain/validate-application';
import { useI18n, type MessageKey } from '../../i18n';
import { DATE_INPUT_FORMATS, todayInChina } from '../../format/date';
import { Loading, PageError } from '../../components/PageState';
import { RegionPicker } from '../../components/RegionPicker';
import { AttachmentsField } from './AttachmentsField';
import { ConflictAlert } from './casework-ui';
import { newClientId } from './client-id';
import { clearAllErrors, clearStaleErrors, placeErrors, reported } from '../../components/form-errors';
import { codeOptions, plainDateItem } from '../../components/form-items';
import {
  applicationErrorField, draftToValues, emptyApplicationForm, formToApplication, newMemberUid, type ApplicationFormValues, type MemberValues,
} from './application-form';

export default function ApplicationFormPage() {
  const params = useParams();
  if (params.id === undefined) return <ApplicationFormView />;
  return <DraftLoader id={Number(params.id)} />;
}

function DraftLoader({ id }: { id: number }) {
  const app = useRequest((signal) => caseworkApi.application(id, signal), [id]);
  const { t } = useI18n();
  const navigate = useNavigate();
  if (app.loading && !app.data) return <Loading />;
  if (app.error) return <PageError error={app.error} onRetry={app.reload} />;
  if (app.data!.status !== 'draft') {
    return <Result status="info" title={t('casework.app.alreadySubmitted')} extra={<Button type="primary" onClick={() => navigate(`/casework/applications/${id}`)}>{t('casework.app.open')}</Button>} />;
  }
  return <ApplicationFormView draft={app.data} onReload={app.reload} />;
}

type Problem = { kind: 'invalid'; count: number; general: string[] } | { kind: 'offline' } | { kind: 'conflict'; text: string } | { kind: 'failed'; text: string };

function ApplicationFormView({ draft, onReload }: { draft?: ApplicationView; onReload?: () => void }) {
  const { t, pick, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const today = todayInChina();
  const [form] = Form.useForm<ApplicationFormValues>();
  const initial = useMemo(() => (draft ? draftToValues(draft, today) : emptyApplicationForm(today)), [draft, today]);
  const [clientId] = useState(newClientId);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const submit = async () => {
    const values = form.getFieldsValue(true) as ApplicationFormValues;
    clearAllErrors(form);
    setProblem(null);
    const { form: body, items } = formToApplication(values);
    const errors = validateApplicationForm(body, { today });
    const show = (list: ReturnType<typeof reported>) => {
      const general = placeErrors(form, list, (f) => applicationErrorField(f, items), pick);
      setProblem({ kind: 'invalid', count: list.length, general });
      if (general.length) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    };
    if (errors.length) {
      show(reported(errors));
      return;
    }
    setSending(true);
    try {
      const attachments = values.attachments?.length ? values.attachments : undefined;
      const saved = draft
        ? await caseworkApi.submitDraft(draft.id, { version: draft.version, form: body, ...(attachments ? { attachments } : {}) })
        : await caseworkApi.submitApplication({ clientId, form: body, ...(attachments ? { attachments } : {}) });
      message.success(t('casework.app.submitted', { number: saved.number, n: saved.items.length }));
      navigate(`/casework/applications/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === NETWORK_ERROR) setProblem({ kind: 'offline' });
      else if (e instanceof ApiError && e.status === 409) setProblem({ kind: 'conflict', text: errorText(e) });
      else if (e instanceof ApiError && e.fields.length) show(reported(e.fields));
      else setProblem({ kind: 'failed', text: errorText(e) });
      if (!(e instanceof ApiError && e.fields.length)) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="sn-page sn-form-page">
      <Typography.Title level={3}>{draft ? t('casework.app.completeTitle', { number: draft.number }) : t('casework.app.newTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('casework.app.formIntro')}</Typography.Paragraph>
      <div ref={problemRef}>
        {problem?.kind === 'invalid' && (
          <Alert type="error" showIcon role="alert" className="sn-gap" title={t('casework.form.invalid', { n: problem.count })}
            description={problem.general.length ? <ul className="sn-error-list">{problem.general.map((g, i) => <li key={i}>{g}</li>)}</ul> : undefined} />
        )}
        {problem?.kind === 'offline' && (
          <Alert type="warning" showIcon role="alert" className="sn-gap" title={t('casework.app.offline')} description={t('casework.app.offlineDetail')}
            action={<Button type="primary" icon={<ReloadOutlined />} loading={sending} onClick={() => void submit()}>{t('casework.visit.retry')}</Button>} />
        )}
        {problem?.kind === 'conflict' && <ConflictAlert text={problem.text} onReload={() => onReload?.()} />}
        {problem?.kind === 'failed' && <Alert type="error" showIcon role="alert" className="sn-gap" title={t('casework.form.failed')} description={problem.text} />}
      </div>
      <Form<ApplicationFormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={(changed) => {
        clearStaleErrors(form, changed);
        if ('members' in changed) clearMemberReferenceErrors(form);
      }}>
        <HouseholdSection form={form} />
        <MembersSection form={form} />
        <ApplicantSection form={form} />
        <MoneySection form={form} />
        <BankSection form={form} />
        <ItemsSection form={form} />
        <Card title={t('casework.visit.attachments')} size="small" className="sn-gap">
          <Typography.Paragraph type="secondary" className="sn-small">{t('casework.app.attachmentsHint')}</Typography.Paragraph>
          <Form.Item name="attachments" style={{ marginBottom: 0 }}>
            <AttachmentsField />
          </Form.Item>
        </Card>
        <div className="sn-form-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sending} size="large" data-testid="application-submit">
              {t('casework.app.submit')}
            </Button>
            <Button size="large" onClick={() => navigate(draft ? `/casework/applications/${draft.id}` : '/casework/applications')}>{t('action.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

type F = { form: FormInstance<ApplicationFormValues> };

const MEMBER_REFERENCES = new Set(['applicantUid', 'holderUid', 'signedByUids', 'memberUids', 'memberUid']);

/** An error about a member's number also shows on the fields that name the member (the applicant is not a
 *  valid member…): correcting the member clears them too. */
function clearMemberReferenceErrors(form: FormInstance<ApplicationFormValues>) {
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0 && MEMBER_REFERENCES.has(String(f.name[f.name.length - 1])));
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name as never, errors: [] })));
}

/** The members as choices for every field that names one (applicant, holder, signers, incomes, items). */
function useMemberOptions(form: FormInstance<ApplicationFormValues>) {
  const { t } = useI18n();
  // preserve: the uid of a member has no field of its own, and a plain watch sees only fields.
  const members = (Form.useWatch('members', { form, preserve: true }) ?? []) as MemberValues[];
  return members.filter(Boolean).map((m, i) => ({ value: m.uid, label: m.name?.trim() || t('form.memberN', { n: i + 1 }) }));
}

function HouseholdSection({ form }: F) {
  const { t, label } = useI18n();
  return (
    <Card title={t('casework.app.household')} size="small" className="sn-gap">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name={['household', 'regionCode']} label={t('household.village')} required>
            <RegionPicker villagesOnly onRegion={(r) => r?.areaType && form.setFieldValue(['household', 'areaType'], r.areaType)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name={['household', 'areaType']} label={t('household.areaType')} required>
            <Select options={codeOptions(AREA_TYPES, AREA_TYPE_LABELS, label)} placeholder={t('form.choose')} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={['household', 'address']} label={t('household.address')} required>
            <Input maxLength={200} placeholder={t('form.addressPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function MembersSection({ form }: F) {
  const { t, label } = useI18n();
  return (
    <Card title={t('form.members')} size="small" className="sn-gap">
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const m = form.getFieldValue(['members', field.name]) as MemberValues | undefined;
              return (
                <Card key={field.key} size="small" type="inner" className="sn-member-form" data-testid={`app-member-${index}`}
                  title={t('form.memberN', { n: index + 1 })}
                  extra={<Button size="small" danger type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)}>{t('action.delete')}</Button>}>
                  <Row gutter={12}>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'name']} label={t('member.name')} required><Input maxLength={50} autoComplete="off" /></Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'idNumber']} label={t('member.idNumber')} required
                        extra={m?.idNumberMasked ? <span className="sn-muted">{t('casework.app.registryHas', { masked: m.idNumberMasked })}</span> : undefined}>
                        <Input maxLength={20} autoComplete="off" className="sn-mono" placeholder={t('form.idPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'relation']} label={t('member.relation')} required>
                        <Select options={codeOptions(RELATIONS, RELATION_LABELS, label)} placeholder={t('form.choose')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'schoolStage']} label={t('member.schoolStage')}>
                        <Select allowClear options={codeOptions(SCHOOL_STAGES, SCHOOL_STAGE_LABELS, label)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={8} lg={6}>
                      <Form.Item name={[field.name, 'disabilityKind']} label={t('member.disabilityKind')}>
                        <Select allowClear options={codeOptions(DISABILITY_KINDS, DISABILITY_KIND_LABELS, label)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={8} lg={6}>
                      <Form.Item name={[field.name, 'disabilityGrade']} label={t('member.disabilityGrade')}>
                        <Select allowClear options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('member.grade', { n }) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={8} lg={6} className="sn-cw-row-actions">
                      <Form.Item name={[field.name, 'seriousIllness']} valuePropName="checked"><Checkbox>{t('casework.app.seriousIllness')}</Checkbox></Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => {
              const uid = newMemberUid();
              add({ uid, relation: 'child' });
              // A new member signs the authorisation by default: unticking is a choice, forgetting is not.
              form.setFieldValue(['authorisation', 'signedByUids'], [...(form.getFieldValue(['authorisation', 'signedByUids']) ?? []), uid]);
            }}>{t('form.addMember')}</Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function ApplicantSection({ form }: F) {
  const { t } = useI18n();
  const members = useMemberOptions(form);
  const agentOn = Form.useWatch('agentOn', form);
  return (
    <Card title={t('casework.app.applicantCard')} size="small" className="sn-gap">
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="applicantUid" label={t('casework.app.applicant')} required extra={t('casework.app.applicantHint')}>
            <Select options={members} placeholder={t('form.choose')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="applicantPhone" label={t('casework.app.phone')} required><Input maxLength={20} inputMode="tel" autoComplete="off" /></Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item name="agentOn" valuePropName="checked" label={t('casework.app.agent')}><Switch /></Form.Item>
        </Col>
      </Row>
      {agentOn && (
        <Row gutter={16}>
          <Col xs={24} sm={8}><Form.Item name={['agent', 'name']} label={t('casework.app.agentName')} required><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name={['agent', 'phone']} label={t('casework.app.phone')}><Input maxLength={20} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name={['agent', 'reason']} label={t('casework.app.agentReason')} required><Input maxLength={500} /></Form.Item></Col>
        </Row>
      )}
    </Card>
  );
}

/** Income (a month), assets (value) and rigid expenses (last 12 months), each a list that may stay empty. */
function MoneySection({ form }: F) {
  const { t } = useI18n();
  const members = useMemberOptions(form);
  const lists = [
    { name: 'incomes', title: 'casework.app.incomes', types: INCOME_TYPES, typeKey: 'casework.income', amount: 'amountYuan', amountLabel: 'casework.app.monthlyYuan', text: 'note', textLabel: 'casework.app.note' },
    { name: 'assets', title: 'casework.app.assets', types: ASSET_TYPES, typeKey: 'casework.asset', amount: 'valueYuan', amountLabel: 'casework.app.valueYuan', text: 'description', textLabel: 'casework.app.description' },
    { name: 'rigidExpenses', title: 'casework.app.rigidExpenses', types: RIGID_EXPENSE_TYPES, typeKey: 'casework.expense', amount: 'annualYuan', amountLabel: 'casework.app.annualYuan', text: 'description', textLabel: 'casework.app.description' },
  ] as const;
  return (
    <>
      {lists.map((l) => (
        <Card key={l.name} title={t(l.title)} size="small" className="sn-gap">
          <Form.List name={l.name}>
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && <div className="sn-muted sn-gap">{t('casework.app.noneDeclared')}</div>}
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} className="sn-category-row">
                    <Col xs={12} sm={6} lg={5}>
                      <Form.Item name={[f.name, 'type']} label={t('casework.app.type')} required>
                        <Select options={l.types.map((x) => ({ value: x, label: t(`${l.typeKey}.${x}` as MessageKey) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} lg={5}>
                      <Form.Item name={[f.name, l.amount]} label={t(l.amountLabel)} required>
                        <InputNumber className="sn-full-width" min={0} precision={2} stringMode suffix={t('casework.yuan')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6} lg={5}>
                      <Form.Item name={[f.name, 'memberUid']} label={t('casework.app.whose')}>
                        <Select allowClear options={members} placeholder={t('casework.app.wholeHousehold')} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={5} lg={8}>
                      <Form.Item name={[f.name, l.text]} label={t(l.textLabel)} required={l.text === 'description'}><Input maxLength={500} /></Form.Item>
                    </Col>
                    <Col xs={4} sm={1} className="sn-cw-row-actions">
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.delete')} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('casework.app.addRow')}</Button>
              </>
            )}
          </Form.List>
        </Card>
      ))}
    </>
  );
}

function BankSection({ form }: F) {
  const { t, locale } = useI18n();
  const members = useMemberOptions(form);
  return (
    <Card title={t('casework.app.bankAndAuth')} size="small" className="sn-gap">
      <Typography.Paragraph type="secondary" className="sn-small">{t('bank.ownAccountOnly')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name={['bank', 'holderUid']} label={t('bank.holder')} required><Select options={members} placeholder={t('form.choose')} /></Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={['bank', 'bankName']} label={t('bank.bankName')} required><Input maxLength={100} /></Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={['bank', 'accountNumber']} label={t('bank.accountNo')} required><Input maxLength={40} inputMode="numeric" className="sn-mono" autoComplete="off" /></Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name={['authorisation', 'signedOn']} label={t('casework.app.signedOnLabel')} required {...plainDateItem}>
            <DatePicker className="sn-full-width" format={DATE_INPUT_FORMATS[locale]} disabledDate={(d) => d.format('YYYY-MM-DD') > todayInChina()} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item name={['authorisation', 'signedByUids']} label={t('casework.app.signedBy')} required extra={t('casework.app.signedByHint')}>
            <Checkbox.Group options={members} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function ItemsSection({ form }: F) {
  const { t, label } = useI18n();
  const members = useMemberOptions(form);
  const items = (Form.useWatch('items', form) ?? {}) as ApplicationFormValues['items'];
  return (
    <Card title={t('casework.app.itemsTitle')} size="small" className="sn-gap" data-testid="application-items">
      <Typography.Paragraph type="secondary" className="sn-small">{t('casework.app.itemsHint')}</Typography.Paragraph>
      <Row gutter={[16, 4]}>
        {ITEM_KINDS.map((kind) => {
          const info = ITEM_KIND_INFO[kind];
          const ticked = items?.[kind]?.ticked;
          return (
            <Col key={kind} xs={24} md={12} xl={8}>
              <Form.Item name={['items', kind, 'ticked']} valuePropName="checked" style={{ marginBottom: ticked ? 4 : 12 }}>
                <Checkbox data-testid={`item-${kind}`}>
                  <span className="sn-strong">{label(ITEM_KIND_INFO, kind)}</span>
                  <Tag className="sn-gap-top-sm" style={{ marginInlineStart: 6 }}>{label(DEPARTMENT_INFO, info.department)}</Tag>
                </Checkbox>
              </Form.Item>
              {ticked && info.scope === 'person' && (
                <Form.Item name={['items', kind, 'memberUids']} label={t('casework.app.forMembers')} required style={{ marginBottom: 12 }}>
                  <Select mode="multiple" options={members} placeholder={t('casework.app.chooseMembers')} />
                </Form.Item>
              )}
              {ticked && kind === 'temporaryAssistance' && (
                <Form.Item name={['items', kind, 'temporaryType']} label={t('casework.items.temporaryType')} required style={{ marginBottom: 12 }}>
                  <Radio.Group options={TEMPORARY_ASSISTANCE_TYPES.map((x) => ({ value: x, label: t(`casework.temporaryType.${x}` as MessageKey) }))} />
                </Form.Item>
              )}
            </Col>
          );
        })}
      </Row>
      <Link to="/public/status" className="sn-small" target="_blank">{t('casework.app.publicLink')}</Link>
    </Card>
  );
}
