/**
 * A failed load. A missing record (404) says what is missing ("未找到案件 12", from `what` or the page's path) with
 * a way back and no retry; a refusal (4xx) shows the API's message; only a network or server failure (5xx) offers a
 * retry. The API's message is already in the user's language; its request id is shown for support.
 * NotFoundResult is that not-found on its own, for pages that know what is missing before asking (a malformed id,
 * a missing version) or that lead back somewhere of their own (the library, the case queue).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
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

interface NotFoundResultProps {
  /** What is missing, as a sentence ("未找到政策 12", "案件编号“abc”无效"). */
  title: ReactNode;
  /** Why it may be missing (default: the link may be wrong, withdrawn or outside the caller's view). */
  text?: ReactNode;
  /** Where "back" leads (default: the previous page, else home). */
  back?: { to: string; label: string };
  /** Further ways on, beside the way back (e.g. the policy's current version). */
  extra?: ReactNode;
  /** Test ids of the title and of the text. */
  testId?: string;
  textTestId?: string;
  requestId?: string;
}

/** A record that does not exist or is not the caller's to see: what is missing and the way back, never a retry. */
export function NotFoundResult({
  title,
  text,
  back,
  extra,
  testId = 'not-found-record',
  textTestId = 'load-error',
  requestId,
}: NotFoundResultProps) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<span data-testid={testId}>{title}</span>}
      subTitle={
        <>
          <div data-testid={textTestId}>{text ?? t('error.notFoundRecord.text')}</div>
          {requestId ? (
            <Typography.Text type="secondary" className="huiqi-mono">
              {t('common.requestId', { id: requestId })}
            </Typography.Text>
          ) : null}
        </>
      }
      extra={
        <Space wrap>
          {extra}
          <Button
            icon={<ArrowLeftOutlined />}
            type={back ? 'primary' : 'default'}
            onClick={() =>
              back ? navigate(back.to) : window.history.length > 1 ? navigate(-1) : navigate('/')
            }
            data-testid="error-back"
          >
            {back?.label ?? t('error.notFoundRecord.back')}
          </Button>
        </Space>
      }
    />
  );
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
      <NotFoundResult
        title={
          missing ? t('error.notFoundRecord.titleOf', { what: missing }) : t('error.notFoundRecord.title')
        }
        requestId={requestId}
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
