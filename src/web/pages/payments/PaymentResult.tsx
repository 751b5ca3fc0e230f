/**
 * The assessment of a claim: four figures (due date, days overdue, interest owed, total owed), the details and
 * the explanation line by line with the provision each rests on, then the disclaimer.
 */
import { CalendarOutlined, ClockCircleOutlined, PercentageOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Divider, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { editionInEnglish, legalBasisInEnglish } from '../../../shared/legal-basis.ts';
import type { ClaimAssessment } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDecimal, formatNumber } from '../../lib/format.ts';
import { legalBasisLine } from '../../lib/legalBasis.ts';
import { pickText } from '../policies/policyParts.tsx';
import { formatMoney } from './paymentForm.ts';

const RED = '#cf1322';
const TERM_SOURCES = ['statutory', 'agreed', 'capped', 'none'] as const;
const RATE_KINDS = ['default_daily', 'agreed', 'agreed_raised_to_lpr'] as const;
type TermSource = (typeof TERM_SOURCES)[number];
type RateKind = (typeof RATE_KINDS)[number];
const isTermSource = (value: string): value is TermSource =>
  (TERM_SOURCES as readonly string[]).includes(value);
const isRateKind = (value: string): value is RateKind => (RATE_KINDS as readonly string[]).includes(value);

function Figure({
  title,
  value,
  suffix,
  icon,
  danger,
  testId,
}: {
  title: string;
  value: string;
  suffix?: string;
  icon: ReactNode;
  danger?: boolean;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        prefix={icon}
        styles={{ content: { color: danger ? RED : undefined, fontSize: 22 } }}
        data-testid={testId}
      />
    </Card>
  );
}

/** The result; `actions` (e.g. copying the link) go next to the calculation date. */
export function PaymentResult({
  result,
  actions,
  complaint,
}: {
  result: ClaimAssessment;
  actions?: ReactNode;
  /** Where the claim can be filed as a complaint (the calculator's figures filled in), under the notice. */
  complaint?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const yuan = (value: number) => t('pay.yuan', { amount: formatMoney(value, locale) });
  const overdue = result.daysOverdue > 0;
  /** A legal basis in the page's language: in English where we can render it, else the Chinese, said to be so. */
  const basisText = (basis: string) => legalBasisLine(t, locale, basis).text;
  const sourceText = isTermSource(result.termSource) ? t(`pay.termSource.${result.termSource}`) : '';
  const dailyPercent = formatDecimal(result.dailyRate * 100, locale, 6);
  const rateKind = isRateKind(result.rateKind) ? result.rateKind : 'default_daily';
  const rateText = t(`pay.rate.${rateKind}`, {
    agreed: formatDecimal(result.agreedAnnualRate, locale, 4),
    lpr: formatDecimal(result.lprAtSigning, locale, 4),
  });
  // The default rate is already a daily one: its text says it, without a second daily figure.
  const dailyText =
    rateKind === 'default_daily' ? null : t('pay.rate.dailyFromAnnual', { daily: dailyPercent });
  /** The regulation's document (国务院令第728号) in English where it can be rendered. */
  const documentText =
    locale === 'en'
      ? (editionInEnglish(result.regulation.documentNumber) ?? result.regulation.documentNumber)
      : result.regulation.documentNumber;

  return (
    <Flex vertical gap={16} data-testid="pay-result">
      <Flex gap={8} align="center" justify="space-between" wrap>
        <Typography.Text type="secondary" data-testid="pay-asof-line">
          {t('pay.asOfLine', { date: formatDate(result.asOf, locale) })}
        </Typography.Text>
        {actions}
      </Flex>
      <Alert
        type="info"
        showIcon
        title={t('pay.regulationApplied', {
          name:
            locale === 'en'
              ? (legalBasisInEnglish(`《${result.regulation.name}》`) ?? result.regulation.name)
              : result.regulation.name,
          document: documentText,
          date: formatDate(result.regulation.effectiveFrom, locale),
        })}
        data-testid="pay-regulation"
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12}>
          <Figure
            title={t('pay.dueDate')}
            value={result.dueDate ? formatDate(result.dueDate, locale) : t('pay.dueUnknown')}
            icon={<CalendarOutlined />}
            testId="pay-due"
          />
        </Col>
        <Col xs={24} sm={12}>
          <Figure
            title={t('pay.daysOverdue')}
            value={formatNumber(result.daysOverdue, locale)}
            suffix={t('pay.unit.days')}
            icon={<ClockCircleOutlined />}
            danger={overdue}
            testId="pay-days"
          />
        </Col>
        <Col xs={24} sm={12}>
          <Figure
            title={t('pay.interestOwed')}
            value={formatMoney(result.interestOutstanding, locale)}
            suffix={t('pay.unit.yuan')}
            icon={<PercentageOutlined />}
            danger={result.interestOutstanding > 0}
            testId="pay-interest"
          />
        </Col>
        <Col xs={24} sm={12}>
          <Figure
            title={t('pay.totalOwed')}
            value={formatMoney(result.totalOutstanding, locale)}
            suffix={t('pay.unit.yuan')}
            icon={<WalletOutlined />}
            testId="pay-total"
          />
        </Col>
      </Row>
      {result.dueDate === null ? (
        <Alert type="warning" showIcon title={t('pay.noDueDate')} data-testid="pay-no-due-date" />
      ) : null}
      {result.calendarWarning ? (
        <Alert
          type="warning"
          showIcon
          title={pickText(result.calendarWarning, locale)}
          data-testid="pay-calendar-warning"
        />
      ) : null}

      <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
        {t('pay.details')}
      </Divider>
      <Descriptions
        column={1}
        bordered
        size="small"
        styles={{ label: { width: '40%' } }}
        data-testid="pay-details"
        items={[
          {
            key: 'regulation',
            label: t('pay.d.regulation'),
            children: t('pay.d.regulationValue', {
              document: documentText,
              date: formatDate(result.regulation.effectiveFrom, locale),
            }),
          },
          {
            key: 'clockStart',
            label: t('pay.d.clockStart'),
            children: (
              <Flex gap={8} wrap align="center">
                <span>{formatDate(result.clockStart, locale)}</span>
                {result.lateAcceptance ? <Tag color="orange">{t('pay.lateAcceptance')}</Tag> : null}
              </Flex>
            ),
          },
          {
            key: 'term',
            label: t('pay.d.term'),
            children:
              result.termDays === null
                ? sourceText
                : t('pay.d.termValue', { days: result.termDays, source: sourceText }),
          },
          {
            key: 'due',
            label: t('pay.d.dueDate'),
            children: result.dueDate ? (
              <Flex vertical gap={2}>
                <span>{formatDate(result.dueDate, locale)}</span>
                {result.dueDateMovedBy && result.termLastDay ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="pay-due-moved">
                    {t('pay.d.dueMoved', {
                      last: formatDate(result.termLastDay, locale),
                      basis:
                        locale === 'en'
                          ? (legalBasisInEnglish(result.dueDateMovedBy) ?? result.dueDateMovedBy)
                          : result.dueDateMovedBy,
                    })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : (
              t('pay.dueUnknown')
            ),
          },
          {
            key: 'days',
            label: t('pay.d.daysOverdue'),
            children: (
              <span style={{ color: overdue ? RED : undefined }}>
                {t('pay.d.daysValue', { days: formatNumber(result.daysOverdue, locale) })}
              </span>
            ),
          },
          { key: 'undisputed', label: t('pay.d.undisputed'), children: yuan(result.undisputed) },
          { key: 'paid', label: t('pay.d.paid'), children: yuan(result.paid) },
          { key: 'principal', label: t('pay.d.principal'), children: yuan(result.principalOutstanding) },
          {
            key: 'rate',
            label: t('pay.d.rate'),
            children: dailyText ? [rateText, dailyText].join(t('pay.separator')) : rateText,
          },
          { key: 'accrued', label: t('pay.d.interestAccrued'), children: yuan(result.interestAccrued) },
          { key: 'interestPaid', label: t('pay.d.interestPaid'), children: yuan(result.interestPaid) },
          {
            key: 'interestOutstanding',
            label: t('pay.d.interestOutstanding'),
            children: yuan(result.interestOutstanding),
          },
          {
            key: 'total',
            label: t('pay.d.total'),
            children: <Typography.Text strong>{yuan(result.totalOutstanding)}</Typography.Text>,
          },
        ]}
      />

      <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
        {t('pay.explanation')}
      </Divider>
      <ol style={{ margin: 0, paddingInlineStart: 22 }} data-testid="pay-explanation">
        {result.explanation.map((line, index) => (
          // The lines have no identity of their own; their order is fixed by the server.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} style={{ marginBottom: 10 }} data-testid="pay-explanation-line">
            <Typography.Text>{pickText(line.text, locale)}</Typography.Text>
            {line.basis ? (
              <div>
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  data-testid="pay-explanation-basis"
                >
                  {basisText(line.basis)}
                </Typography.Text>
              </div>
            ) : null}
          </li>
        ))}
      </ol>

      <Alert
        type="warning"
        showIcon
        title={t('pay.complaint')}
        description={complaint}
        data-testid="pay-complaint"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="pay-disclaimer">
        {t('pay.disclaimer')}
      </Typography.Text>
    </Flex>
  );
}
