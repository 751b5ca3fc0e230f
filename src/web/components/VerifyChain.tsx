/** "Verify the hash chain" button with its ok / broken result. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { ApiError, type AuditVerification, api } from '../api/client.ts';
import { isMessageKey } from '../i18n/core.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** The verify button and its result, to place separately. */
export function useVerifyChain() {
  const t = useT();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (failure) {
      setResult(null);
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setRunning(false);
    }
  };

  const reasonText = (reason: string) => {
    const key = `verify.reason.${reason}`;
    return isMessageKey(key) ? t(key) : reason;
  };

  const button = (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={running}
      onClick={() => void run()}
      data-testid="verify-button"
    >
      {t('verify.button')}
    </Button>
  );
  const outcome = (
    <>
      {result?.ok ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setResult(null) }}
          data-testid="verify-result"
          title={t('verify.okTitle')}
          description={t('verify.ok', { checked: result.checked, lastSeq: result.lastSeq })}
        />
      ) : null}
      {result && !result.ok ? (
        <Alert
          type="error"
          showIcon
          data-testid="verify-result"
          title={t('verify.brokenTitle')}
          description={t('verify.broken', {
            seq: result.broken?.seq ?? '?',
            reason: reasonText(result.broken?.reason ?? ''),
            checked: result.checked,
          })}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error} /> : null}
    </>
  );
  return { button, outcome, shown: result !== null || error !== null };
}

/** Button and result stacked. */
export function VerifyChain() {
  const { button, outcome } = useVerifyChain();
  return (
    <Flex vertical gap={12} data-testid="verify-chain">
      <div>{button}</div>
      {outcome}
    </Flex>
  );
}
