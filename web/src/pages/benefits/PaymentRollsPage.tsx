// 发放名册: the monthly payment rolls of the counties in scope, with their totals; a county officer
// (payments.manage) makes the month's roll for the county — or, when it exists, adds only the lines missing
// from it as a new batch (a rerun never pays twice) — and opens it.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { benefitsApi, type RollView } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useMe, useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDateTime, todayInChina } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { Money } from './explanation-ui';
import { addMonths, formatMonth, monthOf } from './months';

export default function PaymentRollsPage() {
  const { t, locale, errorText } = useI18n();
  const { can } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const rolls = useRequest((signal) => benefitsApi.rolls({}, signal), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Rolls are made for the county's own households: only a county account has payments.manage.
  const maker = can('payments.manage') && me.regionLevel === 3;

  const create = async ({ month }: { month: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await benefitsApi.createRoll({ countyCode: me.regionCode, month: month.format('YYYY-MM') });
      if (r.created) message.success(t('benefits.rolls.created', { month: formatMonth(r.roll.month, locale), n: r.addedLines }));
      else if (r.addedLines > 0) message.success(t('benefits.rolls.added', { n: r.addedLines, batch: r.addedBatch ?? 0 }));
      else message.info(t('benefits.rolls.unchanged'));
      navigate(`/benefits/payment-rolls/${r.roll.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<RollView>['columns'] = [
    { key: 'county', title: t('benefits.rolls.county'), dataIndex: 'countyName', width: 140 },
    { key: 'month', title: t('benefits.rolls.month'), dataIndex: 'month', width: 110, render: (m: string) => formatMonth(m, locale) },
    { key: 'lines', title: t('benefits.rolls.lines'), width: 90, align: 'right', render: (_, r) => r.totals.all.lines },
    { key: 'toPay', title: t('benefits.rolls.toPay'), width: 150, align: 'right', render: (_, r) => <span>{r.totals.toPay.lines} · <Money fen={r.totals.toPay.amountFen} /></span> },
    { key: 'held', title: t('benefits.rolls.held'), width: 90, align: 'right', render: (_, r) => (r.totals.held.lines ? <span className="sn-danger">{r.totals.held.lines}</span> : 0) },
    { key: 'batches', title: t('benefits.rolls.batches'), dataIndex: 'batchCount', width: 80, align: 'right' },
    { key: 'by', title: t('benefits.rolls.createdBy'), width: 190, responsive: ['lg'], render: (_, r) => <span className="sn-small">{r.createdBy} · {formatDateTime(r.createdAt, locale)}</span> },
    { key: 'open', title: '', width: 90, fixed: 'right', render: (_, r) => <Button size="small" onClick={() => navigate(`/benefits/payment-rolls/${r.id}`)}>{t('benefits.rolls.open')}</Button> },
  ];

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.rolls.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.rolls.intro')}</Typography.Paragraph>
      {maker && (
        <Card size="small" title={t('benefits.rolls.make', { county: me.regionName })} className="sn-gap">
          <Form<{ month: Dayjs }> layout="inline" initialValues={{ month: dayjs(`${addMonths(monthOf(todayInChina()), 1)}-01`) }} onFinish={create}>
            <Form.Item name="month" label={t('benefits.rolls.month')} rules={[{ required: true }]}>
              <DatePicker picker="month" allowClear={false} format={locale === 'en' ? 'MMM YYYY' : 'YYYY年M月'} data-testid="roll-month" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<FileAddOutlined />} loading={busy} data-testid="make-roll">{t('benefits.rolls.makeButton')}</Button>
            </Space>
          </Form>
          <Typography.Paragraph type="secondary" className="sn-small sn-gap-top-sm">{t('benefits.rolls.rerunNote')}</Typography.Paragraph>
          {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
        </Card>
      )}
      <Card size="small">
        {rolls.error ? (
          <PageError error={rolls.error} onRetry={rolls.reload} />
        ) : (
          <Table<RollView>
            rowKey="id"
            size="middle"
            loading={rolls.loading}
            dataSource={rolls.data ?? []}
            columns={columns}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 24, hideOnSinglePage: true }}
            locale={{ emptyText: rolls.loading ? ' ' : <EmptyState description={t('benefits.rolls.none')} /> }}
            data-testid="rolls-table"
          />
        )}
      </Card>
    </div>
  );
}
