/**
 * `/app/cultivation/applications/:enterpriseId/:id` (officials, admins): one application for recognition (issue 18)
 * — the enterprise, its tier, stage and dates (due date red when overdue, the notice period, the recognition's
 * validity), the reasons given when returned, refused or revoked; the facts and the assessment as submitted; the
 * objections of the public notice with their answers; the enterprise's evidence files of the data year by fact
 * (read-only, each downloadable); the timeline; and a button for each action the server says is the reader's at
 * this stage.
 */
import { Alert, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Timeline, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import {
  type ApplicationDetail,
  type ApplicationEvent,
  cultivationReviewQueries,
  type Stage,
} from '../../api/cultivationReview.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { EvidencePanel } from './EvidencePanel.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import { ReviewAssessment, ReviewFacts } from './ReviewAssessment.tsx';
import { ReviewObjections } from './ReviewObjections.tsx';
import {
  AssessmentTag,
  DueDate,
  ReviewDetailHeading,
  StageTag,
  StandardName,
  TierTag,
} from './ReviewParts.tsx';

const positive = (value: string | undefined) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export default function ApplicationPage() {
  const params = useParams();
  const enterpriseId = positive(params.enterpriseId);
  const id = positive(params.id);
  const detail = useApiQuery<ApplicationDetail>(
    enterpriseId && id
      ? cultivationReviewQueries.application(enterpriseId, id)
      : refusedQuery(
          ['cultivation-application', params.enterpriseId, params.id],
          new ApiError(404, 'NOT_FOUND', String(params.id)),
        ),
  );
  if (detail.error && !detail.data) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ApplicationView detail={detail.data} reload={detail.reload} />;
}

function EventLine({ event }: { event: ApplicationEvent }) {
  const { t, locale } = useI18n();
  const actionKey = `cultReview.action.${event.action}`;
  const eventKey = `cultReview.event.${event.action}`;
  const roleKey = `role.${event.actorRole}`;
  const what = isMessageKey(eventKey) ? t(eventKey) : isMessageKey(actionKey) ? t(actionKey) : event.action;
  return (
    <Flex vertical gap={2} data-testid="review-event" data-action={event.action}>
      <span>
        <Typography.Text strong>{what}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {event.actorRole === 'anonymous'
            ? t('cultReview.event.anonymous')
            : isMessageKey(roleKey)
              ? t(roleKey)
              : t('cultReview.event.system')}{' '}
          · {formatDateTime(event.at, locale)}
        </Typography.Text>
      </span>
      {event.fromStage !== event.toStage ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {event.fromStage ? t(`cultReview.stage.${event.fromStage as Stage}`) : '—'} →{' '}
          {event.toStage ? t(`cultReview.stage.${event.toStage as Stage}`) : '—'}
        </Typography.Text>
      ) : null}
      {event.comment ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {event.comment}
        </Typography.Paragraph>
      ) : null}
    </Flex>
  );
}

function ApplicationView({ detail, reload }: { detail: ApplicationDetail; reload: () => void }) {
  const { t, locale } = useI18n();
  const range = (from: string | null, to: string | null) =>
    from || to
      ? t('cultReview.detail.range', { from: formatDate(from, locale), to: formatDate(to, locale) })
      : '—';
  const decidesNotice = detail.stage === 'notice' && detail.actions.length > 0;
  // Back to the queue as it was filtered when the application was opened from it.
  const state: unknown = useLocation().state;
  const queue =
    typeof state === 'object' && state !== null && 'queue' in state && typeof state.queue === 'string'
      ? state.queue
      : '';
  return (
    <Flex
      vertical
      gap={16}
      data-testid="application-page"
      data-application={detail.id}
      data-stage={detail.stage}
    >
      <ReviewDetailHeading
        back={`/app/cultivation/applications${queue.startsWith('?') ? queue : ''}`}
        backText={t('cultReview.detail.back')}
        title={
          <span data-testid="application-enterprise">
            {detail.enterpriseName || `#${detail.enterpriseId}`}
          </span>
        }
        extra={
          <Space wrap>
            <TierTag tier={detail.tier} />
            <StageTag
              stage={detail.stage}
              validTo={detail.validTo}
              noticeFrom={detail.noticeFrom}
              testId="application-stage"
            />
          </Space>
        }
      />
      <Card title={t('cultReview.action.title')} size="small">
        <ReviewActions detail={detail} onDone={reload} />
      </Card>
      {detail.returnComment && (detail.stage === 'returned' || detail.stage === 'rejected') ? (
        <Alert
          type={detail.stage === 'rejected' ? 'error' : 'warning'}
          showIcon
          title={t('cultReview.detail.returnComment')}
          description={detail.returnComment}
          data-testid="application-return-comment"
        />
      ) : null}
      {detail.revokedReason ? (
        <Alert
          type="error"
          showIcon
          title={t('cultReview.detail.revokedReason')}
          description={detail.revokedReason}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title={t('cultReview.detail.info')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'number', label: t('cultReview.detail.number'), children: detail.id },
                  {
                    key: 'uscc',
                    label: t('cultReview.detail.uscc'),
                    children: (
                      <Typography.Text copyable className="huiqi-mono">
                        {detail.uscc}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'registry',
                    label: t('cultReview.detail.registry'),
                    children: (
                      <Link to={`/app/enterprises/${detail.enterpriseId}`}>{detail.enterpriseName}</Link>
                    ),
                  },
                  {
                    key: 'region',
                    label: t('cultReview.detail.region'),
                    children: <RegionName code={detail.regionCode} full />,
                  },
                  { key: 'year', label: t('cultReview.detail.year'), children: detail.year },
                  { key: 'dataYear', label: t('cultReview.detail.dataYear'), children: detail.dataYear },
                  {
                    key: 'standard',
                    label: t('cultReview.detail.standard'),
                    children: <StandardName id={detail.standardVersion} testId="application-standard" />,
                  },
                  {
                    key: 'score',
                    label: t('cultReview.col.score'),
                    children: (
                      <Space size={8}>
                        {detail.score === null ? t('cultReview.noScore') : detail.score}
                        <AssessmentTag status={detail.status} />
                      </Space>
                    ),
                  },
                  {
                    key: 'submitted',
                    label: t('cultReview.detail.submittedAt'),
                    children: formatDateTime(detail.submittedAt, locale),
                  },
                  {
                    key: 'due',
                    label: t('cultReview.detail.dueOn'),
                    children: (
                      <DueDate dueOn={detail.dueOn} overdue={detail.overdue} testId="application-due" />
                    ),
                  },
                  {
                    key: 'notice',
                    label: t('cultReview.detail.notice'),
                    children: (
                      <span data-testid="application-notice">
                        {range(detail.noticeFrom, detail.noticeTo)}
                      </span>
                    ),
                  },
                  {
                    key: 'valid',
                    label: t('cultReview.detail.valid'),
                    children: range(detail.validFrom, detail.validTo),
                  },
                  {
                    key: 'updated',
                    label: t('cultReview.detail.updatedAt'),
                    children: formatDateTime(detail.updatedAt, locale),
                  },
                ]}
              />
            </Card>
            <Card title={t('cultReview.timeline.title')} data-testid="review-timeline">
              {detail.events.length === 0 ? (
                <Typography.Text type="secondary">{t('cultReview.timeline.empty')}</Typography.Text>
              ) : (
                <Timeline
                  items={detail.events.map((event) => ({
                    key: event.id,
                    content: <EventLine event={event} />,
                  }))}
                />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            {detail.stage === 'notice' || detail.objections.length > 0 ? (
              <ReviewObjections detail={detail} canAnswer={decidesNotice} onDone={reload} />
            ) : null}
            <ReviewAssessment assessment={detail.assessment} />
            <ReviewFacts facts={detail.facts} assessment={detail.assessment} />
            <EvidencePanel enterpriseId={detail.enterpriseId} year={detail.dataYear} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
