/**
 * The enterprise's applications for a tier (issue 18): each with its stage, score, the due date of the stage under
 * review, the public notice's days and the recognition's validity; one opened in a drawer (its address carries
 * `?application=<id>`) with the reviewer's return comment, resubmitting when returned and withdrawing while it is
 * under review, its history (each answer to an objection on it: upheld or dismissed, the answer, when), and the
 * objections lodged during the notice with their answers.
 */
import { EyeOutlined, RedoOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Grid,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  type ApplicationDetail,
  type CultivationApplication,
  cultivationApi,
  cultivationQueries,
  type MyCultivation,
} from '../../api/cultivation.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { MyStageTag } from './MyCultivationTags.tsx';
import { applicationActions } from './myCultivationModel.ts';

/** A date range as the page shows it ("2026-12-01 – 2026-12-05"), or null when there is none. */
function rangeText(from: string | null, to: string | null, locale: 'zh-CN' | 'en'): string | null {
  if (!from && !to) return null;
  return `${formatDate(from, locale) || '—'} – ${formatDate(to, locale) || '—'}`;
}

/** The applications as cards (they read on a phone), newest first. */
export function MyApplicationsList({ data, onOpen }: { data: MyCultivation; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  if (data.applications.length === 0)
    return (
      <Card size="small">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('cultivation.my.applicationsEmpty')}
          data-testid="my-applications-empty"
        />
      </Card>
    );
  return (
    <Row gutter={[16, 16]} data-testid="my-applications">
      {data.applications.map((a) => (
        <Col xs={24} lg={12} key={a.id}>
          <ApplicationCard application={a} tierName={tierName(data, a)} onOpen={onOpen} />
        </Col>
      ))}
    </Row>
  );
}

function tierName(data: MyCultivation, a: CultivationApplication): { zh: string; en: string } {
  return data.tiers.find((t) => t.tier === a.tier)?.name ?? { zh: a.tier, en: a.tier };
}

function ApplicationCard({
  application: a,
  tierName: name,
  onOpen,
}: {
  application: CultivationApplication;
  tierName: { zh: string; en: string };
  onOpen: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Card
      size="small"
      data-testid="my-application"
      data-id={a.id}
      data-stage={a.stage}
      title={
        <Flex vertical gap={0} style={{ whiteSpace: 'normal', padding: '6px 0' }}>
          <Typography.Text strong>{locale === 'en' ? name.en : name.zh}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('cultivation.my.applicationNo', { id: a.id, year: a.year })}
          </Typography.Text>
        </Flex>
      }
      extra={<MyStageTag stage={a.stage} validTo={a.validTo} noticeFrom={a.noticeFrom} />}
    >
      <Flex vertical gap={8}>
        {a.stage === 'returned' && a.returnComment ? (
          <Alert
            type="warning"
            showIcon
            title={t('cultivation.my.returned')}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.returnComment}</span>}
          />
        ) : null}
        <ApplicationFacts application={a} />
        <Button icon={<EyeOutlined />} block onClick={() => onOpen(a.id)} data-testid="my-application-open">
          {t('cultivation.my.openApplication')}
        </Button>
      </Flex>
    </Card>
  );
}

/** Score, due date, notice period and validity of an application. */
function ApplicationFacts({
  application: a,
  bordered = false,
}: {
  application: CultivationApplication;
  bordered?: boolean;
}) {
  const { t, locale } = useI18n();
  const notice = rangeText(a.noticeFrom, a.noticeTo, locale);
  const valid = rangeText(a.validFrom, a.validTo, locale);
  const items = [
    {
      key: 'score',
      label: t('cultivation.my.appScore'),
      children: (
        <span data-testid="my-application-score" data-score={a.score ?? ''}>
          {a.score === null ? t('cultivation.my.noScore') : a.score}{' '}
          <Typography.Text type="secondary">({t(`cultivation.my.status.${a.status}`)})</Typography.Text>
        </span>
      ),
    },
    {
      key: 'submitted',
      label: t('cultivation.my.appSubmitted'),
      children: formatDateTime(a.submittedAt, locale, { labelled: true }),
    },
    ...(a.dueOn
      ? [
          {
            key: 'due',
            label: t('cultivation.my.appDue'),
            children: (
              <Space size={4} wrap data-testid="my-application-due" data-due={a.dueOn}>
                {formatDate(a.dueOn, locale)}
                {a.overdue ? <Tag color="error">{t('cultivation.my.overdue')}</Tag> : null}
              </Space>
            ),
          },
        ]
      : []),
    ...(a.stage === 'returned'
      ? [{ key: 'paused', label: t('cultivation.my.appDue'), children: t('cultivation.my.clockPaused') }]
      : []),
    ...(notice
      ? [
          {
            key: 'notice',
            label: t('cultivation.my.appNotice'),
            children: (
              <span
                data-testid="my-application-notice"
                data-from={a.noticeFrom ?? ''}
                data-to={a.noticeTo ?? ''}
              >
                {notice}
              </span>
            ),
          },
        ]
      : []),
    ...(valid ? [{ key: 'valid', label: t('cultivation.my.appValid'), children: valid }] : []),
    ...(a.revokedReason
      ? [{ key: 'revoked', label: t('cultivation.my.appRevoked'), children: a.revokedReason }]
      : []),
  ];
  return <Descriptions size="small" column={1} bordered={bordered} items={items} />;
}

/** One application in a drawer: its facts, the return comment, actions, history and objections. */
export function MyApplicationDrawer({
  id,
  data,
  onClose,
  onChanged,
}: {
  id: number | undefined;
  data: MyCultivation | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      title={t('cultivation.my.applicationTitle', { id: id ?? '' })}
      destroyOnHidden
      data-testid="my-application-drawer"
    >
      {id !== undefined ? <ApplicationBody id={id} data={data} onChanged={onChanged} /> : null}
    </Drawer>
  );
}

function ApplicationBody({
  id,
  data,
  onChanged,
}: {
  id: number;
  data: MyCultivation | undefined;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const detail = useApiQuery({ ...cultivationQueries.application(id), retry: false });
  const [acting, setActing] = useState<'withdraw' | 'resubmit' | null>(null);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const a = detail.data;

  const act = async (kind: 'withdraw' | 'resubmit', application: ApplicationDetail) => {
    setActing(kind);
    setRefusal(null);
    try {
      await (kind === 'withdraw'
        ? cultivationApi.withdraw(application.id, application.version)
        : cultivationApi.resubmit(application.id, application.version));
      void message.success(
        t(kind === 'withdraw' ? 'cultivation.my.withdrawn' : 'cultivation.my.resubmitted'),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) void message.warning(error.message);
      else if (error instanceof ApiError && error.errors.length > 0)
        setRefusal(error.errors.map((e) => e.message));
      else void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setActing(null);
      detail.reload();
      onChanged();
    }
  };

  if (detail.loading) return <Skeleton active />;
  if (!a) return <LoadError error={detail.error} onRetry={detail.reload} />;
  const allowed = applicationActions(a.stage);
  const name = data ? tierName(data, a) : { zh: a.tier, en: a.tier };
  return (
    <Flex vertical gap={16} data-testid="my-application-detail" data-id={a.id} data-stage={a.stage}>
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>{locale === 'en' ? name.en : name.zh}</Typography.Text>
        <MyStageTag stage={a.stage} validTo={a.validTo} noticeFrom={a.noticeFrom} />
      </Space>
      {a.returnComment && a.stage === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          data-testid="my-application-return"
          title={t('cultivation.my.returned')}
          description={
            <Flex vertical gap={4}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{a.returnComment}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cultivation.my.returnedHelp')}
              </Typography.Text>
            </Flex>
          }
        />
      ) : null}
      <ApplicationFacts application={a} bordered />
      {refusal ? (
        <Alert
          type="error"
          showIcon
          data-testid="my-application-error"
          title={t('cultivation.my.refused')}
          description={
            <Flex vertical gap={2}>
              {refusal.map((text) => (
                <span key={text}>{text}</span>
              ))}
            </Flex>
          }
        />
      ) : null}
      {allowed.resubmit || allowed.withdraw ? (
        <Flex wrap gap={8}>
          {allowed.resubmit ? (
            <Popconfirm
              title={t('cultivation.my.resubmitConfirm')}
              okText={t('cultivation.my.resubmit')}
              cancelText={t('common.cancel')}
              onConfirm={() => act('resubmit', a)}
            >
              <Button
                type="primary"
                icon={<RedoOutlined />}
                loading={acting === 'resubmit'}
                data-testid="my-resubmit"
              >
                {t('cultivation.my.resubmit')}
              </Button>
            </Popconfirm>
          ) : null}
          {allowed.withdraw ? (
            <Popconfirm
              title={t('cultivation.my.withdrawConfirm')}
              okText={t('cultivation.my.withdraw')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => act('withdraw', a)}
            >
              <Button
                danger
                icon={<RollbackOutlined />}
                loading={acting === 'withdraw'}
                data-testid="my-withdraw"
              >
                {t('cultivation.my.withdraw')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ) : null}
      <Card size="small" title={t('cultivation.my.history')}>
        <div data-testid="my-application-timeline">
          <Timeline
            items={a.events.map((e) => {
              const actionKey = `cultivation.my.event.${e.action}`;
              const roleKey = `cultivation.my.actor.${e.actorRole}`;
              const moved = e.toStage !== null && e.toStage !== e.fromStage;
              return {
                key: e.id,
                color:
                  e.action === 'return' ||
                  e.action === 'reject' ||
                  e.action === 'revoke' ||
                  e.action === 'objection_upheld'
                    ? 'red'
                    : e.action === 'objection'
                      ? 'orange'
                      : 'blue',
                content: (
                  <Flex vertical gap={0} data-testid="my-event" data-action={e.action}>
                    <Typography.Text>
                      {isMessageKey(actionKey) ? t(actionKey) : t('cultivation.my.event.other')}
                      {moved && isMessageKey(`cultivation.my.stage.${e.toStage}`)
                        ? ` → ${t(`cultivation.my.stage.${e.toStage}` as 'cultivation.my.stage.county_review')}`
                        : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at, locale, { labelled: true })} ·{' '}
                      {isMessageKey(roleKey) ? t(roleKey) : t('cultivation.my.actor.official')}
                    </Typography.Text>
                    {e.comment ? (
                      <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="my-event-comment">
                        {e.action.startsWith('objection_')
                          ? t('cultivation.my.objectionAnswer', { answer: e.comment })
                          : e.comment}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              };
            })}
          />
        </div>
      </Card>
      <Card size="small" title={t('cultivation.my.objections', { count: a.objections.length })}>
        {a.objections.length === 0 ? (
          <Typography.Text type="secondary">
            {a.noticeFrom ? t('cultivation.my.objectionsNone') : t('cultivation.my.objectionsNoNotice')}
          </Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {a.objections.map((o) => (
              <Flex vertical gap={4} key={o.id} data-testid="my-objection" data-state={o.state}>
                <Space wrap size={[6, 4]}>
                  <Tag
                    color={
                      o.state === 'upheld' ? 'error' : o.state === 'dismissed' ? 'default' : 'processing'
                    }
                  >
                    {t(`cultivation.my.objection.${o.state}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(o.lodgedAt, locale, { labelled: true })}
                  </Typography.Text>
                </Space>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{o.content}</Typography.Text>
                {o.answer ? (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('cultivation.my.objectionAnswer', { answer: o.answer })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
