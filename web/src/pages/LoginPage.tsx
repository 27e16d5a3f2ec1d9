// Login: username and password; the session cookie is set by the server (HttpOnly), the CSRF token comes
// back in the answer and is kept in memory only.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useSession } from '../app/session';
import { Preferences } from '../app/AppLayout';
import { useI18n } from '../i18n';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage({ expired = false }: { expired?: boolean }) {
  const session = useSession();
  const { t, errorText } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await session.login(values.username.trim(), values.password);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="sn-login">
      <div className="sn-login-prefs">
        <Preferences />
      </div>
      <Card className="sn-login-card" variant="borderless">
        <div className="sn-login-brand">
          <span className="sn-brand-mark sn-brand-mark-lg" aria-hidden>
            ✓
          </span>
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        {expired && !error && <Alert type="warning" showIcon title={t('login.expired')} className="sn-gap" />}
        {!!error && <Alert type="error" showIcon title={errorText(error)} className="sn-gap" role="alert" />}
        <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="sn-login-note">
          {t('login.note')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
