/**
 * `/app/my/financing/demands/:id` (an enterprise): one of its demands (issue 15) — its terms and what it is told
 * (above every product's ceiling, inclusive 普惠), each bank's answer as a card with its deadlines and decision,
 * what it may do (withdraw; after a decline agree to be referred to other banks; per answer show who it is, rate
 * the bank), the timeline and the products the demand fits.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Rate,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PRODUCT_KINDS } from '../../../reference/financing.ts';
import { ApiError } from '../../api/client.ts';
import { type DemandDetail, financingApi, financingQueries, type LoanResponse } from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { formatRateRange, formatWanRange } from './financingFormat.ts';
import {
  DemandFlags,
  DemandStateTag,
  DemandSummary,
  DemandTimeline,
  FitView,
  ResponseDetails,
  useFinancingSubmit,
  useTermName,
} from './financingParts.tsx';

export default function MyDemandPage() {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const name = useTermName();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const detail = useApiQuery<DemandDetail>(
    valid
      ? { ...financingQueries.myDemand(id), retry: false }
      : refusedQuery(
          ['my-financing-demand', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const [rating, setRating] = useState<LoanResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const data = detail.data;
  const demand = data?.demand;

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      detail.reload();
    }
  };

  return (
    <Flex vertical gap={16} data-testid="my-demand-page">
      <Flex vertical gap={4}>
        <Link to="/app/my/financing/demands">
          <ArrowLeftOutlined /> {t('financing.myDemands.back')}
        </Link>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('financing.myDemand.title', { id: params.id ?? '' })}
        </Typography.Title>
      </Flex>
      {detail.loading ? <Skeleton active /> : null}
      <LoadError error={detail.error} onRetry={detail.reload} />
      {demand && data ? (
        <>
          {demand.aboveEveryProduct ? (
            <Alert type="warning" showIcon title={t('financing.flag.aboveEveryProductLong')} />
          ) : null}
          {demand.state === 'declined' && demand.actions.includes('refer') ? (
            <Alert
              type="info"
              showIcon
              title={t('financing.myDemand.referIntro')}
              action={
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() =>
                    void run(
                      () => financingApi.referDemand(demand.id, demand.version),
                      t('financing.myDemand.referred'),
                    )
                  }
                  data-testid="demand-refer"
                >
                  {t('financing.myDemand.refer')}
                </Button>
              }
            />
          ) : null}
          <Card
            title={
              <Space>
                {t('financing.demand.title')}
                <DemandStateTag state={demand.state} />
              </Space>
            }
            extra={
              demand.actions.includes('withdraw') ? (
                <Button
                  danger
                  loading={busy}
                  data-testid="demand-withdraw"
                  onClick={() =>
                    modal.confirm({
                      title: t('financing.myDemand.withdrawTitle'),
                      content: t('financing.myDemand.withdrawConfirm'),
                      okText: t('financing.myDemand.withdraw'),
                      okButtonProps: { danger: true },
                      cancelText: t('common.cancel'),
                      onOk: () =>
                        run(
                          () => financingApi.withdrawDemand(demand.id, demand.version),
                          t('financing.myDemand.withdrawn'),
                        ),
                    })
                  }
                >
                  {t('financing.myDemand.withdraw')}
                </Button>
              ) : null
            }
          >
            <DemandSummary demand={demand} extra={<DemandFlags demand={demand} />} />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {demand.showProfile
                ? t('financing.myDemand.profileShown')
                : t('financing.myDemand.profileHidden')}
            </Typography.Paragraph>
          </Card>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('financing.myDemand.responses')}
          </Typography.Title>
          {demand.responses.length === 0 ? (
            <Card>
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  demand.state === 'open'
                    ? t('financing.myDemand.waiting', { date: formatDate(demand.pickupDue, locale) })
                    : t('financing.myDemand.noResponses')
                }
              />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {demand.responses.map((response) => (
                <Col xs={24} xl={12} key={response.id}>
                  <Card
                    title={response.institutionName}
                    data-testid="bank-response"
                    data-response-id={response.id}
                    extra={
                      <Space>
                        {response.actions.includes('show_profile') ? (
                          <Button
                            size="small"
                            loading={busy}
                            onClick={() =>
                              void run(
                                () => financingApi.showProfile(demand.id, response.id),
                                t('financing.myDemand.profileShownTo', { bank: response.institutionName }),
                              )
                            }
                            data-testid={`response-show-profile-${response.id}`}
                          >
                            {t('financing.myDemand.showProfile')}
                          </Button>
                        ) : null}
                        {response.actions.includes('rate') ? (
                          <Button
                            size="small"
                            type="primary"
                            onClick={() => setRating(response)}
                            data-testid={`response-rate-${response.id}`}
                          >
                            {t('financing.myDemand.rate')}
                          </Button>
                        ) : null}
                      </Space>
                    }
                  >
                    <ResponseDetails response={response} />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          <Card title={t('financing.timeline.title')}>
            <DemandTimeline events={data.timeline} />
          </Card>
          <Card title={t('financing.myDemand.matches')} data-testid="demand-matches">
            {data.matches.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('financing.myDemand.noMatches')} />
            ) : (
              <Flex vertical gap={16}>
                {data.matches.map(({ product, fit }) => (
                  <Card
                    key={product.id}
                    size="small"
                    type="inner"
                    title={product.name}
                    data-testid="demand-match"
                  >
                    <Flex vertical gap={8}>
                      <Typography.Text type="secondary">
                        {product.institutionName} · {name(PRODUCT_KINDS, product.kind)} ·{' '}
                        {formatWanRange(product.amountMin, product.amountMax, locale)} ·{' '}
                        {formatRateRange(product.rateMin, product.rateMax)}
                      </Typography.Text>
                      <FitView fit={fit} />
                    </Flex>
                  </Card>
                ))}
              </Flex>
            )}
          </Card>
          {rating ? (
            <RateModal
              response={rating}
              demandId={demand.id}
              onClose={() => setRating(null)}
              onDone={() => {
                setRating(null);
                void message.success(t('financing.myDemand.rated'));
                detail.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

function RateModal({
  response,
  demandId,
  onClose,
  onDone,
}: {
  response: LoanResponse;
  demandId: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const submit = useFinancingSubmit(form, ['rating', 'comment']);
  return (
    <Modal
      open
      title={t('financing.myDemand.rateTitle', { bank: response.institutionName })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'rate-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (values) => {
          const comment = values.comment?.trim();
          const saved = await submit.run(() =>
            financingApi.rate(demandId, response.id, {
              rating: values.rating,
              ...(comment ? { comment } : {}),
            }),
          );
          if (saved) onDone();
        }}
      >
        {submit.alert}
        <Form.Item
          name="rating"
          label={t('financing.response.rating')}
          rules={[{ required: true, message: t('financing.form.required') }]}
        >
          <Rate data-testid="rate-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('financing.myDemand.rateComment')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="rate-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
