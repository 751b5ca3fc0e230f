/**
 * A debtor body's official's home (机关, 事业单位 or large enterprise): the organisation, the complaints awaiting
 * its answer and the amount unpaid on the open ones, the receivables SMEs ask it to confirm, with the way to the
 * complaints, the receivables, the annual disclosure and the public tools.
 */
import {
  AccountBookOutlined,
  BankOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  MoneyCollectOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Home } from '../../api/client.ts';
import { financingQueries } from '../../api/financing.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatMoney } from '../payments/paymentForm.ts';

type Organization = NonNullable<Home['organization']>;

export function PayerHome({ organization }: { organization: Organization }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  // The receivables awaiting the organisation's answer: the list's total, one row read.
  const receivables = useApiQuery(
    financingQueries.payerReceivables({ state: 'requested', page: 1, pageSize: 1 }),
  );
  const toConfirm = receivables.data?.total;
  return (
    <Row gutter={[16, 16]} data-testid="payer-home">
      <Col xs={24} xl={16}>
        <Flex vertical gap={16}>
          <Card
            title={
              <span>
                <BankOutlined style={{ color: '#1458c4' }} /> {t('payer.home.organization')}
              </span>
            }
            data-testid="payer-organization"
          >
            <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="payer-organization-name">
              {organization.name}
            </Typography.Title>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'uscc',
                  label: t('payer.home.uscc'),
                  children: (
                    <Typography.Text copyable className="huiqi-mono">
                      {organization.uscc}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
          <Card
            title={
              <span>
                <AccountBookOutlined style={{ color: '#1458c4' }} /> {t('payer.home.claims')}
              </span>
            }
            extra={
              organization.unanswered > 0 ? (
                <Button type="primary" onClick={() => navigate('/app/claims')} data-testid="payer-answer-now">
                  {t('payer.home.answerNow')}
                </Button>
              ) : null
            }
          >
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={8}>
                <Statistic
                  title={t('payer.home.unanswered')}
                  value={formatNumber(organization.unanswered, locale)}
                  suffix={t('payer.home.unitCases')}
                  styles={{ content: { color: organization.unanswered > 0 ? '#cf1322' : undefined } }}
                  data-testid="payer-unanswered"
                  data-value={organization.unanswered}
                />
              </Col>
              <Col xs={24} sm={8}>
                <Statistic
                  title={t('payer.home.open')}
                  value={formatNumber(organization.openClaims, locale)}
                  suffix={t('payer.home.unitCases')}
                  data-testid="payer-open"
                  data-value={organization.openClaims}
                />
              </Col>
              <Col xs={24} sm={8}>
                <Statistic
                  title={t('payer.home.outstanding')}
                  value={formatMoney(organization.outstanding, locale)}
                  suffix={t('pay.unit.yuan')}
                  data-testid="payer-outstanding"
                  data-value={organization.outstanding}
                />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              {organization.openClaims === 0
                ? t('payer.home.noClaims')
                : organization.unanswered === 0
                  ? t('payer.home.allAnswered')
                  : t('payer.home.outstandingHelp')}
            </Typography.Paragraph>
          </Card>
          <Card
            title={
              <span>
                <MoneyCollectOutlined style={{ color: '#1458c4' }} /> {t('payer.home.receivables')}
              </span>
            }
            extra={
              <Button
                type={toConfirm ? 'primary' : 'default'}
                onClick={() => navigate('/app/payer/receivables')}
                data-testid="payer-receivables-link"
              >
                {t('payer.home.openReceivables')}
              </Button>
            }
            data-testid="payer-receivables"
          >
            <Statistic
              title={t('payer.home.receivablesToConfirm')}
              value={toConfirm === undefined ? '—' : formatNumber(toConfirm, locale)}
              suffix={toConfirm === undefined ? undefined : t('payer.home.unitReceivables')}
              loading={receivables.loading && toConfirm === undefined}
              styles={{ content: { color: toConfirm ? '#cf1322' : undefined } }}
              data-testid="payer-receivables-to-confirm"
              data-value={toConfirm}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              {toConfirm === 0 ? t('payer.home.noReceivables') : t('payer.home.receivablesHelp')}
            </Typography.Paragraph>
          </Card>
        </Flex>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('payer.home.services')} style={{ height: '100%' }}>
          <Flex vertical gap={12}>
            <Button
              type="primary"
              block
              icon={<AccountBookOutlined />}
              onClick={() => navigate('/app/claims')}
              data-testid="home-link-claims"
            >
              {t('payer.home.openClaims')}
            </Button>
            <Button
              block
              icon={<MoneyCollectOutlined />}
              onClick={() => navigate('/app/payer/receivables')}
              data-testid="home-link-payer-receivables"
            >
              {t('payer.home.openReceivables')}
            </Button>
            <Button
              block
              icon={<FileDoneOutlined />}
              onClick={() => navigate('/app/disclosure')}
              data-testid="home-link-disclosure"
            >
              {t('payer.home.disclosure')}
            </Button>
            <Button
              block
              icon={<FileSearchOutlined />}
              onClick={() => navigate('/arrears-disclosures')}
              data-testid="home-link-public-disclosures"
            >
              {t('payer.home.publicList')}
            </Button>
            <Button
              block
              icon={<CalculatorOutlined />}
              onClick={() => navigate('/payment-calculator')}
              data-testid="home-link-payment-calculator"
            >
              {t('payer.home.calculator')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('payer.home.servicesText')}
            </Typography.Paragraph>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
