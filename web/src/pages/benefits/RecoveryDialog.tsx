// 确认好转（渐退）: a county reviewer confirms in a month that the household's income rose above the standard;
// every open 低保 and 单人保 award keeps its amount for the grace months (the policy's maximum unless given)
// and ends with the last of them. The answer — months still paid, last month, exit month, and the steps
// that explain them — is shown on the page afterwards (RecoveryPlanCard). Needs benefits.decide.
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { ApiError } from '../../api/client';
import { benefitsApi, type AwardView, type RecoveryPlan } from '../../api/benefits';
import { useI18n } from '../../i18n';
import { formatFen } from '../../format/money';
import { todayInChina } from '../../format/date';
import { clearStaleErrors } from '../../components/form-errors';
import { monthRange, plainMonthItem, recoveryBody, recoveryErrorField, type RecoveryFormValues } from './award-actions';
import { ActionProblems, useActionForm } from './action-form';
import { PolicyVersionText, StepList } from './explanation-ui';
import { formatMonth, monthOf } from './months';

export function RecoveryDialog({ householdId, awards, onClose, onDone, onConflict }: {
  householdId: number;
  /** The awards the recovery ends (recoverableAwards), listed so the reviewer sees what stops. */
  awards: AwardView[];
  onClose: () => void;
  onDone: (plan: RecoveryPlan) => void;
  /** 409: the awards were ended meanwhile (someone acted first). */
  onConflict: (error: ApiError) => void;
}) {
  const { t, pick, locale } = useI18n();
  const send = (values: RecoveryFormValues) => benefitsApi.confirmRecovery(householdId, recoveryBody(values));
  const { form, busy, problems, submit } = useActionForm<RecoveryFormValues, Awaited<ReturnType<typeof send>>>({
    send, onDone, errorField: recoveryErrorField, onConflict,
  });
  const thisMonth = monthOf(todayInChina());

  return (
    <Modal
      open
      title={t('benefits.recovery.title')}
      okText={t('benefits.recovery.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'recovery-submit' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('benefits.recovery.intro')}</Typography.Paragraph>
      <ul className="sn-gap" data-testid="recovery-awards">
        {awards.map((a) => (
          <li key={a.id}>
            {t('benefits.recovery.awardLine', {
              programme: pick(a.programmeLabel.zh, a.programmeLabel.en), who: a.personName ?? t('benefits.award.wholeHousehold'), amount: formatFen(a.amountFen),
            })}
          </li>
        ))}
      </ul>
      <ActionProblems problems={problems} testId="recovery-problems" />
      <Form<RecoveryFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearStaleErrors(form, changed)}
        initialValues={{ confirmationMonth: thisMonth, graceMonths: null }}
        disabled={busy}
        data-testid="recovery-form"
      >
        <Form.Item name="confirmationMonth" label={t('benefits.recovery.month')} rules={[{ required: true, message: t('benefits.recovery.monthRequired') }]} {...plainMonthItem}>
          <DatePicker
            picker="month"
            className="sn-full-width"
            allowClear={false}
            format={locale === 'en' ? 'MMM YYYY' : 'YYYY年M月'}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            data-testid="recovery-month"
          />
        </Form.Item>
        {/* The range is the policy's (the server says it when exceeded): only whole months are asked here. */}
        <Form.Item name="graceMonths" label={t('benefits.recovery.grace')} extra={t('benefits.recovery.graceHint')}>
          <InputNumber className="sn-full-width" min={0} precision={0} placeholder={t('benefits.recovery.gracePlaceholder')} data-testid="recovery-grace" />
        </Form.Item>
        <Form.Item name="note" label={t('benefits.recovery.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="recovery-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The graduated exit as decided: grace months, the months still paid, the last one, the exit, and why. */
export function RecoveryPlanCard({ plan, onClose }: { plan: RecoveryPlan; onClose: () => void }) {
  const { t, pick, locale } = useI18n();
  const paid = monthRange(plan.paidMonths, locale);
  return (
    <Card
      size="small"
      className="sn-gap-top"
      title={t('benefits.recovery.resultTitle', { month: formatMonth(plan.confirmationMonth, locale) })}
      extra={<Button type="link" size="small" onClick={onClose}>{t('benefits.recovery.hide')}</Button>}
      data-testid="recovery-plan"
    >
      <Descriptions
        size="small"
        className="sn-gap"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'grace', label: t('benefits.recovery.graceMonths'), children: <span data-testid="recovery-grace-months">{t('benefits.recovery.graceN', { n: plan.graceMonths })}</span> },
          { key: 'paid', label: t('benefits.recovery.paidMonths'), children: paid || t('benefits.recovery.noneMore') },
          { key: 'last', label: t('benefits.recovery.lastPaid'), children: <span data-testid="recovery-last-month">{formatMonth(plan.lastPaidMonth, locale)}</span> },
          { key: 'exit', label: t('benefits.recovery.exit'), children: t('benefits.recovery.exitFrom', { month: formatMonth(plan.exitMonth, locale) }) },
          {
            key: 'awards', label: t('benefits.recovery.awardsEnded'), span: 'filled' as const,
            children: plan.awards.map((a) => t('benefits.recovery.awardLine', {
              programme: pick(a.programmeLabel.zh, a.programmeLabel.en), who: a.personName ?? t('benefits.award.wholeHousehold'), amount: formatFen(a.amountFen),
            })).join('；'),
          },
          { key: 'policy', label: t('benefits.award.policyVersion'), span: 'filled' as const, children: <PolicyVersionText policy={plan.policyVersion} /> },
        ]}
      />
      {plan.steps.length > 0 && <StepList steps={plan.steps} testId="recovery-steps" />}
    </Card>
  );
}
