// 入户核实: the visit record for a task, on a tablet or a phone at the family's door. Date, who visited, who was
// present, what was found, photos and documents, and what is decided now (the four ways of 国办发〔2023〕39号,
// plus closing and "no hardship"). The whole record is one submission with a UUID made when the form opens and
// kept across retries: after a lost connection "retry" sends the very same record, and the server answers with
// the first visit instead of recording a second one. The shared rules (validateVisitRecord) run before sending.
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert, AutoComplete, Button, Card, Checkbox, Col, Collapse, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Result, Row, Select, Space, Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError, NETWORK_ERROR } from '../../api/client';
import { caseworkApi, type TaskDetail, type VisitAnswer } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useMe } from '../../app/session';
import { DEPARTMENTS, DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { ITEM_KINDS, ITEM_KIND_INFO } from '../../../../src/casework/domain/items';
import { DISPOSITION_KINDS, DISPOSITION_LABELS, validateVisitRecord } from '../../../../src/casework/domain/visit';
import { WARNING_STATUS_LABELS } from '../../../../src/monitoring/rule-types';
import { useI18n, type MessageKey } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { formatFen } from '../../format/money';
import { Loading, PageError } from '../../components/PageState';
import { AttachmentsField } from './AttachmentsField';
import { LevelTag } from './casework-ui';
import { TASK_FINAL_STATUSES } from './deadline';
import { newClientId } from './client-id';
import { clearAllErrors, clearStaleErrors, placeErrors, reported } from '../../components/form-errors';
import { plainDateItem } from '../../components/form-items';
import { yuanToFen } from '../../format/money-input';
import { emptyVisitForm, MAIN_FINDINGS, MORE_FINDINGS, purposeFor, visitBody, visitErrorField, type VisitFormValues } from './visit-form';

const PRESENT_ROLES: MessageKey[] = ['casework.visit.role.head', 'casework.visit.role.spouse', 'casework.visit.role.child', 'casework.visit.role.parent', 'casework.visit.role.villageCadre', 'casework.visit.role.neighbour'];

export default function VisitFormPage() {
  const id = Number(useParams().id);
  const task = useRequest((signal) => caseworkApi.task(id, signal), [id]);
  const { t } = useI18n();
  const navigate = useNavigate();
  if (task.loading && !task.data) return <Loading />;
  if (task.error) return <PageError error={task.error} onRetry={task.reload} />;
  const x = task.data!;
  if (TASK_FINAL_STATUSES.includes(x.status)) {
    return (
      <Result status="info" title={t('casework.visit.taskClosed')}
        extra={<Button type="primary" onClick={() => navigate(`/casework/tasks/${x.id}`)}>{t('casework.visit.backToTask')}</Button>} />
    );
  }
  return <VisitForm task={x} />;
}

type Problem = { kind: 'invalid'; count: number; general: string[] } | { kind: 'offline' } | { kind: 'failed'; text: string; closed: boolean };

function VisitForm({ task }: { task: TaskDetail }) {
  const { t, pick, label, errorText, locale } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const today = todayInChina();
  const [form] = Form.useForm<VisitFormValues>();
  const initial = useMemo(() => emptyVisitForm(today, me, task), [today, me, task]);
  // One identity per record, kept across retries: a resubmission is recognised, never recorded twice.
  const [clientId] = useState(newClientId);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [answer, setAnswer] = useState<VisitAnswer | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const kind = Form.useWatch(['disposition', 'kind'], form);
  const purpose = purposeFor(task);

  const submit = async () => {
    const values = form.getFieldsValue(true) as VisitFormValues;
    clearAllErrors(form);
    setProblem(null);
    const body = visitBody(values, { clientId, purpose, taskId: task.id });
    const errors = validateVisitRecord(
      { ...body, warningId: purpose === 'warningVerification' ? `task:${task.id}` : undefined, attachments: body.attachments ?? [] } as Parameters<typeof validateVisitRecord>[0],
      { today },
    );
    if (errors.length) {
      const general = placeErrors(form, reported(errors), visitErrorField, pick);
      setProblem({ kind: 'invalid', count: errors.length, general });
      if (general.length) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    setSending(true);
    try {
      setAnswer(await caseworkApi.recordVisit(body));
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e instanceof ApiError && e.code === NETWORK_ERROR) setProblem({ kind: 'offline' });
      else if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        const general = placeErrors(form, reported(e.fields), visitErrorField, pick);
        setProblem({ kind: 'invalid', count: e.fields.length, general });
      } else setProblem({ kind: 'failed', text: errorText(e), closed: e instanceof ApiError && e.status === 409 });
      problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    } finally {
      setSending(false);
    }
  };

  if (answer) return <VisitDone task={task} answer={answer} />;

  return (
    <div className="sn-page sn-form-page sn-cw-visit">
      <Typography.Title level={3} data-testid="visit-title">{t('casework.visit.title', { name: task.personName ?? task.headName ?? '' })}</Typography.Title>
      <Space size={[6, 6]} wrap className="sn-gap">
        <LevelTag level={task.level} />
        <span className="sn-muted">{task.title}</span>
      </Space>
      <div ref={problemRef}>
        {problem?.kind === 'invalid' && (
          <Alert type="error" showIcon role="alert" className="sn-gap" title={t('casework.form.invalid', { n: problem.count })}
            description={problem.general.length ? <ul className="sn-error-list">{problem.general.map((g, i) => <li key={i}>{g}</li>)}</ul> : undefined} />
        )}
        {problem?.kind === 'offline' && (
          <Alert type="warning" showIcon role="alert" className="sn-gap" data-testid="visit-offline"
            title={t('casework.visit.offline')} description={t('casework.visit.offlineDetail')}
            action={<Button type="primary" icon={<ReloadOutlined />} loading={sending} onClick={() => void submit()}>{t('casework.visit.retry')}</Button>} />
        )}
        {problem?.kind === 'failed' && (
          <Alert type={problem.closed ? 'warning' : 'error'} showIcon role="alert" className="sn-gap" title={problem.closed ? t('casework.visit.conflict') : t('casework.form.failed')} description={problem.text}
            action={problem.closed ? <Button onClick={() => navigate(`/casework/tasks/${task.id}`)}>{t('casework.visit.backToTask')}</Button> : undefined} />
        )}
      </div>
      <Form<VisitFormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={(changed) => clearStaleErrors(form, changed)}>
        <Card title={t('casework.visit.basics')} size="small" className="sn-gap">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="visitedOn" label={t('casework.visit.date')} required {...plainDateItem}>
                <DatePicker className="sn-full-width" format={DATE_INPUT_FORMATS[locale]} disabledDate={(d) => d.format('YYYY-MM-DD') > today} inputReadOnly size="large" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('casework.visit.visitors')}</Typography.Text>
              <div className="sn-muted sn-small sn-gap-top-sm">{t('casework.visit.visitorsHint')}</div>
              <Form.List name="visitors">
                {(fields, { add, remove }) => (
                  <div className="sn-gap-top-sm">
                    {fields.map((f, i) => (
                      <Row key={f.key} gutter={8} wrap={false}>
                        <Col flex="auto">
                          <Form.Item name={[f.name, 'name']} style={{ marginBottom: 8 }}>
                            <Input size="large" maxLength={50} disabled={i === 0} aria-label={t('casework.visit.visitorN', { n: i + 1 })} placeholder={t('casework.visit.visitorName')} />
                          </Form.Item>
                        </Col>
                        {i > 0 && (
                          <Col flex="none">
                            <Button size="large" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.delete')} />
                          </Col>
                        )}
                      </Row>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>{t('casework.visit.addVisitor')}</Button>
                  </div>
                )}
              </Form.List>
            </Col>
            <Col xs={24} lg={12} className="sn-cw-present">
              <Typography.Text strong>{t('casework.visit.present')}</Typography.Text>
              <Form.List name="present">
                {(fields, { add, remove }) => (
                  <div className="sn-gap-top-sm">
                    {fields.map((f, i) => (
                      <Row key={f.key} gutter={8}>
                        <Col xs={11} sm={11}>
                          <Form.Item name={[f.name, 'name']} label={i === 0 ? t('member.name') : undefined}>
                            <Input size="large" maxLength={50} aria-label={t('casework.visit.presentName', { n: i + 1 })} />
                          </Form.Item>
                        </Col>
                        <Col xs={10} sm={11}>
                          <Form.Item name={[f.name, 'role']} label={i === 0 ? t('casework.visit.presentRole') : undefined}>
                            <AutoComplete size="large" options={PRESENT_ROLES.map((k) => ({ value: t(k) }))} aria-label={t('casework.visit.presentRoleN', { n: i + 1 })} placeholder={t('casework.visit.rolePlaceholder')} />
                          </Form.Item>
                        </Col>
                        <Col xs={3} sm={2} className={i === 0 ? 'sn-cw-row-actions' : undefined}>
                          {fields.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.delete')} />}
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '' })}>{t('casework.visit.addPresent')}</Button>
                  </div>
                )}
              </Form.List>
            </Col>
          </Row>
        </Card>

        <Card title={t('casework.visit.findings')} size="small" className="sn-gap">
          <Row gutter={16}>
            {MAIN_FINDINGS.map((s) => (
              <Col key={s} xs={24} md={12}>
                <Form.Item name={['findings', s]} label={t(`casework.finding.${s}` as MessageKey)}>
                  <Input.TextArea rows={3} maxLength={10000} placeholder={t(`casework.finding.${s}.hint` as MessageKey)} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Collapse size="small" items={[{
            key: 'more', label: t('casework.visit.moreFindings'), forceRender: true,
            children: (
              <Row gutter={16}>
                {MORE_FINDINGS.map((s) => (
                  <Col key={s} xs={24} md={12}>
                    <Form.Item name={['findings', s]} label={t(`casework.finding.${s}` as MessageKey)}>
                      <Input.TextArea rows={2} maxLength={10000} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            ),
          }]} />
        </Card>

        <Card title={t('casework.visit.attachments')} size="small" className="sn-gap">
          <Form.Item name="attachments" style={{ marginBottom: 0 }}>
            <AttachmentsField />
          </Form.Item>
        </Card>

        <Card title={t('casework.visit.disposition')} size="small" className="sn-gap">
          <Form.Item name={['disposition', 'kind']} label={t('casework.visit.dispositionKind')} required>
            <Radio.Group className="sn-cw-dispositions" options={DISPOSITION_KINDS.map((k) => ({ value: k, label: label(DISPOSITION_LABELS, k) }))} />
          </Form.Item>
          <DispositionFields kind={kind} />
        </Card>

        <div className="sn-form-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sending} size="large" data-testid="visit-submit">{t('casework.visit.submit')}</Button>
            <Button size="large" onClick={() => navigate(`/casework/tasks/${task.id}`)}>{t('action.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

function DispositionFields({ kind }: { kind?: string }) {
  const { t, label } = useI18n();
  switch (kind) {
    case 'startApplication':
      return (
        <Form.Item name={['disposition', 'items']} label={t('casework.visit.applyFor')} required>
          <Checkbox.Group className="sn-cw-checks" options={ITEM_KINDS.map((k) => ({ value: k, label: label(ITEM_KIND_INFO, k) }))} />
        </Form.Item>
      );
    case 'emergencyAssistance':
      return (
        <Row gutter={16}>
          <Col xs={24} sm={10} lg={6}>
            <Form.Item
              name={['disposition', 'amountYuan']}
              label={t('casework.visit.amount')}
              required
              rules={[{ validator: (_, v) => (v === undefined || v === null || v === '' || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('casework.form.amountInvalid')))) }]}
              extra={<AmountPreview />}
            >
              <InputNumber className="sn-full-width" size="large" min={0} precision={2} stringMode suffix={t('casework.yuan')} inputMode="decimal" data-testid="amount-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14} lg={18}>
            <Form.Item name={['disposition', 'reason']} label={t('casework.visit.emergencyReason')} required>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('casework.visit.emergencyReasonHint')} />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'referral':
      return (
        <Row gutter={16}>
          <Col xs={24} sm={10} lg={8}>
            <Form.Item name={['disposition', 'department']} label={t('casework.visit.department')} required>
              <Select size="large" options={DEPARTMENTS.map((d) => ({ value: d, label: label(DEPARTMENT_INFO, d) }))} placeholder={t('casework.form.choose')} data-testid="department-select" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14} lg={16}>
            <Form.Item name={['disposition', 'why']} label={t('casework.visit.why')} required>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'countyCoordination':
      return (
        <Form.Item name={['disposition', 'summary']} label={t('casework.visit.summary')} required>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('casework.visit.summaryHint')} />
        </Form.Item>
      );
    case 'recheck':
    case 'close':
      return (
        <Form.Item name={['disposition', 'reason']} label={t(kind === 'recheck' ? 'casework.visit.recheckReason' : 'casework.visit.closeReason')} required>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      );
    case 'noHardship':
      return (
        <Form.Item name={['disposition', 'note']} label={t('casework.visit.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** The typed amount as it will be recorded, so a slip (15000 for 1500) shows before sending. */
function AmountPreview() {
  const { t } = useI18n();
  const v = Form.useWatch(['disposition', 'amountYuan']);
  const fen = yuanToFen(v);
  if (fen === null || fen <= 0) return <span className="sn-muted">{t('casework.visit.amountHint')}</span>;
  return <span data-testid="amount-preview">{t('casework.visit.amountIs', { amount: formatFen(fen) })}</span>;
}

function VisitDone({ task, answer }: { task: TaskDetail; answer: VisitAnswer }) {
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const items = [
    answer.task && { key: 'task', label: t('casework.visit.doneTask'), children: t(`casework.taskStatus.${answer.task.status}` as MessageKey) },
    answer.warning && { key: 'warning', label: t('casework.task.warningStatus'), children: label(WARNING_STATUS_LABELS, answer.warning.status) },
    answer.decision && {
      key: 'decision', label: t('casework.visit.doneDecision'),
      children: <span data-testid="done-decision">{t('casework.visit.doneDecisionText', { amount: formatFen(answer.decision.amountFen), date: formatDate(answer.decision.payBy, locale) || '—' })}</span>,
    },
    answer.application && {
      key: 'application', label: t('casework.visit.doneApplication'),
      children: <Link to={`/casework/applications/${answer.application.id}`}>{t('casework.visit.doneApplicationText', { number: answer.application.number })}</Link>,
    },
    answer.referral && {
      key: 'referral', label: t('casework.visit.doneReferral'),
      children: t('casework.visit.doneReferralText', { department: label(DEPARTMENT_INFO, answer.referral.department), date: formatDate(answer.referral.dueOn, locale) || '—' }),
    },
    answer.followUpTask && {
      key: 'followUp', label: t('casework.visit.doneFollowUp'),
      children: <Link to={`/casework/tasks/${answer.followUpTask.id}`}>{t(`casework.taskKind.${answer.followUpTask.kind}` as MessageKey)}</Link>,
    },
    { key: 'files', label: t('casework.visit.attachments'), children: t('casework.visit.doneFiles', { n: answer.attachments.length }) },
  ].filter(Boolean) as { key: string; label: string; children: React.ReactNode }[];
  return (
    <div className="sn-page" data-testid="visit-done">
      <Result
        status="success"
        title={t('casework.visit.done')}
        subTitle={`${label(DISPOSITION_LABELS, answer.disposition)} · ${formatDate(answer.visitedOn, locale)}`}
        extra={
          <Space wrap>
            {task.personId && <Button type="primary" onClick={() => navigate(`/casework/persons/${task.personId}/file`)} data-testid="open-file">{t('casework.file.open')}</Button>}
            <Button onClick={() => navigate(`/casework/visits/${answer.visitId}`)}>{t('casework.visit.openRecord')}</Button>
            <Button onClick={() => navigate('/casework/tasks')}>{t('casework.task.backToQueue')}</Button>
          </Space>
        }
      />
      <Card size="small" className="sn-cw-public-card">
        <Descriptions size="small" column={1} items={items} />
      </Card>
    </div>
  );
}
