/** The "basis" card: both versions of the regulations with their numbers and dates, and the latest one-year LPR. */
import { BookOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import type { PaymentRules } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDecimal } from '../../lib/format.ts';
import type { ApiState } from '../../lib/queries.ts';
import { latestLpr } from './paymentForm.ts';

export function PaymentRulesCard({ rules }: { rules: ApiState<PaymentRules> }) {
  const { t, locale } = useI18n();
  const data = rules.data;
  const lpr = latestLpr(data);
  const regulations = data
    ? [...data.regulations].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    : [];
  return (
    <Card
      size="small"
      title={
        <span>
          <BookOutlined style={{ color: '#1458c4' }} /> {t('pay.rulesTitle')}
        </span>
      }
      data-testid="pay-rules"
    >
      {!data && rules.loading ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {!data && rules.error ? (
        <Alert type="warning" showIcon title={t('pay.rules.failed')} description={rules.error.message} />
      ) : null}
      {data ? (
        <Flex vertical gap={12}>
          {regulations.map((regulation) => (
            <Flex vertical gap={2} key={regulation.id} data-testid="pay-rules-version">
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{t('pay.rules.name', { name: regulation.name })}</Typography.Text>
                <Tag color="blue">{t('pay.rules.version', { version: regulation.id })}</Tag>
              </Flex>
              <Typography.Text>
                {t('pay.rules.versionLine', {
                  document: regulation.documentNumber,
                  date: formatDate(regulation.effectiveFrom, locale),
                })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('pay.rules.terms', {
                  days: regulation.governmentDefaultDays,
                  max: regulation.governmentMaxDays,
                  large:
                    regulation.largeEnterpriseDefaultDays === null
                      ? t('pay.rules.largeAgreed')
                      : t('pay.rules.largeDays', { days: regulation.largeEnterpriseDefaultDays }),
                })}
              </Typography.Text>
            </Flex>
          ))}
          {lpr ? (
            <Flex vertical gap={2} data-testid="pay-rules-lpr">
              <Typography.Text>
                {t('pay.rules.lpr', {
                  percent: formatDecimal(lpr.percent, locale, 4),
                  date: formatDate(lpr.from, locale),
                })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pay.rules.lprChecked', { date: formatDate(data.lprCheckedOn, locale) })}
              </Typography.Text>
            </Flex>
          ) : null}
          <Flex vertical gap={2} data-testid="pay-rules-rest-day">
            <Typography.Text>{t('pay.rules.restDay', { citation: data.periodEnd.citation })}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {data.holidayCalendar
                ? t('pay.rules.holidayYears', data.holidayCalendar)
                : t('pay.rules.noHolidayYears')}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pay.rules.note')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Card>
  );
}
