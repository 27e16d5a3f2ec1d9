// A masked ID number or phone with a "show" button for roles that hold person.reveal. Showing asks for the
// reason, which the server writes to the audit trail with who looked; the value stays on screen only while
// this page is open and is never stored in the browser.
import { useState } from 'react';
import { AutoComplete, Button, Form, Modal, Tooltip, Typography } from 'antd';
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { registryApi, type RevealField } from '../api/registry';
import { useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';

const REASONS: MessageKey[] = ['reveal.reason.visit', 'reveal.reason.application', 'reveal.reason.verify', 'reveal.reason.contact'];

export function RevealableValue({ personId, personName, field, masked }: { personId: number; personName: string; field: RevealField; masked: string | null }) {
  const { can } = useSession();
  const { t, errorText } = useI18n();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  if (masked === null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (value !== undefined) {
    return (
      <span className="sn-revealed" data-testid={`revealed-${field}-${personId}`}>
        <Typography.Text copyable={!!value} className="sn-mono">
          {value ?? t('common.none')}
        </Typography.Text>
        <Tooltip title={t('reveal.logged')}>
          <SafetyCertificateOutlined className="sn-revealed-icon" aria-label={t('reveal.logged')} />
        </Tooltip>
      </span>
    );
  }

  const fieldLabel = t(field === 'idNumber' ? 'member.idNumber' : 'member.phone');
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await registryApi.reveal(personId, field, reason.trim());
      setValue(result.value);
      setOpen(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="sn-masked">
      <span className="sn-mono">{masked}</span>
      {can('person.reveal') && (
        <>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            onClick={() => {
              form.resetFields();
              setError(null);
              setOpen(true);
            }}
            aria-label={t('reveal.buttonFor', { what: fieldLabel, name: personName })}
          >
            {t('reveal.button')}
          </Button>
          <Modal
            open={open}
            title={t('reveal.title', { what: fieldLabel, name: personName })}
            okText={t('reveal.confirm')}
            cancelText={t('action.cancel')}
            confirmLoading={busy}
            onOk={() => form.submit()}
            onCancel={() => setOpen(false)}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">{t('reveal.explain')}</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item
                name="reason"
                label={t('reveal.reason')}
                rules={[{ required: true, whitespace: true, message: t('reveal.reasonRequired') }, { max: 200 }]}
                validateStatus={error ? 'error' : undefined}
                help={error ?? undefined}
              >
                <AutoComplete options={REASONS.map((k) => ({ value: t(k) }))} placeholder={t('reveal.reasonPlaceholder')} autoFocus />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </span>
  );
}
