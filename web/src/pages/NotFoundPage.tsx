import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';

export default function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('state.pageNotFound')}
      subTitle={t('state.pageNotFoundDetail')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('action.home')}</Button>}
    />
  );
}
