/**
 * One policy in "my policies": title, document number and issuer, what the enterprise gets and how, the expiry,
 * the 免申即享 status, and why it qualifies (or what it misses) as the eligibility explanation tree.
 */

import {
  ArrowRightOutlined,
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  ExportOutlined,
  FormOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Input,
  Modal,
  Radio,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import type { MyPolicy } from '../../api/client.ts';
import { type ApplicationChannel, applicationsApi, CHANNELS } from '../../api/policyApplications.ts';
import { ExplanationTree, useClauseText } from '../../components/ExplanationTree.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { LocalizedText } from '../policies/policyParts.tsx';
import { BenefitStatusTag, MethodTag, useMethodText, usePaidText } from './PolicyLabels.tsx';

/** The three groups of "my policies". */
export type PolicyGroup = 'eligible' | 'almost' | 'unknown';

/** The DOM id of a policy's card (to scroll to it from the inbox). */
export const policyCardId = (id: number) => `my-policy-${id}`;

interface PolicyCardProps {
  policy: MyPolicy;
  group: PolicyGroup;
  /** Outlined for a while after arriving from a notification. */
  highlighted?: boolean;
  /** The user opened the policy's full text (its notices can be marked read). */
  onOpen?: (policy: MyPolicy) => void;
  /** The enterprise recorded an application (the list is read again). */
  onApplied?: () => void;
}

/** Policies obtained by applying (需申报, 快申快享). */
const appliedFor = (method: string) => method === 'application' || method === 'fast';

/**
 * Where to apply (the application link, the office, else whom to ask) and the enterprise's record of having
 * applied: "已于 … 申报", or a button to record it (channel, note).
 */
function ApplyBlock({ policy, onApplied }: { policy: MyPolicy; onApplied?: () => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [channel, setChannel] = useState<ApplicationChannel>(policy.applyUrl ? 'online' : 'office');
  const [note, setNote] = useState('');
  const url = safeLink(policy.applyUrl);
  const applied = policy.application;

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      await applicationsApi.apply(policy.id, { channel, ...(note.trim() ? { note: note.trim() } : {}) });
      setOpen(false);
      void message.success(t('myPolicies.apply.saved'));
      onApplied?.();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={4} align="flex-start" data-testid="my-policy-apply">
      {url ? (
        <Typography.Link
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="my-policy-apply-url"
        >
          {t('myPolicies.apply.online')} <ExportOutlined />
        </Typography.Link>
      ) : null}
      {policy.applyOffice ? (
        <Typography.Text data-testid="my-policy-apply-office">
          {t('myPolicies.apply.office', { office: policy.applyOffice })}
        </Typography.Text>
      ) : null}
      {!url && !policy.applyOffice ? (
        <Typography.Text type="secondary">
          {t('myPolicies.apply.ask', { who: policy.contact ?? policy.issuer })}
        </Typography.Text>
      ) : null}
      {applied ? (
        <Tag color="green" icon={<CheckCircleOutlined />} data-testid="my-policy-applied">
          {t('myPolicies.apply.done', {
            date: formatDate(todayInChina(new Date(applied.appliedAt)), locale),
          })}
          {' · '}
          {t(`myPolicies.apply.channel.${applied.channel as ApplicationChannel}`)}
        </Tag>
      ) : (
        <Button size="small" onClick={() => setOpen(true)} data-testid="my-policy-apply-record">
          {t('myPolicies.apply.record')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('myPolicies.apply.modalTitle')}
        okText={t('myPolicies.apply.submit')}
        confirmLoading={saving}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'my-policy-apply-submit' } as Record<string, string>}
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('myPolicies.apply.hint')}</Typography.Text>
          <Flex vertical gap={4}>
            <Typography.Text>{t('myPolicies.apply.channel')}</Typography.Text>
            <Radio.Group
              value={channel}
              onChange={(event) => setChannel(event.target.value as ApplicationChannel)}
              options={CHANNELS.map((c) => ({ value: c, label: t(`myPolicies.apply.channel.${c}`) }))}
              data-testid="my-policy-apply-channel"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text>{t('myPolicies.apply.note')}</Typography.Text>
            <Input.TextArea
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 5 }}
              placeholder={t('myPolicies.apply.notePlaceholder')}
              aria-label={t('myPolicies.apply.note')}
              data-testid="my-policy-apply-note"
            />
          </Flex>
          {error ? <Alert type="error" showIcon title={error} /> : null}
        </Flex>
      </Modal>
    </Flex>
  );
}

/** Only links that lead somewhere safe: http(s) or a path of this site. */
function safeLink(link: string | null): string | null {
  if (!link) return null;
  return /^(https?:\/\/|\/)/i.test(link.trim()) ? link.trim() : null;
}

export function PolicyCard({ policy, group, highlighted = false, onOpen, onApplied }: PolicyCardProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const text = useClauseText();
  const methodText = useMethodText();
  const paidText = usePaidText();
  const link = safeLink(policy.link);
  const method = methodText(policy.method);
  const publicPath = `/policies/${policy.id}`;
  /** The policy page links back here (我的政策, this tab). */
  const backState = { from: `${location.pathname}${location.search}` };
  const status = policy.benefitStatus;

  return (
    <Card
      id={policyCardId(policy.id)}
      data-testid="my-policy-card"
      data-policy-id={policy.id}
      data-group={group}
      data-highlighted={highlighted ? 'true' : undefined}
      style={{
        height: '100%',
        transition: 'box-shadow 0.3s, border-color 0.3s',
        ...(highlighted ? { borderColor: '#1458c4', boxShadow: '0 0 0 3px rgba(20, 88, 196, 0.25)' } : {}),
      }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <Flex vertical gap={4}>
        <Flex gap={8} align="flex-start" justify="space-between" wrap>
          <Typography.Title level={5} style={{ margin: 0, flex: '1 1 260px' }} data-testid="my-policy-title">
            <Link to={publicPath} state={backState} onClick={() => onOpen?.(policy)}>
              <LocalizedText text={policy.title} />
            </Link>
          </Typography.Title>
          <Flex gap={4} wrap>
            {policy.isNew ? (
              <Tag color="red" aria-label={t('myPolicies.newAria')} data-testid="my-policy-new">
                {t('myPolicies.new')}
              </Tag>
            ) : null}
            {policy.demo ? (
              <Tag color="gold" data-testid="my-policy-demo">
                {t('common.demoData')}
              </Tag>
            ) : null}
            <MethodTag method={policy.method} />
          </Flex>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <span className="huiqi-mono">{policy.documentNumber}</span>
          {' · '}
          {policy.issuer}
        </Typography.Text>
      </Flex>

      {group === 'almost' && policy.nearMiss ? (
        <Alert
          type="warning"
          showIcon
          icon={<ExclamationCircleOutlined />}
          title={t('myPolicies.nearMiss')}
          description={
            <Flex vertical gap={2}>
              <Typography.Text strong data-testid="my-policy-near-miss">
                {text(policy.nearMiss.text)}
              </Typography.Text>
              <Typography.Text type="secondary">{t('myPolicies.nearMissHint')}</Typography.Text>
            </Flex>
          }
        />
      ) : null}

      {group === 'unknown' ? (
        <Alert
          type="info"
          showIcon
          icon={<QuestionCircleOutlined />}
          title={t('myPolicies.missing')}
          description={
            <Flex vertical gap={8} align="flex-start">
              <Flex gap={4} wrap data-testid="my-policy-missing">
                {policy.missing.map((fact) => (
                  <Tag key={fact.zh} color="orange">
                    {text(fact)}
                  </Tag>
                ))}
              </Flex>
              <Button
                size="small"
                icon={<FormOutlined />}
                onClick={() => navigate('/app/my-enterprise')}
                data-testid="my-policy-report"
              >
                {t('myPolicies.report')}
              </Button>
            </Flex>
          }
        />
      ) : null}

      <Descriptions
        column={1}
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'benefit',
            label: t('myPolicies.benefit'),
            children: (
              <Typography.Text strong data-testid="my-policy-benefit">
                <LocalizedText text={policy.benefit} />
              </Typography.Text>
            ),
          },
          {
            key: 'how',
            label: t('myPolicies.how'),
            children: (
              <Flex vertical gap={2}>
                <span>
                  <Typography.Text strong>{method.label}</Typography.Text>
                  {method.hint ? (
                    <Typography.Text type="secondary">{` · ${method.hint}`}</Typography.Text>
                  ) : null}
                </span>
                {policy.howTo ? (
                  <Typography.Text>
                    <LocalizedText text={policy.howTo} />
                  </Typography.Text>
                ) : null}
                {link ? (
                  <Typography.Link href={link} target="_blank" rel="noopener noreferrer">
                    {t('myPolicies.link')} <ExportOutlined />
                  </Typography.Link>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'expires',
            label: t('myPolicies.expiresOn'),
            children: policy.expiresOn ? formatDate(policy.expiresOn, locale) : t('myPolicies.noExpiry'),
          },
          ...(appliedFor(policy.method) && group !== 'almost'
            ? [
                {
                  key: 'apply',
                  label: t('myPolicies.apply.title'),
                  children: <ApplyBlock policy={policy} onApplied={onApplied} />,
                },
              ]
            : []),
          ...(status
            ? [
                {
                  key: 'status',
                  label: t('myPolicies.benefitStatus'),
                  children: (
                    <Flex gap={8} align="center" wrap>
                      <BenefitStatusTag status={status.status} />
                      {status.status === 'paid' ? (
                        <Typography.Text data-testid="my-policy-paid">
                          {paidText(status.amount, status.paidOn)}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />

      <Collapse
        size="small"
        items={[
          {
            key: 'why',
            label: t(`myPolicies.why.${group}`),
            children: <ExplanationTree explanation={policy.explanation} testId="my-policy-why" />,
          },
        ]}
      />

      <Flex justify="flex-end" style={{ marginTop: 'auto' }}>
        <Link
          to={publicPath}
          state={backState}
          onClick={() => onOpen?.(policy)}
          data-testid="my-policy-full-text"
        >
          {t('myPolicies.fullText')} <ArrowRightOutlined />
        </Link>
      </Flex>
    </Card>
  );
}
