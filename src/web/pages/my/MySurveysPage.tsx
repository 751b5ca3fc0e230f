/**
 * `/app/my/surveys` (an enterprise): the monitoring questionnaires the enterprise is asked to answer (issue 16,
 * measure 3) — one card each, with the survey, the period, the deadline, where the answer stands and, when the
 * statistician sent it back, their question — each opening the questionnaire. Cards rather than a table, so it
 * reads on a phone.
 */
import { FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { type MySurveyRow, monitoringQueries } from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatPeriod } from '../monitoring/monitoringModel.ts';
import { MyWaveTag, PageHeading, ResponseStateTag } from '../monitoring/monitoringParts.tsx';

/** Whether a questionnaire waits for the enterprise: not yet submitted, or sent back, while its wave is open. */
function waiting(row: MySurveyRow, today: string): boolean {
  return (
    row.waveState === 'open' &&
    today >= row.opensOn &&
    (row.state === 'pending' || row.state === 'draft' || row.state === 'returned')
  );
}

export default function MySurveysPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const list = useApiQuery(monitoringQueries.mySurveys());
  const today = todayInChina();
  const rows = [...(list.data?.items ?? [])].sort(
    (a, b) => Number(waiting(b, today)) - Number(waiting(a, today)) || b.period.localeCompare(a.period),
  );
  return (
    <Flex vertical gap={16} data-testid="my-surveys-page">
      <PageHeading
        title={t('monitoring.my.title')}
        intro={t('monitoring.my.intro')}
        extra={<ReloadButton query={list} />}
      />
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading ? <Skeleton active /> : null}
      {list.data && rows.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.my.empty')} />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {rows.map((row) => (
          <Col xs={24} lg={12} key={row.waveId}>
            <Card
              size="small"
              data-testid="my-survey-card"
              data-wave={row.waveId}
              data-state={row.state}
              title={
                <Flex vertical gap={0} style={{ whiteSpace: 'normal', padding: '6px 0' }}>
                  <Typography.Text strong>
                    {locale === 'en' ? row.surveyNameEn || row.surveyName : row.surveyName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {formatPeriod(row.period, locale)}
                  </Typography.Text>
                </Flex>
              }
              extra={<ResponseStateTag state={row.state} />}
            >
              <Flex vertical gap={8}>
                {row.state === 'returned' && row.returnedQuestion ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('monitoring.my.returned')}
                    description={row.returnedQuestion}
                    data-testid="my-survey-returned"
                  />
                ) : null}
                <Space wrap size={[8, 4]}>
                  <Typography.Text>
                    {t('monitoring.my.deadline', { date: formatDate(row.closesOn, locale) })}
                  </Typography.Text>
                  <MyWaveTag row={row} />
                  {row.submittedAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('monitoring.my.submittedAt', {
                        at: formatDateTime(row.submittedAt, locale, { labelled: true }),
                      })}
                    </Typography.Text>
                  ) : null}
                </Space>
                <div>
                  <Button
                    type={waiting(row, today) ? 'primary' : 'default'}
                    icon={<FormOutlined />}
                    onClick={() => navigate(`/app/my/surveys/${row.waveId}`)}
                    data-testid="my-survey-open"
                    block
                  >
                    {waiting(row, today) ? t('monitoring.my.fill') : t('monitoring.my.view')}
                  </Button>
                </div>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
