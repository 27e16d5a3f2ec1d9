// 终止待遇: a county reviewer ends one award by hand — the last month paid, the reason and the grounds (kept
// with the award and read to the family). Sent with the award's version: if someone ended or adjusted it
// meanwhile the answer is 409, and the page says so and reloads. Needs benefits.decide.
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { ApiError } from '../../api/client';
import { benefitsApi, type AwardView } from '../../api/benefits';
import { useI18n, type MessageKey } from '../../i18n';
import { formatFen } from '../../format/money';
import { todayInChina } from '../../format/date';
import { clearStaleErrors } from '../../components/form-errors';
import {
  defaultEndMonth, endAwardBody, endAwardErrorField, endMonthAllowed, endsBeforeFirstPayment, MANUAL_END_REASONS, plainMonthItem,
  type EndAwardFormValues, type ManualEndReason,
} from './award-actions';
import { ActionProblems, useActionForm } from './action-form';
import { addMonths, formatMonth, monthOf } from './months';

const REASON_KEYS: Record<ManualEndReason, MessageKey> = {
  ineligible: 'benefits.end.reason.ineligible',
  death: 'benefits.end.reason.death',
  other: 'benefits.end.reason.other',
};

export function EndAwardDialog({ award, onClose, onDone, onConflict }: {
  award: AwardView;
  onClose: () => void;
  onDone: (ended: AwardView) => void;
  /** 409: the award was ended or adjusted since the page loaded it. */
  onConflict: (error: ApiError) => void;
}) {
  const { t, pick, locale } = useI18n();
  const send = (values: EndAwardFormValues) => benefitsApi.endAward(award.id, endAwardBody(values, award));
  const { form, busy, problems, submit } = useActionForm<EndAwardFormValues, Awaited<ReturnType<typeof send>>>({
    send, onDone, errorField: endAwardErrorField, onConflict,
  });
  const [initial] = useState(() => ({ endMonth: defaultEndMonth(award, monthOf(todayInChina())) }));
  const endMonth: string | undefined = Form.useWatch('endMonth', form) ?? initial.endMonth;

  return (
    <Modal
      open
      title={t('benefits.end.title')}
      okText={t('benefits.end.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ danger: true, 'data-testid': 'end-award-submit' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph className="sn-strong" data-testid="end-award-current">
        {t('benefits.end.current', {
          programme: pick(award.programmeLabel.zh, award.programmeLabel.en), who: award.personName ?? t('benefits.award.wholeHousehold'),
          amount: formatFen(award.amountFen), start: formatMonth(award.startMonth, locale),
        })}
      </Typography.Paragraph>
      <ActionProblems problems={problems} testId="end-award-problems" />
      <Form<EndAwardFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearStaleErrors(form, changed)}
        initialValues={initial}
        disabled={busy}
        data-testid="end-award-form"
      >
        <Form.Item
          name="endMonth"
          label={t('benefits.end.endMonth')}
          rules={[{ required: true, message: t('benefits.end.monthRequired') }]}
          extra={endMonth ? (endsBeforeFirstPayment(endMonth, award)
            ? t('benefits.end.neverPaid', { start: formatMonth(award.startMonth, locale) })
            : t('benefits.end.exitHint', { month: formatMonth(addMonths(endMonth, 1), locale) })) : undefined}
          {...plainMonthItem}
        >
          <DatePicker
            picker="month"
            className="sn-full-width"
            allowClear={false}
            format={locale === 'en' ? 'MMM YYYY' : 'YYYY年M月'}
            disabledDate={(d) => !endMonthAllowed(d.format('YYYY-MM'), award)}
            data-testid="end-award-month"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('benefits.end.reason')} rules={[{ required: true, message: t('benefits.end.reasonRequired') }]}>
          <Select
            options={MANUAL_END_REASONS.map((r) => ({ value: r, label: t(REASON_KEYS[r]) }))}
            data-testid="end-award-reason"
          />
        </Form.Item>
        <Form.Item name="note" label={t('benefits.end.note')} extra={t('benefits.end.noteHint')}
          rules={[{ required: true, whitespace: true, message: t('benefits.end.noteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="end-award-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
