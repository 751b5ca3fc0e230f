/**
 * `/policies/:id` (public), optionally `?version=N`: one published policy — its particulars, benefit, how to
 * obtain it, the plain-language interpretation, the full text, the version history (an earlier version can be
 * read, with a banner) — and the eligibility check anyone can try without an account.
 */
import {
  ArrowLeftOutlined,
  HistoryOutlined,
  LinkOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, type PublicPolicy } from '../../api/client.ts';
import { ErrorResult, NotFoundResult } from '../../components/ErrorResult.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { EligibilityCheck } from './EligibilityCheck.tsx';
import {
  DemoTag,
  LocalizedText,
  MethodTag,
  pickText,
  StateTag,
  useLabels,
  useRegionNames,
} from './policyParts.tsx';

/** A positive whole number of a URL part, or undefined. */
function positive(value: string | null | undefined): number | undefined {
  const number = Number(value);
  return value && /^\d+$/.test(value) && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The local calendar day of a timestamp. */
const dayOf = (timestamp: string | Date) => dayjs(timestamp).format('YYYY-MM-DD');

/** A block of text that keeps its line breaks. */
function Prose({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, lineHeight: 1.8 }} data-testid={testId}>
      {children}
    </Typography.Paragraph>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Versions({ policy, onShow }: { policy: PublicPolicy; onShow: (version: number) => void }) {
  const { t, locale } = useI18n();
  const versions = [...policy.versions].sort((a, b) => b.version - a.version);
  return (
    <Timeline
      data-testid="policy-versions"
      items={versions.map((v) => {
        const viewing = v.version === policy.version;
        const current = v.version === policy.currentVersion;
        return {
          key: v.version,
          color: viewing ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2} data-testid="policy-version" data-version={v.version}>
              <Space size={4} wrap>
                {viewing ? (
                  <Typography.Text strong>
                    {t('library.version.label', { version: v.version })}
                  </Typography.Text>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => onShow(v.version)}
                    data-testid={`policy-version-${v.version}`}
                  >
                    {t('library.version.label', { version: v.version })}
                  </Button>
                )}
                {current ? <Tag color="green">{t('library.version.current')}</Tag> : null}
                {viewing ? <Tag color="blue">{t('library.version.viewing')}</Tag> : null}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('library.version.publishedOn', { date: formatDate(dayOf(v.publishedAt), locale) })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="policy-version-source">
                {v.source === 'platform'
                  ? t('library.version.platform')
                  : v.department
                    ? t('library.version.byDepartment', { department: pickText(v.department, locale) })
                    : t('library.version.byOfficial')}
              </Typography.Text>
              <Typography.Text type={v.changeNote ? undefined : 'secondary'} style={{ fontSize: 13 }}>
                {v.changeNote || t('library.version.noNote')}
              </Typography.Text>
            </Flex>
          ),
        };
      })}
    />
  );
}

/** Policies obtained by applying (需申报, 快申快享). */
const appliedFor = (method: string) => method === 'application' || method === 'fast';

/** Where to apply: the application link, the office, else whom to ask. */
function ApplySection({ policy }: { policy: PublicPolicy }) {
  const { t } = useI18n();
  return (
    <Section title={t('library.field.apply')} testId="policy-apply">
      <Flex vertical gap={6}>
        {policy.applyUrl ? (
          <Typography.Link
            href={policy.applyUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="policy-apply-url"
          >
            <LinkOutlined /> {t('library.apply.online')}
          </Typography.Link>
        ) : null}
        {policy.applyOffice ? (
          <Typography.Text data-testid="policy-apply-office">
            {t('library.apply.office', { office: policy.applyOffice })}
          </Typography.Text>
        ) : null}
        {!policy.applyUrl && !policy.applyOffice ? (
          <Typography.Text type="secondary">
            {t('library.apply.ask', { issuer: policy.contact ?? policy.issuer })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Section>
  );
}

/** A policy that is not there (404): what is missing, and the way to the library — no retry, it would not help. */
function PolicyMissing({
  id,
  version,
  backTo,
  onShowCurrent,
}: {
  /** The id as the address gives it (also a malformed one: "abc"). */
  id: string;
  version: number | undefined;
  backTo: string;
  onShowCurrent?: () => void;
}) {
  const { t } = useI18n();
  return (
    <NotFoundResult
      title={t('error.notFoundRecord.titleOf', { what: t('error.record.policy', { id }) })}
      text={
        version !== undefined
          ? t('library.notFound.version', { version })
          : t('library.notFound.body', { id })
      }
      testId="policy-missing"
      textTestId="policy-not-found"
      back={{
        to: backTo.startsWith('/policies') ? backTo : '/policies',
        label: t('library.notFound.toLibrary'),
      }}
      extra={
        version !== undefined && onShowCurrent ? (
          <Button onClick={onShowCurrent}>{t('library.version.showCurrent')}</Button>
        ) : null
      }
    />
  );
}

interface PolicyViewProps {
  policy: PublicPolicy;
  onShowVersion: (version: number | undefined) => void;
  backTo: string;
}

/**
 * Where the back link leads: the page that opened this one when it said so (the library with its filters, or a
 * page of the signed-in area such as 我的政策), else the library.
 */
function backPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from !== 'string') return '/policies';
  return from.startsWith('/policies') || from.startsWith('/app/') ? from : '/policies';
}

/** The text of the back link to `path`. */
function BackText({ path }: { path: string }) {
  const { t } = useI18n();
  if (path.startsWith('/app/my-policies')) return <>{t('library.backToMyPolicies')}</>;
  if (path.startsWith('/app/')) return <>{t('library.backToWorkspace')}</>;
  return <>{t('library.back')}</>;
}

function PolicyView({ policy, onShowVersion, backTo }: PolicyViewProps) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const regionNames = useRegionNames(policy.regions);
  const older = policy.version !== policy.currentVersion;
  const withdrawn = policy.status !== 'published';
  const viewed = policy.versions.find((v) => v.version === policy.version);
  const separator = t('check.listSeparator');

  const scrollToCheck = () => {
    const target = document.getElementById('eligibility-check');
    if (!target) return;
    window.scrollTo({ top: window.scrollY + target.getBoundingClientRect().top - 80, behavior: 'smooth' });
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to={backTo} data-testid="policy-back">
          <ArrowLeftOutlined /> <BackText path={backTo} />
        </Link>
      </div>

      {withdrawn ? (
        <Alert type="error" showIcon title={t('library.withdrawn')} data-testid="policy-withdrawn" />
      ) : null}
      {older ? (
        <Alert
          type="warning"
          showIcon
          icon={<HistoryOutlined />}
          data-testid="policy-older-version"
          title={t('library.version.older', {
            version: policy.version,
            date: viewed ? formatDate(dayOf(viewed.publishedAt), locale) : t('common.empty'),
            current: policy.currentVersion,
          })}
          action={
            withdrawn ? null : (
              <Button size="small" onClick={() => onShowVersion(undefined)} data-testid="policy-show-current">
                {t('library.version.showCurrent')}
              </Button>
            )
          }
        />
      ) : null}
      {policy.demo ? <Alert type="info" showIcon title={t('library.demoNotice')} /> : null}

      <Card>
        <Flex vertical gap={8}>
          <Space size={4} wrap>
            <StateTag state={policy.state} />
            <MethodTag method={policy.method} />
            {policy.demo ? <DemoTag /> : null}
            {older ? <Tag>{t('library.version.label', { version: policy.version })}</Tag> : null}
          </Space>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="policy-title">
            <LocalizedText text={policy.title} />
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="policy-document-number">
            {policy.documentNumber} · {policy.issuer}
          </Typography.Text>
          <Alert
            type="success"
            style={{ marginTop: 8 }}
            title={
              <Flex vertical gap={2}>
                <Typography.Text strong>{t('library.field.benefit')}</Typography.Text>
                <LocalizedText text={policy.benefit} testId="policy-benefit" />
              </Flex>
            }
          />
          {withdrawn ? null : (
            <div>
              <Button
                type="primary"
                size="large"
                icon={<SafetyCertificateOutlined />}
                onClick={scrollToCheck}
                data-testid="policy-check-cta"
              >
                {t('library.checkCta')}
              </Button>
            </div>
          )}
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card style={{ height: '100%' }}>
            <Flex vertical gap={20}>
              {policy.howTo ? (
                <Section title={t('library.field.howTo')} testId="policy-howto">
                  <Prose>
                    <LocalizedText text={policy.howTo} />
                  </Prose>
                </Section>
              ) : null}
              {policy.interpretation ? (
                <Section title={t('library.field.interpretation')} testId="policy-interpretation">
                  <Prose>
                    <LocalizedText text={policy.interpretation} />
                  </Prose>
                </Section>
              ) : null}
              {appliedFor(policy.method) ? <ApplySection policy={policy} /> : null}
              {policy.contact ? (
                <Section title={t('library.field.contact')} testId="policy-contact">
                  <Prose>{policy.contact}</Prose>
                </Section>
              ) : null}
              {policy.link ? (
                <Section title={t('library.field.link')}>
                  <Typography.Link
                    href={policy.link}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-testid="policy-link"
                    style={{ wordBreak: 'break-all' }}
                  >
                    <LinkOutlined /> {policy.link}
                  </Typography.Link>
                </Section>
              ) : null}
              <Section title={t('library.field.fullText')}>
                {policy.fullText ? (
                  <Collapse
                    data-testid="policy-fulltext"
                    items={[
                      {
                        key: 'text',
                        label: t('library.fullText.show'),
                        children: <Prose testId="policy-fulltext-body">{policy.fullText}</Prose>,
                      },
                    ]}
                  />
                ) : (
                  <Typography.Text type="secondary" data-testid="policy-fulltext-none">
                    {policy.link
                      ? t('library.fullText.seeLink')
                      : t('library.fullText.notHeld', {
                          issuer: policy.issuer,
                          documentNumber: policy.documentNumber,
                        })}
                  </Typography.Text>
                )}
              </Section>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                column={1}
                size="small"
                data-testid="policy-facts"
                items={[
                  { key: 'doc', label: t('library.field.documentNumber'), children: policy.documentNumber },
                  { key: 'issuer', label: t('library.field.issuer'), children: policy.issuer },
                  {
                    key: 'issued',
                    label: t('library.field.issuedOn'),
                    children: formatDate(policy.issuedOn, locale),
                  },
                  {
                    key: 'effective',
                    label: t('library.field.effectiveFrom'),
                    children: formatDate(policy.effectiveFrom, locale),
                  },
                  {
                    key: 'expires',
                    label: t('library.field.expiresOn'),
                    children: policy.expiresOn
                      ? formatDate(policy.expiresOn, locale)
                      : t('library.field.noExpiry'),
                  },
                  {
                    key: 'regions',
                    label: t('library.field.regions'),
                    children: (
                      <span data-testid="policy-regions">
                        {policy.regions.length === 0
                          ? t('library.field.national')
                          : policy.regions.map((code) => regionNames[code]).join(separator)}
                      </span>
                    ),
                  },
                  {
                    key: 'topics',
                    label: t('library.field.topics'),
                    children:
                      policy.topics.length > 0 ? (
                        <Space size={4} wrap>
                          {policy.topics.map((topic) => (
                            <Tag key={topic} variant="filled">
                              {labels.topic(topic)}
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        t('common.empty')
                      ),
                  },
                  {
                    key: 'sizes',
                    label: t('library.field.sizes'),
                    children:
                      policy.sizes.length > 0
                        ? policy.sizes.map((size) => labels.size(size)).join(separator)
                        : t('library.field.allSizes'),
                  },
                  { key: 'method', label: t('library.field.method'), children: labels.method(policy.method) },
                ]}
              />
            </Card>
            <Card
              size="small"
              title={
                <span>
                  <HistoryOutlined /> {t('library.versions')}
                </span>
              }
            >
              <Versions policy={policy} onShow={(version) => onShowVersion(version)} />
            </Card>
          </Flex>
        </Col>
      </Row>

      {withdrawn ? (
        <Alert type="warning" showIcon title={t('check.unavailable')} />
      ) : (
        <div id="eligibility-check">
          <EligibilityCheck policy={policy} />
        </div>
      )}
    </Flex>
  );
}

export default function PolicyPage() {
  const { t } = useI18n();
  const { id: idParam } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const id = positive(idParam);
  const version = positive(params.get('version'));
  const backTo = backPath(location.state);

  const policy = useApiQuery(
    id === undefined
      ? refusedQuery<PublicPolicy>(['/api/public/policies/:id', idParam], new Error('no id'))
      : apiQuery('/api/public/policies/:id', { params: { id }, query: { version }, anonymousOk: true }),
    { keepPrevious: true },
  );

  // An id that is no number names no policy: the policy's own not-found, as for one that does not exist.
  if (id === undefined)
    return (
      <div style={{ maxWidth: 1200, margin: '0 auto', padding: '24px 24px 48px' }}>
        <PolicyMissing id={idParam ?? ''} version={undefined} backTo={backTo} />
      </div>
    );

  /** Shows a version (undefined: the current one); the link back to the library is kept. */
  const showVersion = (next: number | undefined) => {
    const query = new URLSearchParams(params);
    const current = policy.data && next === policy.data.currentVersion && policy.data.status === 'published';
    if (next === undefined || current) query.delete('version');
    else query.set('version', String(next));
    setParams(query, { state: location.state });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: '24px 24px 48px' }}>
      {policy.error instanceof ApiError && policy.error.status === 404 ? (
        <PolicyMissing
          id={String(id)}
          version={version}
          backTo={backTo}
          onShowCurrent={() => showVersion(undefined)}
        />
      ) : policy.error ? (
        <Flex vertical align="center">
          <ErrorResult error={policy.error} title={t('library.loadPolicyFailed')} onRetry={policy.reload} />
          <Space>
            {version !== undefined ? (
              <Button onClick={() => showVersion(undefined)}>{t('library.version.showCurrent')}</Button>
            ) : null}
            <Link to={backTo}>
              <ArrowLeftOutlined /> <BackText path={backTo} />
            </Link>
          </Space>
        </Flex>
      ) : policy.data && policy.data.id === id ? (
        <div style={{ opacity: policy.loading ? 0.6 : 1 }} aria-busy={policy.loading}>
          <PolicyView policy={policy.data} onShowVersion={showVersion} backTo={backTo} />
        </div>
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}
    </div>
  );
}
