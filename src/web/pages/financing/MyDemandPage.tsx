/**
 * `/app/my/financing/demands/:id` (an enterprise): one of its demands (issue 15) — its terms and what it is told
 * (above every product's ceiling, inclusive 普惠; a granted one whose loan was paid out reads 已放款), each bank's
 * answer as a card with its deadlines and decision, what it may do (withdraw; after a decline agree to be referred
 * to other banks; per answer show who it is, rate the bank), the timeline and the products the demand fits.
 */
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
  Rate,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PRODUCT_KINDS } from '../../../reference/financing.ts';
import { ApiError } from '../../api/client.ts';
import { type DemandDetail, financingApi, financingQueries, type LoanResponse } from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { useFinancingRules } from './financingForm.tsx';
import { formatRateRange, formatWanRange } from './financingFormat.ts';
import {
  DemandFlags,
  DemandStateTag,
  DemandSummary,
  DemandTimeline,
  DetailHeading,
  demandDisbursed,
  FitView,
  ResponseDetails,
  useActing,
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
  const { acting: rating, start: rate, close, done } = useActing<LoanResponse>(detail.reload);
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
      <DetailHeading
        back="/app/my/financing/demands"
        backText={t('financing.myDemands.back')}
        title={t('financing.myDemand.title', { id: params.id ?? '' })}
      />
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
                <DemandStateTag state={demand.state} disbursed={demandDisbursed(demand)} />
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
                      okButtonProps: {
                        danger: true,
                        ...({ 'data-testid': 'demand-withdraw-ok' } as Record<string, string>),
                      },
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
                            onClick={() => rate(response)}
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
              onClose={close}
              onDone={() => done(t('financing.myDemand.rated'))}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

interface RateValues {
  rating: number;
  comment?: string;
}

/** The enterprise's rating of a bank's answer, with a comment. */
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
  const [form] = Form.useForm<RateValues>();
  const submit = useFinancingSubmit(form, ['rating', 'comment']);
  const rules = useFinancingRules();
  const finish = async (values: RateValues) => {
    const comment = values.comment?.trim();
    const saved = await submit.run(() =>
      financingApi.rate(demandId, response.id, {
        rating: values.rating,
        ...(comment ? { comment } : {}),
      }),
    );
    if (saved) onDone();
  };
  return (
    <FormModal
      form={form}
      title={t('financing.myDemand.rateTitle', { bank: response.institutionName })}
      okText={t('common.save')}
      okTestId="rate-submit"
      saving={submit.saving}
      onClose={onClose}
      onFinish={(values) => void finish(values)}
    >
      {submit.alert}
      <Form.Item name="rating" label={t('financing.response.rating')} rules={[rules.required]}>
        <Rate data-testid="rate-stars" />
      </Form.Item>
      <Form.Item name="comment" label={t('financing.myDemand.rateComment')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="rate-comment" />
      </Form.Item>
    </FormModal>
  );
}
