/**
 * A failed load. A missing record (404) says what is missing ("未找到案件 12", from `what` or the page's path) with
 * a way back and no retry; a refusal (4xx) shows the API's message; only a network or server failure (5xx) offers a
 * retry. The API's message is already in the user's language; its request id is shown for support.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { isNotFound, isRetryable, recordOfPath } from '../lib/errors.ts';

interface ErrorResultProps {
  error: Error;
  title?: string;
  /** What was asked for, e.g. "政策 sme-loan" (default: read from the page's path). */
  what?: string;
  /** Offered only when a retry can help (network, 5xx). */
  onRetry?: () => void;
}

export function ErrorResult({ error, title, what, onRetry }: ErrorResultProps) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  const requestLine = requestId ? (
    <Typography.Text type="secondary" className="huiqi-mono">
      {t('common.requestId', { id: requestId })}
    </Typography.Text>
  ) : null;
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}
      data-testid="error-back"
    >
      {t('error.notFoundRecord.back')}
    </Button>
  );

  if (isNotFound(error)) {
    const record = recordOfPath(location.pathname);
    const missing = what ?? (record ? t(record.kind, { id: record.id }) : null);
    return (
      <Result
        status="404"
        title={
          <span data-testid="not-found-record">
            {missing ? t('error.notFoundRecord.titleOf', { what: missing }) : t('error.notFoundRecord.title')}
          </span>
        }
        subTitle={
          <>
            <div data-testid="load-error">{t('error.notFoundRecord.text')}</div>
            {requestLine}
          </>
        }
        extra={back}
      />
    );
  }

  const retryable = isRetryable(error);
  const status = error instanceof ApiError && error.status === 403 ? '403' : 'error';
  return (
    <Result
      status={status}
      title={title ?? t('common.loadFailed')}
      subTitle={
        <>
          <div data-testid="load-error">{error.message}</div>
          {requestLine}
        </>
      }
      extra={
        retryable && onRetry ? (
          <Button type="primary" onClick={onRetry} data-testid="error-retry">
            {t('common.retry')}
          </Button>
        ) : (
          back
        )
      }
    />
  );
}
