/**
 * Everything about one enterprise, shared by the official's detail page and the enterprise's own page: profile,
 * the size class with the reason in the current language (latest year first), size history, certifications (with
 * their evidence files as downloads) and the yearly figures with their correction history.
 */
import { CheckCircleOutlined, ClockCircleOutlined, PaperClipOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Flex, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { Certification, EnterpriseDetail, Figures, SizeResult } from '../api/client.ts';
import { isMessageKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FIGURE_FIELDS, formatWithUnit, sourceText } from '../lib/figures.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { ownershipLabel } from '../lib/ownership.ts';
import { isStandardId, STANDARDS, STATUS_COLORS } from '../lib/size.ts';
import { RegionName } from './RegionName.tsx';
import { SizeTag } from './SizeTag.tsx';

/** Today as 'YYYY-MM-DD' in local time. */
function todayText(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The local calendar day of a timestamp, as 'YYYY-MM-DD'. */
function localDay(value: string | Date): string {
  const date = new Date(value);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Size results, newest year first, the Chinese standard before others of the same year. */
export function sortedSizes(sizes: readonly SizeResult[]): SizeResult[] {
  return [...sizes].sort(
    (a, b) => b.year - a.year || Number(b.standard === 'cn-2011') - Number(a.standard === 'cn-2011'),
  );
}

/** The latest size class under the Chinese standard (or any, when none). */
export function latestSize(sizes: readonly SizeResult[]): SizeResult | undefined {
  const sorted = sortedSizes(sizes);
  return sorted.find((size) => size.standard === 'cn-2011') ?? sorted[0];
}

type Validity = 'valid' | 'expired' | 'pending' | 'ended';

function validityOf(cert: Certification, today: string): Validity {
  if (cert.endedOn) return 'ended';
  if (cert.validTo && cert.validTo.slice(0, 10) < today) return 'expired';
  if (cert.validFrom.slice(0, 10) > today) return 'pending';
  return 'valid';
}

/** The standard's name, e.g. 中国 工信部联企业〔2011〕300号. */
export function useStandardName() {
  const { t } = useI18n();
  return (standard: string) => (isStandardId(standard) ? t(STANDARDS[standard].label) : standard);
}

/** The reason sentence of a size result in the current language. */
export function useReason() {
  const { locale } = useI18n();
  return (size: SizeResult) =>
    locale === 'en' ? size.reasonEn || size.reasonZh : size.reasonZh || size.reasonEn;
}

/** The card "how large is this firm, and why" for the latest year. */
export function SizeSummaryCard({ detail, extra }: { detail: EnterpriseDetail; extra?: ReactNode }) {
  const { t, locale, name } = useI18n();
  const reason = useReason();
  const standardName = useStandardName();
  const latest = latestSize(detail.sizes);
  const basis = latest ? detail.figures.find((row) => row.year === latest.year && row.isCurrent) : undefined;
  return (
    <Card
      title={t('detail.sizeTitle')}
      extra={extra}
      style={{ height: '100%' }}
      data-testid="enterprise-size-card"
    >
      {latest ? (
        <Flex vertical gap={12}>
          <Flex align="center" gap={12} wrap>
            <SizeTag size={latest.size} big testId="enterprise-size" />
            <Typography.Text type="secondary">
              {t('detail.sizeYear', { year: latest.year })} · {standardName(latest.standard)}
              {latest.category ? ` · ${t('sizeTest.category', { category: name(latest.category) })}` : ''}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ margin: 0, fontSize: 15 }} data-testid="enterprise-size-reason">
            {reason(latest)}
          </Typography.Paragraph>
          {basis ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="enterprise-size-basis">
              {t('detail.sizeBasis', {
                figures: FIGURE_FIELDS.filter((field) => field.required)
                  .map(
                    (field) => `${t(field.label)} ${formatWithUnit(basis[field.key], field.unit, locale, t)}`,
                  )
                  .join(' · '),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : (
        <Empty description={t('detail.noSize')} />
      )}
    </Card>
  );
}

interface EnterpriseDetailViewProps {
  detail: EnterpriseDetail;
  /** Buttons shown in the profile card (edit, report figures). */
  actions?: ReactNode;
  /** Shown under the size card (e.g. other standards). */
  sizeExtra?: ReactNode;
  /** Shown under the profile (e.g. links to the enterprise's cases and policies). */
  links?: ReactNode;
  /** Replaces the read-only certifications card (the officials' page records and ends qualifications). */
  certificationsCard?: ReactNode;
}

export function EnterpriseDetailView({
  detail,
  actions,
  sizeExtra,
  links,
  certificationsCard,
}: EnterpriseDetailViewProps) {
  const { t, locale } = useI18n();
  const reason = useReason();
  const standardName = useStandardName();
  const [showHistory, setShowHistory] = useState(false);
  const today = todayText();

  const statusKey = `enterprise.status.${detail.status}`;
  const industry =
    locale === 'en'
      ? (detail.industryNameEn ?? detail.industryNameZh)
      : (detail.industryNameZh ?? detail.industryNameEn);

  const sizes = useMemo(() => sortedSizes(detail.sizes), [detail.sizes]);
  const hasHistory = detail.figures.some((row) => !row.isCurrent);
  const figures = useMemo(
    () =>
      detail.figures
        .filter((row) => showHistory || row.isCurrent)
        .sort(
          (a, b) =>
            b.year - a.year ||
            Number(b.isCurrent) - Number(a.isCurrent) ||
            String(b.reportedAt).localeCompare(String(a.reportedAt)),
        ),
    [detail.figures, showHistory],
  );
  const certifications = useMemo(
    () => [...detail.certifications].sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999')),
    [detail.certifications],
  );

  const validityTag = (validity: Validity) =>
    validity === 'valid' ? (
      <Tag color="green" icon={<CheckCircleOutlined />}>
        {t('cert.valid')}
      </Tag>
    ) : validity === 'expired' ? (
      <Tag icon={<StopOutlined />}>{t('cert.expired')}</Tag>
    ) : validity === 'ended' ? (
      <Tag color="red" icon={<StopOutlined />}>
        {t('qualification.ended')}
      </Tag>
    ) : (
      <Tag color="blue" icon={<ClockCircleOutlined />}>
        {t('cert.pending')}
      </Tag>
    );

  const unitCell = (row: Figures, field: (typeof FIGURE_FIELDS)[number]) => {
    const value = row[field.key];
    if (value === null) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
    return <span style={{ whiteSpace: 'nowrap' }}>{formatWithUnit(value, field.unit, locale, t)}</span>;
  };

  return (
    <Flex vertical gap={16} data-testid="enterprise-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card style={{ height: '100%' }}>
            <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
              <Flex vertical gap={4}>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="enterprise-name">
                  {detail.name}
                </Typography.Title>
                <Space size={4} wrap>
                  <Tag color={STATUS_COLORS[detail.status] ?? 'default'}>
                    {isMessageKey(statusKey) ? t(statusKey) : detail.status}
                  </Tag>
                  {detail.isDemo ? <Tag>{t('common.demoData')}</Tag> : null}
                </Space>
              </Flex>
              {actions ? <Space wrap>{actions}</Space> : null}
            </Flex>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              bordered
              size="small"
              data-testid="enterprise-profile"
              items={[
                {
                  key: 'uscc',
                  label: t('enterprise.uscc'),
                  children: (
                    <Typography.Text copyable className="huiqi-mono">
                      {detail.uscc}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'legal',
                  label: t('detail.legalRepresentative'),
                  children: detail.legalRepresentative ?? t('common.empty'),
                },
                {
                  key: 'region',
                  label: t('enterprise.region'),
                  children: <RegionName code={detail.regionCode} name={detail.regionName} full />,
                },
                {
                  key: 'industry',
                  label: t('enterprise.industry'),
                  children: (
                    <>
                      {industry ?? t('common.empty')}{' '}
                      <Typography.Text type="secondary" className="huiqi-mono">
                        {detail.industryCode}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  key: 'established',
                  label: t('enterprise.established'),
                  children: formatDate(detail.establishedOn, locale),
                },
                {
                  key: 'ownership',
                  label: t('detail.ownershipType'),
                  children: detail.ownershipType
                    ? ownershipLabel(detail.ownershipType, t)
                    : t('common.empty'),
                },
                {
                  key: 'former',
                  label: t('detail.formerNames'),
                  span: 'filled',
                  children: detail.formerNames.length > 0 ? detail.formerNames.join('；') : t('common.empty'),
                },
                {
                  key: 'updated',
                  label: t('detail.updatedAt'),
                  span: 'filled',
                  children: (
                    <Space size={8} wrap>
                      {formatDateTime(detail.updatedAt, locale)}
                      <Typography.Text type="secondary">
                        {t('detail.version', { version: detail.version })}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]}
            />
            {links}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16} style={{ height: '100%' }}>
            <SizeSummaryCard detail={detail} />
            {sizeExtra}
          </Flex>
        </Col>
      </Row>

      <Card title={t('detail.sizeHistory')}>
        <Table<SizeResult>
          size="small"
          rowKey={(row) => `${row.year}-${row.standard}`}
          dataSource={sizes}
          pagination={false}
          locale={{ emptyText: t('detail.noSize') }}
          data-testid="enterprise-sizes"
          columns={[
            { key: 'year', title: t('detail.year'), dataIndex: 'year', width: 80 },
            {
              key: 'standard',
              title: t('detail.standard'),
              width: 280,
              render: (_, row) => standardName(row.standard),
            },
            {
              key: 'size',
              title: t('detail.size'),
              width: 100,
              render: (_, row) => <SizeTag size={row.size} />,
            },
            { key: 'reason', title: t('detail.reason'), render: (_, row) => reason(row) },
          ]}
        />
      </Card>

      <Card
        title={t('detail.figures')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('detail.showHistory')}</Typography.Text>
            <Switch
              size="small"
              checked={showHistory}
              onChange={setShowHistory}
              disabled={!hasHistory}
              data-testid="figures-history-toggle"
              aria-label={t('detail.showHistory')}
            />
          </Space>
        }
      >
        <Table<Figures>
          size="small"
          rowKey={(row) => `${row.year}-${String(row.reportedAt)}-${row.source}-${String(row.isCurrent)}`}
          dataSource={figures}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('detail.noFigures') }}
          data-testid="enterprise-figures"
          onRow={(row) => ({
            style: row.isCurrent ? { fontWeight: 600 } : { color: '#8c8c8c' },
            'data-current': row.isCurrent ? 'true' : 'false',
          })}
          columns={[
            {
              key: 'year',
              title: t('detail.year'),
              width: showHistory ? 110 : 70,
              fixed: 'left',
              render: (_, row) => (
                <Space size={4}>
                  {row.year}
                  {showHistory && row.isCurrent ? <Tag color="blue">{t('detail.current')}</Tag> : null}
                </Space>
              ),
            },
            ...FIGURE_FIELDS.map((field) => ({
              key: field.key,
              title: t(field.label),
              align: 'right' as const,
              render: (_: unknown, row: Figures) => unitCell(row, field),
            })),
            {
              key: 'vat',
              title: t('figures.vatTaxpayerType'),
              render: (_, row) =>
                row.vatTaxpayerType ? t(`figures.vat.${row.vatTaxpayerType}`) : t('common.empty'),
            },
            {
              key: 'source',
              title: t('detail.source'),
              width: 110,
              ellipsis: { showTitle: false },
              render: (_, row) => <span title={sourceText(row.source, t)}>{sourceText(row.source, t)}</span>,
            },
            {
              key: 'reportedAt',
              title: t('detail.reportedAt'),
              width: 110,
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }} title={formatDateTime(row.reportedAt, locale)}>
                  {formatDate(localDay(row.reportedAt), locale)}
                </span>
              ),
            },
          ]}
        />
      </Card>

      {certificationsCard ?? (
        <Card title={t('detail.certifications')}>
          <Table<Certification>
            size="small"
            rowKey="id"
            dataSource={certifications}
            pagination={false}
            locale={{ emptyText: t('detail.noCertifications') }}
            data-testid="enterprise-certifications"
            onRow={(row) => {
              const validity = validityOf(row, today);
              const expired = validity === 'expired' || validity === 'ended';
              return {
                style: expired ? { color: '#bfbfbf' } : undefined,
                'data-expired': expired ? 'true' : 'false',
              };
            }}
            columns={[
              { key: 'name', title: t('cert.name'), dataIndex: 'name' },
              {
                key: 'validity',
                title: t('cert.validity'),
                render: (_, row) =>
                  t('cert.range', {
                    from: formatDate(row.validFrom, locale),
                    to: row.validTo ? formatDate(row.validTo, locale) : t('cert.openEnded'),
                  }),
              },
              {
                key: 'status',
                title: t('cert.status'),
                render: (_, row) => validityTag(validityOf(row, today)),
              },
              { key: 'source', title: t('detail.source'), render: (_, row) => sourceText(row.source, t) },
              {
                key: 'evidence',
                title: t('qualification.evidence'),
                render: (_, row) => (
                  <Flex vertical gap={2} data-testid={`certification-evidence-${row.id}`}>
                    {row.evidenceFiles.map((file) => (
                      <a
                        key={file.id}
                        href={file.url}
                        download={file.fileName}
                        title={file.fileName}
                        data-testid="certification-file-link"
                      >
                        <PaperClipOutlined /> {file.fileName}
                      </a>
                    ))}
                    {row.evidenceUrl ? (
                      <Typography.Link href={row.evidenceUrl} target="_blank" rel="noopener noreferrer">
                        {t('qualification.evidenceLink')}
                      </Typography.Link>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
