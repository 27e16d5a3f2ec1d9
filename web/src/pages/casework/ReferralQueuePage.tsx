// 转介办理: families a home visit pushed to a department (国办发〔2023〕39号: 推送相关部门). A department sees
// its own referrals, accepts them and closes them with its result (which may settle the warning behind them);
// civil-affairs staff follow them all. Every change names the version it saw: a 409 says someone acted first.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { caseworkApi, type ReferralView } from '../../api/casework';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState, PageError } from '../../components/PageState';
import { ConflictAlert, Deadline } from './casework-ui';

const STATUS_COLOURS: Record<string, string> = { open: 'orange', accepted: 'blue', closed: 'green' };

export default function ReferralQueuePage() {
  const { t, pick, errorText, locale } = useI18n();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<'open' | 'accepted' | 'closed' | 'all'>('open');
  const list = useRequest((signal) => caseworkApi.referrals({ status: status === 'all' ? undefined : status, pageSize: 100 }, signal), [status]);
  const [closing, setClosing] = useState<ReferralView | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const mayWork = can('referrals.work');

  const act = async (r: ReferralView, action: { type: 'accept' } | { type: 'close'; result: string }) => {
    setConflict(null);
    try {
      await caseworkApi.referralAction(r.id, r.version, action);
      message.success(t(action.type === 'accept' ? 'casework.referrals.accepted' : 'casework.referrals.closed'));
      setClosing(null);
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setClosing(null);
        setConflict(errorText(e));
      } else throw e;
    }
  };

  const columns: TableProps<ReferralView>['columns'] = [
    {
      key: 'who', title: t('casework.tasks.who'), width: 170,
      render: (_, r) => (
        <div>
          <span className="sn-strong">{r.personName ?? r.headName ?? '—'}</span>
          <div className="sn-muted sn-small">{r.householdAddress}</div>
        </div>
      ),
    },
    { key: 'department', title: t('casework.items.department'), width: 140, render: (_, r) => (r.departmentLabel ? pick(r.departmentLabel.zh, r.departmentLabel.en) : r.department) },
    { key: 'why', title: t('casework.visit.why'), dataIndex: 'why' },
    { key: 'status', title: t('casework.items.status'), width: 100, render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{t(`casework.referrals.status.${r.status}` as MessageKey)}</Tag> },
    { key: 'due', title: t('casework.tasks.deadline'), width: 160, render: (_, r) => <Deadline facts={{ dueOn: r.dueOn, overdue: r.overdue, final: r.status === 'closed' }} /> },
    {
      key: 'result', title: t('casework.referrals.result'), responsive: ['lg'],
      render: (_, r) => (r.result ? <span>{r.result}<span className="sn-muted sn-small"> · {formatDate(r.closedOn, locale)}</span></span> : <span className="sn-muted">—</span>),
    },
    {
      key: 'actions', title: '', width: 170, fixed: 'right',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.visitId && <Link to={`/casework/visits/${r.visitId}`}>{t('casework.referrals.visit')}</Link>}
          {mayWork && r.allowedActions.includes('accept') && <Button size="small" onClick={() => void act(r, { type: 'accept' }).catch((e) => message.error(errorText(e)))}>{t('casework.referrals.accept')}</Button>}
          {mayWork && r.allowedActions.includes('close') && <Button size="small" type="primary" onClick={() => setClosing(r)}>{t('casework.referrals.close')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <div className="sn-page">
      <div className="sn-page-head sn-gap">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('casework.referrals.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('action.refresh')}</Button>
      </div>
      {conflict !== null && <ConflictAlert text={conflict} onReload={() => { setConflict(null); list.reload(); }} />}
      <Card size="small">
        <div className="sn-cw-filters">
          <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={(['open', 'accepted', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`casework.referrals.status.${s}` as MessageKey) }))} />
        </div>
        {list.error ? <PageError error={list.error} onRetry={list.reload} /> : (
          <Table<ReferralView>
            rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} scroll={{ x: 960 }} pagination={false}
            rowClassName={(r) => (r.overdue ? 'sn-row-overdue' : '')}
            locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('casework.referrals.empty')} /> }}
          />
        )}
      </Card>
      {closing && <CloseDialog referral={closing} onClose={() => setClosing(null)} onSubmit={(result) => act(closing, { type: 'close', result })} />}
    </div>
  );
}

function CloseDialog({ referral, onClose, onSubmit }: { referral: ReferralView; onClose: () => void; onSubmit: (result: string) => Promise<void> }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ result: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open title={t('casework.referrals.closeTitle', { name: referral.personName ?? referral.headName ?? '' })} okText={t('casework.items.confirm')} cancelText={t('action.cancel')}
      confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon className="sn-gap" title={error} />}
      <Form form={form} layout="vertical" onFinish={async ({ result }) => {
        setBusy(true);
        setError(null);
        try {
          await onSubmit(result.trim());
        } catch (e) {
          setError(errorText(e));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="result" label={t('casework.referrals.result')} rules={[{ required: true, whitespace: true, message: t('casework.referrals.resultRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
