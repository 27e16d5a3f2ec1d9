// Last line of defence: a component that throws while rendering shows a message and a way back instead of
// a blank page. Keyed by the route, so moving to another page clears it.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Space } from 'antd';
import { useI18n } from '../i18n';

interface Props {
  children: ReactNode;
  resetKey?: string;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <CrashNotice error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function CrashNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('state.crashed')}
      subTitle={error.message}
      extra={
        <Space wrap>
          <Button type="primary" onClick={onRetry}>{t('action.retry')}</Button>
          <Button onClick={() => window.location.reload()}>{t('action.reloadPage')}</Button>
        </Space>
      }
    />
  );
}
