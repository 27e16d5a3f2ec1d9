// 记录复核: a re-check done on a date (not before the last check, not after today), with whether the income
// now varies and what was found; the schedule then starts again from that date. Opened from the household's
// re-check schedule and from the rows of 复核提醒. Needs benefits.assess (township and county).
import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { benefitsApi, type RecordedRecheck } from '../../api/benefits';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { plainDateItem } from '../../components/form-items';
import { clearStaleErrors } from '../../components/form-errors';
import { recheckBody, recheckDateAllowed, recheckErrorField, type RecheckFormValues } from './award-actions';
import { ActionProblems, useActionForm } from './action-form';

export interface RecheckTarget {
  householdId: number;
  /** How the household is named in the dialog: '刘建国家'. */
  name: string;
  lastCheckedOn: string;
  nextDueOn: string;
  /** The stored fact, when the page knows it (shown beside 不变). */
  incomeVaries?: boolean | null;
}

export function RecheckDialog({ target, onClose, onDone }: {
  target: RecheckTarget;
  onClose: () => void;
  onDone: (recorded: RecordedRecheck) => void;
}) {
  const { t, locale } = useI18n();
  const send = (values: RecheckFormValues) => benefitsApi.recordRecheck(target.householdId, recheckBody(values));
  const { form, busy, problems, submit } = useActionForm<RecheckFormValues, Awaited<ReturnType<typeof send>>>({
    send, onDone, errorField: recheckErrorField,
  });
  const today = todayInChina();
  const known = target.incomeVaries === true || target.incomeVaries === false;

  return (
    <Modal
      open
      title={t('benefits.recheck.title', { name: target.name })}
      okText={t('benefits.recheck.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'recheck-submit' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" data-testid="recheck-current">
        {t('benefits.recheck.current', { last: formatDate(target.lastCheckedOn, locale), next: formatDate(target.nextDueOn, locale) })}
      </Typography.Paragraph>
      <ActionProblems problems={problems} testId="recheck-problems" />
      <Form<RecheckFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearStaleErrors(form, changed)}
        initialValues={{ checkedOn: today, income: 'keep' }}
        disabled={busy}
        data-testid="recheck-form"
      >
        <Form.Item name="checkedOn" label={t('benefits.recheck.checkedOn')} extra={t('benefits.recheck.checkedOnHint')}
          rules={[{ required: true, message: t('benefits.recheck.dateRequired') }]} {...plainDateItem}>
          <DatePicker
            className="sn-full-width"
            format={DATE_INPUT_FORMATS[locale]}
            allowClear={false}
            disabledDate={(d) => !recheckDateAllowed(d.format('YYYY-MM-DD'), target.lastCheckedOn, today)}
            data-testid="recheck-date"
          />
        </Form.Item>
        <Form.Item name="income" label={t('benefits.recheck.income')} extra={t('benefits.recheck.incomeHint')}>
          <Radio.Group
            options={[
              {
                value: 'keep',
                label: known
                  ? t('benefits.recheck.income.keepKnown', { current: t(target.incomeVaries ? 'benefits.recheck.income.varies' : 'benefits.recheck.income.stable') })
                  : t('benefits.recheck.income.keep'),
              },
              { value: 'stable', label: t('benefits.recheck.income.stable') },
              { value: 'varies', label: t('benefits.recheck.income.varies') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('benefits.recheck.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="recheck-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
