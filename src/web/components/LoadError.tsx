/**
 * A failed list load shown above the list: the API's message, and a retry button only when a retry can help
 * (network, 5xx); a 404 says what is not found. Nothing when there is no error.
 */
import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { isNotFound, isRetryable } from '../lib/errors.ts';

interface LoadErrorProps {
  error: Error | undefined;
  onRetry: () => void;
  style?: CSSProperties;
}

export function LoadError({ error, onRetry, style }: LoadErrorProps) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={isNotFound(error) ? t('error.notFoundRecord.title') : t('common.loadFailed')}
      description={error.message}
      style={{ marginBottom: 16, ...style }}
      data-testid="load-error-alert"
      action={
        isRetryable(error) ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
