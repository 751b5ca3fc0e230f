/** A failed list load shown above the list: the API's message and a retry button (nothing when there is no error). */
import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

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
      title={t('common.loadFailed')}
      description={error.message}
      style={{ marginBottom: 16, ...style }}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
