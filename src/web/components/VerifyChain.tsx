/** "Verify the hash chain" button with its ok / broken result, the key and checkpoint facts and findings (ADR 0010). */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, type AuditVerification, api } from '../api/client.ts';
import { isMessageKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../lib/format.ts';

/** The verify button and its result, to place separately. */
export function useVerifyChain() {
  const { t, locale } = useI18n();
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
  const at = (value: string | null) => (value ? formatDateTime(value, locale) : '');
  const findingText = (finding: AuditVerification['findings'][number]) =>
    t(`verify.finding.${finding.kind}`, { line: finding.line, seq: finding.seq ?? '?', at: at(finding.at) });

  /** Key and checkpoint facts under the verdict. */
  const details = (verification: AuditVerification) => {
    const lines: string[] = [];
    if (!verification.keyed) lines.push(t('verify.noKey'));
    else if (verification.keyedFrom !== null) lines.push(t('verify.keyed', { seq: verification.keyedFrom }));
    else lines.push(t('verify.notKeyedYet'));
    const checkpoints = verification.checkpoints;
    if (checkpoints && checkpoints.read > 0) {
      lines.push(t('verify.checkpoints', { read: checkpoints.read, matched: checkpoints.matched }));
      if (checkpoints.latestSeq !== null)
        lines.push(
          t('verify.checkpointsLatest', { seq: checkpoints.latestSeq, at: at(checkpoints.latestAt) }),
        );
    } else if (checkpoints) lines.push(t('verify.checkpointsNone'));
    if (verification.checkpoint)
      lines.push(
        t('verify.newCheckpoint', { seq: verification.checkpoint.seq, at: at(verification.checkpoint.at) }),
      );
    return lines.map((line) => <div key={line}>{line}</div>);
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
          description={
            <Flex vertical gap={4}>
              <div>{t('verify.ok', { checked: result.checked, lastSeq: result.lastSeq })}</div>
              {details(result)}
            </Flex>
          }
        />
      ) : null}
      {result && !result.ok ? (
        <Alert
          type="error"
          showIcon
          data-testid="verify-result"
          title={t(result.broken ? 'verify.brokenTitle' : 'verify.tamperedTitle')}
          description={
            <Flex vertical gap={4}>
              {result.broken ? (
                <div>
                  {t('verify.broken', {
                    seq: result.broken.seq,
                    reason: reasonText(result.broken.reason),
                    checked: result.checked,
                  })}
                </div>
              ) : (
                <div>{t('verify.ok', { checked: result.checked, lastSeq: result.lastSeq })}</div>
              )}
              {details(result)}
              {result.findings.length > 0 ? (
                <div data-testid="verify-findings">
                  <Typography.Text strong>{t('verify.findingsTitle')}</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {result.findings.map((finding) => (
                      <li key={`${finding.kind}-${finding.line}`}>{findingText(finding)}</li>
                    ))}
                  </ul>
                  {result.moreFindings > 0 ? (
                    <div>{t('verify.moreFindings', { count: result.moreFindings })}</div>
                  ) : null}
                </div>
              ) : null}
            </Flex>
          }
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
