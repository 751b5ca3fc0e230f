/** A failed load: the API's message (already in the user's language), its request id, and a retry button. */
import { Button, Result, Typography } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';

interface ErrorResultProps {
  error: Error;
  title?: string;
  onRetry?: () => void;
}

export function ErrorResult({ error, title, onRetry }: ErrorResultProps) {
  const t = useT();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  const status =
    error instanceof ApiError && error.status === 403
      ? '403'
      : error instanceof ApiError && error.status === 404
        ? '404'
        : 'error';
  return (
    <Result
      status={status}
      title={title ?? t('common.loadFailed')}
      subTitle={
        <>
          <div data-testid="load-error">{error.message}</div>
          {requestId ? (
            <Typography.Text type="secondary" className="huiqi-mono">
              {t('common.requestId', { id: requestId })}
            </Typography.Text>
          ) : null}
        </>
      }
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
