// One item of an application in a department's hands: what it is, for whom, who decides and who reviews, its
// status and deadline, the 低保 procedure's step with its own limits and publicity objections, the decision,
// and every move so far. The buttons are the actions the server allows this caller now; each asks for what it
// needs and is sent with the version this page saw, so if someone else acted first the answer is a 409 and
// the page says so and reloads on request.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { caseworkApi, type ItemDetail } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { DEPARTMENT_INFO } from '../../../../src/casework/domain/departments';
import { DIBAO_STEP_LABELS } from '../../../../src/casework/domain/dibao-procedure';
import { ITEM_STATUS_LABELS } from '../../../../src/casework/domain/item-status';
import { useI18n, type MessageKey } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { formatFen } from '../../format/money';
import { Loading, PageError } from '../../components/PageState';
import { ConflictAlert, Deadline, DecisionText, ItemStatusTag, TimeLimit } from './casework-ui';
import { ITEM_FINAL_STATUSES } from './deadline';
import { actionBody, actionInputs, actionTone, isMonthly, type ActionFormValues, type ActionType } from './item-action-form';
import { yuanToFen } from '../../format/money-input';
import { clearAllErrors, placeErrors, reported } from '../../components/form-errors';
import { plainDateItem } from '../../components/form-items';

export default function ItemPage() {
  const id = Number(useParams().id);
  const item = useRequest((signal) => caseworkApi.item(id, signal), [id]);
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  const [action, setAction] = useState<ActionType | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  if (item.loading && !item.data) return <Loading />;
  if (item.error) return <PageError error={item.error} onRetry={item.reload} />;
  const i = item.data!;
  const reload = () => {
    setConflict(null);
    item.reload();
  };

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="item-title">
            {pick(i.kindLabel.zh, i.kindLabel.en)}{i.memberName ? ` · ${i.memberName}` : ''}
          </Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <ItemStatusTag status={i.status} />
            {i.procedure && <Tag color="cyan">{pick(i.procedure.stepLabel.zh, i.procedure.stepLabel.en)}</Tag>}
            {i.followOn && <Tag color="purple">{t('casework.items.followOn')}</Tag>}
            <Link to={`/casework/applications/${i.applicationId}`} className="sn-mono">{i.applicationNumber}</Link>
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
        </Space>
      </div>

      {conflict !== null && <div className="sn-gap-top"><ConflictAlert text={conflict} onReload={reload} reloading={item.loading} /></div>}

      <Card title={t('casework.items.actions')} size="small" className="sn-gap-top" data-testid="item-actions">
        {i.allowedActions.length === 0 ? (
          <span className="sn-muted">{ITEM_FINAL_STATUSES.includes(i.status) ? t('casework.items.final') : t('casework.items.notYours')}</span>
        ) : (
          <Space wrap>
            {i.allowedActions.map((a) => {
              const tone = actionTone(a);
              return (
                <Button key={a} size="large" type={tone === 'primary' ? 'primary' : 'default'} danger={tone === 'danger'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                  {t(`casework.itemAction.${a}` as MessageKey)}
                </Button>
              );
            })}
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]} className="sn-gap-top">
        <Col xs={24} lg={12}><ItemFacts item={i} /></Col>
        <Col xs={24} lg={12}>{i.procedure ? <Procedure item={i} /> : <DecisionCard item={i} />}</Col>
      </Row>

      <Card title={t('casework.items.history')} size="small" className="sn-gap-top">
        <Timeline items={i.history.map((h, n) => ({
          key: n,
          color: h.toStatus === 'approved' ? 'green' : h.toStatus === 'refused' ? 'red' : 'blue',
          content: (
            <div>
              <span className="sn-strong">{t(`casework.itemAction.${h.action}` as MessageKey)}</span>
              <span className="sn-muted"> · {formatDate(h.on, locale)} · {h.actor === 'system' ? t('casework.file.system') : h.actor}</span>
              {h.toStep && h.toStep !== h.fromStep && <span className="sn-small"> · {pick(DIBAO_STEP_LABELS[h.toStep as keyof typeof DIBAO_STEP_LABELS]?.zh ?? h.toStep, DIBAO_STEP_LABELS[h.toStep as keyof typeof DIBAO_STEP_LABELS]?.en ?? h.toStep)}</span>}
              {!h.toStep && h.toStatus && h.toStatus !== h.fromStatus && <span className="sn-small"> · {pick(ITEM_STATUS_LABELS[h.toStatus as keyof typeof ITEM_STATUS_LABELS]?.zh ?? h.toStatus, ITEM_STATUS_LABELS[h.toStatus as keyof typeof ITEM_STATUS_LABELS]?.en ?? h.toStatus)}</span>}
              {h.note && <div className="sn-small">{h.note}</div>}
            </div>
          ),
        }))} />
      </Card>

      {action && (
        <ActionDialog
          item={i}
          type={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            item.reload();
          }}
          onConflict={(text) => {
            setAction(null);
            setConflict(text);
          }}
        />
      )}
    </div>
  );
}

function ItemFacts({ item: i }: { item: ItemDetail }) {
  const { t, pick, label, locale } = useI18n();
  return (
    <Card title={t('casework.items.facts')} size="small" className="sn-card-fill">
      <Descriptions size="small" column={1} items={[
        { key: 'department', label: t('casework.items.department'), children: i.departmentLabel ? pick(i.departmentLabel.zhFull, i.departmentLabel.en) : i.department },
        ...(i.reviewers.length ? [{ key: 'reviewers', label: t('casework.items.reviewers'), children: i.reviewers.map((r: string) => label(DEPARTMENT_INFO, r)).join('、') }] : []),
        { key: 'queue', label: t('casework.items.queue'), children: label(DEPARTMENT_INFO, i.queueDepartment) },
        ...(i.memberName ? [{ key: 'member', label: t('casework.items.member'), children: `${i.memberName} · ${i.memberIdNumberMasked ?? ''}` }] : []),
        ...(i.temporaryAssistanceType ? [{ key: 'type', label: t('casework.items.temporaryType'), children: t(`casework.temporaryType.${i.temporaryAssistanceType}` as MessageKey) }] : []),
        { key: 'received', label: t('casework.items.received'), children: formatDate(i.receivedOn, locale) },
        { key: 'due', label: t('casework.tasks.deadline'), children: <Deadline facts={{ dueOn: i.dueOn, overdue: i.overdue, final: ITEM_FINAL_STATUSES.includes(i.status) }} compact /> },
        { key: 'limit', label: t('casework.task.limit'), children: <TimeLimit amount={i.deadline.amount} unit={i.deadline.unit} source={i.deadline.source} /> },
      ]} />
    </Card>
  );
}

function DecisionCard({ item: i }: { item: ItemDetail }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('casework.items.decision')} size="small" className="sn-card-fill">
      <DecisionText item={i} />
      {i.decision && (
        <div className="sn-muted sn-small sn-gap-top-sm">
          {t('casework.items.decidedBy', { who: i.decision.decidedBy ?? '', date: formatDate(i.decision.decidedOn, locale) })}
          {i.decision.policyVersion && ` · ${t('casework.file.policy', { version: i.decision.policyVersion })}`}
        </div>
      )}
    </Card>
  );
}

/** The 低保 procedure: step, its running limits, the publicity round and its objections, the decision. */
function Procedure({ item: i }: { item: ItemDetail }) {
  const { t, pick, locale } = useI18n();
  const p = i.procedure!;
  return (
    <Card title={t('casework.items.procedure')} size="small" className="sn-card-fill" data-testid="procedure">
      <Descriptions size="small" column={1} items={[
        { key: 'step', label: t('casework.items.step'), children: <Tag color="cyan">{pick(p.stepLabel.zh, p.stepLabel.en)}</Tag> },
        { key: 'accepted', label: t('casework.items.acceptedOn'), children: formatDate(p.acceptedOn, locale) },
        ...(p.investigators.length ? [{ key: 'inv', label: t('casework.items.investigators'), children: p.investigators.join('、') }] : []),
        ...p.openDeadlines.map((d) => ({
          key: d.what, label: t(`casework.items.limit.${d.what}` as MessageKey),
          children: <Deadline facts={{ dueOn: d.due, overdue: d.overdue, final: false }} compact />,
        })),
        ...(p.publicity ? [{
          key: 'publicity', label: t('casework.items.publicity'),
          children: (
            <div>
              <div>{t('casework.items.publicityRange', { from: formatDate(p.publicity.startedOn, locale), to: formatDate(p.publicity.endsOn, locale) })}{p.publicity.ended ? ` · ${t('casework.items.publicityEnded')}` : ''}</div>
              {p.publicity.objections.length > 0 && (
                <ul className="sn-diff-list" data-testid="objections">
                  {p.publicity.objections.map((o, n) => <li key={n}>{formatDate(o.receivedOn, locale)}：{o.summary}</li>)}
                </ul>
              )}
            </div>
          ),
        }] : []),
        ...(p.decision ? [{ key: 'decision', label: t('casework.items.decision'), children: t('casework.items.monthly', { amount: formatFen(p.decision.amountFenPerMonth), month: p.decision.startMonth }) }] : []),
        ...(p.refusal ? [{
          key: 'refusal', label: t('casework.items.refusal'),
          children: (
            <div>
              <div className="sn-danger">{p.refusal.reason}</div>
              <div className="sn-small">{p.refusal.notifiedOn ? t('casework.items.notifiedOn', { date: formatDate(p.refusal.notifiedOn, locale) }) : t('casework.items.noticeDue', { date: formatDate(p.refusal.noticeDue, locale) })}</div>
            </div>
          ),
        }] : []),
      ]} />
    </Card>
  );
}

function ActionDialog({ item, type, onClose, onDone, onConflict }: { item: ItemDetail; type: ActionType; onClose: () => void; onDone: () => void; onConflict: (text: string) => void }) {
  const { t, pick, errorText, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const today = todayInChina();
  const inputs = actionInputs(type, item);
  const followUp = Form.useWatch('followUpKind', form);
  const required = (msg: MessageKey) => [{ required: true, whitespace: true, message: t(msg) }];

  const submit = async (values: ActionFormValues) => {
    setBusy(true);
    setGeneral([]);
    clearAllErrors(form);
    try {
      await caseworkApi.itemAction(item.id, item.version, actionBody(type, values, item));
      message.success(t('casework.items.done', { action: t(`casework.itemAction.${type}` as MessageKey) }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onConflict(errorText(e));
      else if (e instanceof ApiError && e.fields.length) {
        setGeneral(placeErrors(form, reported(e.fields), actionErrorField, pick));
      } else setGeneral([errorText(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('casework.items.dialogTitle', { action: t(`casework.itemAction.${type}` as MessageKey) })}
      okText={t('casework.items.confirm')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ danger: actionTone(type) === 'danger', 'data-testid': 'action-confirm' } as never}
      destroyOnHidden
    >
      {general.length > 0 && <Alert type="error" showIcon className="sn-gap" title={<ul className="sn-error-list">{general.map((g, n) => <li key={n}>{g}</li>)}</ul>} />}
      <Form<ActionFormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ on: today, followUpKind: 're_survey' }}>
        <Form.Item name="on" label={t('casework.items.on')} {...plainDateItem}>
          <DatePicker className="sn-full-width" format={DATE_INPUT_FORMATS[locale]} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
        </Form.Item>
        {inputs.includes('opinion') && (
          <Form.Item name="opinion" label={t('casework.items.opinion')} rules={[{ required: true, message: t('casework.items.opinionRequired') }]}>
            <Radio.Group options={[{ value: 'support', label: t('casework.items.support') }, { value: 'oppose', label: t('casework.items.oppose') }]} />
          </Form.Item>
        )}
        {(inputs.includes('monthlyAmount') || inputs.includes('oneOffAmount')) && (
          <Form.Item
            name="amountYuan"
            label={t(inputs.includes('monthlyAmount') ? 'casework.items.monthlyAmount' : 'casework.items.oneOffAmount')}
            rules={[{
              required: inputs.includes('monthlyAmount'), message: t('casework.form.amountInvalid'),
              validator: (_, v) => ((v === undefined || v === null || v === '') && !inputs.includes('monthlyAmount')) || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('casework.form.amountInvalid'))),
            }]}
            extra={isMonthly(item) ? t('casework.items.startMonthHint') : undefined}
          >
            <InputNumber className="sn-full-width" min={0} precision={2} stringMode suffix={t('casework.yuan')} />
          </Form.Item>
        )}
        {inputs.includes('policyVersion') && (
          <Form.Item name="policyVersion" label={t('casework.items.policyVersion')} rules={required('casework.items.policyRequired')} extra={t('casework.items.policyHint')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {inputs.includes('investigators') && (
          <Form.Item name="investigators" label={t('casework.items.investigators')} rules={required('casework.items.investigatorsRequired')} extra={t('casework.items.investigatorsHint')}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        {inputs.includes('surveyFormSigned') && (
          <Form.Item name="surveyFormSigned" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('casework.items.signedRequired')))) }]}>
            <Checkbox>{t('casework.items.surveyFormSigned')}</Checkbox>
          </Form.Item>
        )}
        {inputs.includes('reportId') && (
          <Form.Item name="reportId" label={t('casework.items.reportId')} rules={required('casework.items.reportRequired')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {inputs.includes('followUp') && (
          <>
            <Form.Item name="followUpKind" label={t('casework.items.followUp')} rules={[{ required: true }]}>
              <Radio.Group options={[{ value: 're_survey', label: t('casework.items.reSurvey') }, { value: 'community_review', label: t('casework.items.communityReview') }]} />
            </Form.Item>
            {followUp === 're_survey' && (
              <Form.Item name="followUpInvestigators" label={t('casework.items.investigators')} rules={required('casework.items.investigatorsRequired')} extra={t('casework.items.investigatorsHint')}>
                <Input maxLength={300} />
              </Form.Item>
            )}
          </>
        )}
        {inputs.includes('summary') && (
          <Form.Item name="summary" label={t(type === 'recordObjection' ? 'casework.items.objection' : 'casework.items.reviewSummary')} rules={required('casework.items.summaryRequired')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        {inputs.includes('reason') && (
          <Form.Item name="reason" label={t(type === 'refuse' ? 'casework.items.refuseReason' : 'casework.items.withdrawReason')} rules={required('casework.items.reasonRequired')}
            extra={type === 'refuse' ? t('casework.items.refuseHint') : undefined}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        {(inputs.includes('note') || inputs.includes('noteRequired')) && (
          <Form.Item name="note" label={t('casework.items.note')} rules={inputs.includes('noteRequired') ? required('casework.items.noteRequired') : undefined}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The server names fields of the action (action.reason, action.amountFenPerMonth…). */
function actionErrorField(field: string): (string | number)[] | null {
  const key = field.replace(/^action\./, '');
  const map: Record<string, string> = {
    on: 'on', note: 'note', opinion: 'opinion', amountFenPerMonth: 'amountYuan', amountFen: 'amountYuan', policyVersion: 'policyVersion', reason: 'reason',
    investigators: 'investigators', surveyFormSigned: 'surveyFormSigned', reportId: 'reportId', summary: 'summary', followUp: 'followUpKind',
  };
  const first = key.split(/[.[]/)[0];
  return map[first] ? [map[first]] : null;
}
