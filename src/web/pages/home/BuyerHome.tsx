/**
 * A buyer's home (采购人, a procurement official of one buying body): the body and this year's figures — projects
 * planned, the budget suited to SMEs and what the plan reserves, contracts awarded and what went to SMEs, each share
 * and whether the year meets the lines — with the way to the plan, a new project, the awards, the 声明函 check and
 * the public calculators; below the figures, the year at a glance (BuyerYearCard: the shares against 30% / 60%,
 * projects short of their reservation, flagged declarations, the annual report's state, with links). While the body is not registered (`buyingBody` null) it says who registers it.
 */
import {
  BankOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  OrderedListOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Home } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { BuyerYearCard } from '../procurement/BuyerYearCard.tsx';
import { formatShare, formatWanOfYuan } from '../procurement/procurementModel.ts';

type BuyingBody = NonNullable<Home['buyingBody']>;

export function BuyerHome({ body }: { body: BuyingBody | null }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  return (
    <Row gutter={[16, 16]} data-testid="buyer-home">
      <Col xs={24} xl={16}>
        <Flex vertical gap={16}>
          {body ? (
            <>
              <Card
                title={
                  <span>
                    <BankOutlined style={{ color: '#1458c4' }} /> {t('proc.home.body')}
                  </span>
                }
                data-testid="buyer-body"
              >
                <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="buyer-body-name">
                  {body.name}
                </Typography.Title>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    {
                      key: 'uscc',
                      label: t('proc.body.uscc'),
                      children: (
                        <Typography.Text copyable className="huiqi-mono">
                          {body.uscc}
                        </Typography.Text>
                      ),
                    },
                    {
                      key: 'region',
                      label: t('proc.body.region'),
                      children: <RegionName code={body.regionCode} full />,
                    },
                  ]}
                />
              </Card>
              <Card
                title={t('proc.home.year', { year: body.year })}
                extra={
                  body.meetsSme && body.meetsSmallMicro ? (
                    <Tag color="green" data-testid="buyer-year-meets">
                      {t('proc.home.meets')}
                    </Tag>
                  ) : (
                    <Tag color="red" data-testid="buyer-year-below">
                      {t('proc.home.below')}
                    </Tag>
                  )
                }
                data-testid="buyer-year"
              >
                <Row gutter={[16, 16]}>
                  <Col xs={12} md={8}>
                    <Statistic
                      title={t('proc.home.projects')}
                      value={formatNumber(body.projects, locale)}
                      data-testid="buyer-projects"
                      data-value={body.projects}
                    />
                  </Col>
                  <Col xs={12} md={8}>
                    <Statistic
                      title={t('proc.shares.suitedBudget')}
                      value={formatWanOfYuan(body.suitedBudget, locale)}
                    />
                  </Col>
                  <Col xs={12} md={8}>
                    <Statistic
                      title={t('proc.home.reserved')}
                      value={formatWanOfYuan(body.reserved, locale)}
                      suffix={
                        body.reservedShare === null ? undefined : (
                          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                            {formatShare(body.reservedShare)}
                          </Typography.Text>
                        )
                      }
                      data-testid="buyer-reserved"
                    />
                  </Col>
                  <Col xs={12} md={8}>
                    <Statistic
                      title={t('proc.home.contracts')}
                      value={formatNumber(body.contracts, locale)}
                    />
                  </Col>
                  <Col xs={12} md={8}>
                    <Statistic title={t('proc.home.awarded')} value={formatWanOfYuan(body.awarded, locale)} />
                  </Col>
                  <Col xs={12} md={8}>
                    <Statistic
                      title={t('proc.home.awardedSme')}
                      value={formatWanOfYuan(body.awardedSme, locale)}
                      suffix={
                        body.awardedShare === null ? undefined : (
                          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                            {formatShare(body.awardedShare)}
                          </Typography.Text>
                        )
                      }
                      data-testid="buyer-awarded-sme"
                    />
                  </Col>
                </Row>
                <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
                  {body.projects === 0 ? t('proc.home.noProjects') : t('proc.home.yearHelp')}
                </Typography.Paragraph>
              </Card>
              <BuyerYearCard body={body} />
            </>
          ) : (
            <Alert
              type="warning"
              showIcon
              title={<span data-testid="body-not-registered">{t('proc.body.notRegistered')}</span>}
              description={
                <Flex vertical gap={4}>
                  <span>
                    {t('proc.body.notRegisteredText', {
                      uscc: user?.organizationUscc ?? '—',
                      name: user?.organizationName ?? '—',
                    })}
                  </span>
                  <span>{t('proc.body.notRegisteredWho')}</span>
                </Flex>
              }
              data-testid="buyer-not-registered"
            />
          )}
        </Flex>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('payer.home.services')} style={{ height: '100%' }}>
          <Flex vertical gap={12}>
            <Button
              type="primary"
              block
              icon={<OrderedListOutlined />}
              disabled={!body}
              onClick={() => navigate('/app/procurement/projects')}
              data-testid="home-link-procurement-projects"
            >
              {t('proc.home.openPlan')}
            </Button>
            <Button
              block
              icon={<PlusOutlined />}
              disabled={!body}
              onClick={() => navigate('/app/procurement/projects/new')}
              data-testid="home-link-procurement-new"
            >
              {t('proc.projects.new')}
            </Button>
            <Button
              block
              icon={<FileDoneOutlined />}
              disabled={!body}
              onClick={() => navigate('/app/procurement/awards')}
              data-testid="home-link-procurement-awards"
            >
              {t('proc.home.openAwards')}
            </Button>
            <Button
              block
              icon={<SafetyCertificateOutlined />}
              onClick={() => navigate('/app/procurement/check')}
              data-testid="home-link-procurement-check"
            >
              {t('nav.procurementCheck')}
            </Button>
            <Button
              block
              icon={<FileTextOutlined />}
              disabled={!body}
              onClick={() => navigate('/app/procurement/reports')}
              data-testid="home-link-procurement-reports"
            >
              {t('nav.procurementReports')}
            </Button>
            <Button
              block
              icon={<CalculatorOutlined />}
              onClick={() => navigate('/procurement-calculator')}
              data-testid="home-link-procurement-calculator"
            >
              {t('proc.home.calculator')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('proc.home.servicesText')}
            </Typography.Paragraph>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
