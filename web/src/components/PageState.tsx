// The three states every page shows instead of a blank screen: loading, failed (with the reason and a retry
// button), and nothing to show.
import { Button, Empty, Result, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, NETWORK_ERROR } from '../api/client';
import { useI18n } from '../i18n';

export function Loading({ tip }: { tip?: string }) {
  const { t } = useI18n();
  return (
    <div className="sn-loading" role="status" aria-live="polite">
      <Spin size="large" />
      <div className="sn-loading-text">{tip ?? t('state.loading')}</div>
    </div>
  );
}

export function PageError({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t, errorText } = useI18n();
  const status = error instanceof ApiError && error.status === 404 ? '404' : error instanceof ApiError && error.status === 403 ? '403' : 'error';
  const offline = error instanceof ApiError && error.code === NETWORK_ERROR;
  return (
    <Result
      status={status}
      title={title ?? (offline ? t('state.offline') : t('state.failed'))}
      subTitle={errorText(error)}
      extra={onRetry ? <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>{t('action.retry')}</Button> : undefined}
    />
  );
}

/**
 * A record page's failure: a 404 (also the server's answer for a record outside the caller's region) says
 * so and leads back to the list, since retrying cannot help; anything else is a PageError with retry.
 */
export function RecordError({ error, onRetry, notFound, notFoundDetail, backTo, backLabel }: {
  error: unknown;
  onRetry: () => void;
  notFound: string;
  notFoundDetail?: string;
  backTo: string;
  backLabel: string;
}) {
  const navigate = useNavigate();
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={notFound} subTitle={notFoundDetail} extra={<Button type="primary" onClick={() => navigate(backTo)}>{backLabel}</Button>} />;
  }
  return <PageError error={error} onRetry={onRetry} />;
}

export function EmptyState({ description, children }: { description: string; children?: ReactNode }) {
  return <Empty description={description}>{children}</Empty>;
}
