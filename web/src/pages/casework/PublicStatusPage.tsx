// 申请进度查询 for citizens, without login: the application number and an ID number named on the form → each
// item's status and deadline, nothing else. A wrong number of either kind gets the same neutral answer, and the
// server throttles guessing. The ID number stays in this page's memory and the POST body only.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Table, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { caseworkApi, type PublicItemStatus } from '../../api/casework';
import { Preferences } from '../../app/AppLayout';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { ItemStatusTag } from './casework-ui';

interface Values {
  applicationNumber: string;
  idNumber: string;
}

export default function PublicStatusPage() {
  const { t, pick, errorText, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [items, setItems] = useState<PublicItemStatus[] | null>(null);
  const [problem, setProblem] = useState<{ notFound: boolean; text: string } | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    setItems(null);
    try {
      setItems((await caseworkApi.publicStatus(v.applicationNumber.trim(), v.idNumber.trim())).items);
    } catch (e) {
      const notFound = e instanceof ApiError && e.status === 404;
      setProblem({ notFound, text: notFound ? t('casework.public.notFound') : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sn-cw-public">
      <div className="sn-cw-public-brand">
        <span className="sn-brand-mark sn-brand-mark-lg" aria-hidden>✓</span>
        <div className="sn-cw-public-title">
          <Typography.Title level={3} style={{ margin: 0, color: 'inherit' }}>{t('app.name')}</Typography.Title>
          <div>{t('casework.public.subtitle')}</div>
        </div>
        <div className="sn-cw-public-prefs"><Preferences /></div>
      </div>
      <Card className="sn-cw-public-card" title={t('casework.public.title')}>
        <Typography.Paragraph type="secondary">{t('casework.public.intro')}</Typography.Paragraph>
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="applicationNumber" label={t('casework.public.number')} rules={[{ required: true, whitespace: true, message: t('casework.public.numberRequired') }]}>
            <Input placeholder="SQ20261123-XXXXXXXX" autoComplete="off" maxLength={40} className="sn-mono" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('casework.public.idNumber')} extra={t('casework.public.idHint')}
            rules={[{ required: true, whitespace: true, message: t('casework.public.idRequired') }]}>
            <Input autoComplete="off" maxLength={20} className="sn-mono" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} block>{t('casework.public.submit')}</Button>
        </Form>
        {problem && (
          <Alert className="sn-gap-top" type={problem.notFound ? 'info' : 'error'} showIcon role="alert" title={problem.text} data-testid="public-status-problem" />
        )}
        {items && (
          <Table<PublicItemStatus>
            className="sn-gap-top"
            size="middle"
            rowKey={(r, i) => `${r.kind}-${i}`}
            pagination={false}
            dataSource={items}
            data-testid="public-status-items"
            columns={[
              { key: 'name', title: t('casework.public.item'), render: (_, r) => pick(r.name.zh, r.name.en) },
              { key: 'status', title: t('casework.public.status'), render: (_, r) => <ItemStatusTag status={r.status} /> },
              { key: 'due', title: t('casework.public.due'), render: (_, r) => (r.dueOn ? formatDate(r.dueOn, locale) : '—') },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" className="sn-gap-top sn-small">{t('casework.public.privacy')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
