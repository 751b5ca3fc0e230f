/**
 * 评审价格计算 (public): a tender's kind and announcement date, the small/micro deduction it fixes (the range allowed
 * on that date for that kind shown beside it, from the dated rules, with how sure each end is), the consortium
 * deduction when a bid is a consortium's or a subcontracting bidder's, and the bids as an editable table (bidder,
 * price, declared size, role, small/micro share of the contract, for goods the manufacturers' sizes, related parties)
 * → POST /api/public/procurement/evaluate: each bid's deduction, evaluated price, rank and the provision applied,
 * and the ranking. 载入示例 fills in the notes' worked case (docs/reference/procurement.md §7.1). The server's field
 * errors land on their input, a bid's on its row.
 */
import {
  CalculatorOutlined,
  DeleteOutlined,
  ExperimentOutlined,
  PlusOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type EvaluatedBid,
  type Evaluation,
  type ProcurementKind,
  type ProcurementRules,
  procurementApi,
  type RuleRange,
} from '../../api/procurement.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors, clearFormErrors, type FieldName } from '../../lib/formErrors.ts';
import { basisText } from './calculatorText.ts';
import {
  type BidRow,
  cleanNumber,
  type EvaluationValues,
  evaluationBody,
  fieldPath,
  formatRange,
  formatShare,
  needsConsortiumDeduction,
  PERCENT_PATTERN,
  rankGroups,
  rankingText,
  ties,
  versionOn,
  WORKED_EXAMPLE,
  YUAN_PATTERN,
} from './procurementModel.ts';
import {
  BID_ROLES,
  BIDDER_SIZES,
  ConfidenceTag,
  PROCUREMENT_KINDS,
  useTermName,
  useTermOptions,
  useText,
  Yuan,
} from './procurementParts.tsx';

/** The form as antd holds it: the date as a Dayjs. */
type FormValues = Omit<EvaluationValues, 'announcementDate'> & { announcementDate?: Dayjs | null };

const TOP = ['kind', 'announcementDate', 'smallMicroDeduction', 'consortiumDeduction'];
const BID_FIELDS = ['id', 'price', 'declaredSize', 'role', 'smallMicroShare', 'itemSizes', 'partiesRelated'];

/** The form item a server's field error belongs to: a top field, a bid's cell, or the bids as a whole. */
export function evaluationFieldName(field: string): FieldName | null {
  const path = fieldPath(field);
  const [head, index, leaf] = path;
  if (typeof head !== 'string') return null;
  if (TOP.includes(head)) return [head];
  if (head !== 'bids') return null;
  if (typeof index !== 'number') return ['bids'];
  // A bid's own problem without a cell (e.g. 'bids[0]'): on its bidder's cell.
  return ['bids', index, typeof leaf === 'string' && BID_FIELDS.includes(leaf) ? leaf : 'id'];
}

const NEW_BID: BidRow = { role: 'single', declaredSize: 'small' };

function RangeHelp({ range, testId }: { range: RuleRange | undefined; testId: string }) {
  const { t, locale } = useI18n();
  if (!range) return <span>{t('proc.eval.rangeUnknown')}</span>;
  return (
    <Space size={6} wrap data-testid={testId} data-min={range.min} data-max={range.max}>
      <span>
        {t('proc.eval.range', { range: formatRange(range), basis: basisText(range.basis, locale) })}
      </span>
      <ConfidenceTag confidence={range.confidence} basis={basisText(range.basis, locale)} />
    </Space>
  );
}

export function BidEvaluation({
  rules,
  onDate,
}: {
  rules: ProcurementRules | undefined;
  /** The announcement date as chosen (YYYY-MM-DD), for the rules card. */
  onDate?: (date: string | null) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const kindOptions = useTermOptions(PROCUREMENT_KINDS);
  const sizeOptions = useTermOptions(BIDDER_SIZES);
  const roleOptions = useTermOptions(BID_ROLES);
  const kind = (Form.useWatch('kind', form) ?? 'goods') as ProcurementKind;
  const date = Form.useWatch('announcementDate', form) as Dayjs | null | undefined;
  const bids = Form.useWatch('bids', form) as BidRow[] | undefined;
  const [result, setResult] = useState<Evaluation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [bidsErrors, setBidsErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);

  const dateText = date?.isValid() ? date.format('YYYY-MM-DD') : null;
  const version = versionOn(rules, dateText);
  useEffect(() => onDate?.(dateText), [dateText, onDate]);
  const partner = needsConsortiumDeduction(bids);

  const onFinish = async (values: FormValues) => {
    setChecking(true);
    setFailure(null);
    setBidsErrors([]);
    clearFormErrors(form);
    try {
      setResult(
        await procurementApi.evaluate(
          evaluationBody({
            ...values,
            bids: values.bids ?? [],
            announcementDate: values.announcementDate?.format('YYYY-MM-DD') ?? '',
          }),
        ),
      );
    } catch (error) {
      setResult(null);
      const { list, unmatched } = applyNestedFieldErrors(form, error, evaluationFieldName, ['bids']);
      setBidsErrors(list);
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? t('proc.calc.fixFields')
          : [error instanceof Error ? error.message : String(error), ...unmatched].join(
              t('proc.listSeparator'),
            ),
      );
    } finally {
      setChecking(false);
    }
  };

  const loadExample = () => {
    clearFormErrors(form);
    setFailure(null);
    setBidsErrors([]);
    form.setFieldsValue({
      ...WORKED_EXAMPLE,
      consortiumDeduction: undefined,
      announcementDate: dayjs(WORKED_EXAMPLE.announcementDate),
    });
    form.submit();
  };

  const required = { required: true, message: t('proc.form.required') };
  const pattern = (re: RegExp, message: string) => ({
    validator: (_: unknown, value: string | undefined) =>
      !value || re.test(cleanNumber(value)) ? Promise.resolve() : Promise.reject(new Error(message)),
  });

  return (
    <Flex vertical gap={24}>
      <Card
        title={t('proc.calc.evaluate.form')}
        extra={
          <Button icon={<ExperimentOutlined />} onClick={loadExample} data-testid="eval-example">
            {t('proc.eval.example')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('proc.eval.intro')}</Typography.Paragraph>
        <Form<FormValues>
          form={form}
          name="evaluation"
          layout="vertical"
          initialValues={{
            kind: 'goods',
            announcementDate: dayjs(todayInChina()),
            bids: [
              { ...NEW_BID, id: 'A' },
              { ...NEW_BID, id: 'B', declaredSize: 'medium' },
            ],
          }}
          onFinish={(values) => void onFinish(values)}
          onValuesChange={(changed: Partial<FormValues>) => {
            if (failure) setFailure(null);
            if (changed.bids && bidsErrors.length > 0) setBidsErrors([]);
          }}
          data-testid="eval-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('proc.field.kind')} rules={[required]}>
                <Radio.Group optionType="button" options={kindOptions} data-testid="eval-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="announcementDate"
                label={t('proc.field.announcementDate')}
                rules={[required]}
                extra={
                  version
                    ? t('proc.form.versionOn', {
                        version: version.id,
                        documents: version.documents.join(t('proc.listSeparator')),
                      })
                    : undefined
                }
              >
                <DatePicker style={{ width: '100%' }} data-testid="eval-date" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="smallMicroDeduction"
                label={t('proc.field.smallMicroDeduction')}
                rules={[required, pattern(PERCENT_PATTERN, t('proc.form.percent'))]}
                extra={<RangeHelp range={version?.smallMicroDeduction[kind]} testId="eval-sm-range" />}
              >
                <Input suffix="%" inputMode="decimal" data-testid="eval-sm-deduction" />
              </Form.Item>
            </Col>
            {partner ? (
              <Col xs={24} md={12}>
                <Form.Item
                  name="consortiumDeduction"
                  label={t('proc.field.consortiumDeduction')}
                  rules={[pattern(PERCENT_PATTERN, t('proc.form.percent'))]}
                  extra={
                    <Flex vertical gap={2}>
                      <RangeHelp range={version?.consortiumDeduction[kind]} testId="eval-co-range" />
                      {version ? (
                        <span>
                          {t('proc.eval.consortiumShareMin', {
                            share: formatShare(version.consortiumShareMin.value),
                          })}
                        </span>
                      ) : null}
                    </Flex>
                  }
                >
                  <Input suffix="%" inputMode="decimal" data-testid="eval-co-deduction" />
                </Form.Item>
              </Col>
            ) : null}
          </Row>

          <Typography.Title level={5}>{t('proc.eval.bids')}</Typography.Title>
          <Form.List name="bids">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={fields}
                  scroll={{ x: 980 }}
                  data-testid="eval-bids"
                  columns={[
                    {
                      title: t('proc.bid.id'),
                      key: 'id',
                      width: 140,
                      render: (_, field) => (
                        <Form.Item name={[field.name, 'id']} rules={[required]} style={{ margin: 0 }}>
                          <Input maxLength={100} data-testid={`eval-bid-id-${field.name}`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('proc.bid.price'),
                      key: 'price',
                      width: 170,
                      render: (_, field) => (
                        <Form.Item
                          name={[field.name, 'price']}
                          rules={[required, pattern(YUAN_PATTERN, t('proc.form.yuan'))]}
                          style={{ margin: 0 }}
                        >
                          <Input
                            suffix={t('proc.unit.yuan')}
                            inputMode="decimal"
                            data-testid={`eval-bid-price-${field.name}`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('proc.bid.declaredSize'),
                      key: 'declaredSize',
                      width: 130,
                      render: (_, field) => (
                        <Form.Item
                          name={[field.name, 'declaredSize']}
                          rules={[required]}
                          style={{ margin: 0 }}
                        >
                          <Select options={sizeOptions} data-testid={`eval-bid-size-${field.name}`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('proc.bid.role'),
                      key: 'role',
                      width: 190,
                      render: (_, field) => (
                        <Form.Item name={[field.name, 'role']} rules={[required]} style={{ margin: 0 }}>
                          <Select
                            options={roleOptions}
                            popupMatchSelectWidth={false}
                            data-testid={`eval-bid-role-${field.name}`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('proc.bid.smallMicroShare'),
                      key: 'smallMicroShare',
                      width: 130,
                      render: (_, field) => {
                        const role = bids?.[field.name]?.role;
                        const isPartner = role === 'consortium' || role === 'subcontract';
                        return (
                          <Form.Item
                            name={[field.name, 'smallMicroShare']}
                            rules={[pattern(PERCENT_PATTERN, t('proc.form.percent'))]}
                            style={{ margin: 0 }}
                          >
                            <Input
                              suffix="%"
                              inputMode="decimal"
                              disabled={!isPartner}
                              placeholder={isPartner ? undefined : t('proc.bid.shareSingle')}
                              data-testid={`eval-bid-share-${field.name}`}
                            />
                          </Form.Item>
                        );
                      },
                    },
                    ...(kind === 'goods'
                      ? [
                          {
                            title: t('proc.bid.itemSizes'),
                            key: 'itemSizes',
                            width: 180,
                            render: (_: unknown, field: { name: number }) => (
                              <Form.Item name={[field.name, 'itemSizes']} style={{ margin: 0 }}>
                                <Select
                                  mode="multiple"
                                  allowClear
                                  options={sizeOptions}
                                  placeholder={t('proc.bid.itemSizesPlaceholder')}
                                  data-testid={`eval-bid-items-${field.name}`}
                                />
                              </Form.Item>
                            ),
                          },
                        ]
                      : []),
                    {
                      title: t('proc.bid.partiesRelated'),
                      key: 'partiesRelated',
                      width: 90,
                      render: (_, field) => {
                        const role = bids?.[field.name]?.role;
                        return (
                          <Form.Item
                            name={[field.name, 'partiesRelated']}
                            valuePropName="checked"
                            style={{ margin: 0 }}
                          >
                            <Checkbox
                              disabled={role !== 'consortium' && role !== 'subcontract'}
                              data-testid={`eval-bid-related-${field.name}`}
                            />
                          </Form.Item>
                        );
                      },
                    },
                    {
                      title: '',
                      key: 'remove',
                      width: 48,
                      render: (_, field) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                          aria-label={t('proc.bid.remove')}
                          data-testid={`eval-bid-remove-${field.name}`}
                        />
                      ),
                    },
                  ]}
                />
                {bidsErrors.length > 0 ? (
                  <Alert type="error" showIcon title={bidsErrors.join(t('proc.listSeparator'))} />
                ) : null}
                <div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ ...NEW_BID, id: String.fromCharCode(65 + (fields.length % 26)) })}
                    disabled={fields.length >= 500}
                    data-testid="eval-add-bid"
                  >
                    {t('proc.bid.add')}
                  </Button>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('proc.bid.help')}
                </Typography.Text>
              </Flex>
            )}
          </Form.List>

          {failure ? (
            <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} data-testid="eval-error" />
          ) : null}
          <Space wrap style={{ marginTop: 16 }}>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CalculatorOutlined />}
              loading={checking}
              data-testid="eval-submit"
            >
              {t('proc.calc.evaluate.submit')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setResult(null);
                setFailure(null);
                setBidsErrors([]);
              }}
              data-testid="eval-reset"
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>

      <Card title={t('proc.calc.evaluate.result')} data-testid="eval-result-card">
        {result ? (
          <EvaluationResult result={result} />
        ) : (
          <Empty description={t('proc.calc.evaluate.empty')} />
        )}
      </Card>
    </Flex>
  );
}

/** The evaluation: the ranking, each bid's deduction, evaluated price and provision, the provisions applied. */
function EvaluationResult({ result }: { result: Evaluation }) {
  const { t } = useI18n();
  const name = useTermName();
  const text = useText();
  const ranked = [...result.bids].sort((a, b) => a.rank - b.rank);
  const groups = rankGroups(result);
  const tied = ties(groups);
  const isTied = new Set(tied.flatMap((group) => group.ids));
  return (
    <Flex vertical gap={12} data-testid="eval-result">
      <Alert
        type="success"
        showIcon
        icon={<TrophyOutlined />}
        title={
          <span data-testid="eval-ranking" data-ranking={result.ranking.join(',')}>
            {t('proc.eval.ranking', { ranking: rankingText(groups) })}
          </span>
        }
      />
      {tied.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="eval-ties"
          title={
            <Flex vertical gap={2}>
              {tied.map((group) => (
                <span key={group.rank} data-testid="eval-tie" data-ids={group.ids.join(',')}>
                  {t('proc.eval.tie', {
                    bids: group.ids.join(t('proc.eval.tieJoin')),
                    rank: group.rank,
                  })}
                </span>
              ))}
            </Flex>
          }
          description={t('proc.eval.tieRule')}
        />
      )}
      <Table<EvaluatedBid>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={ranked}
        scroll={{ x: 860 }}
        onRow={(bid) => ({ 'data-testid': 'eval-row', 'data-id': bid.id, 'data-rank': bid.rank }) as never}
        columns={[
          {
            title: t('proc.eval.rank'),
            dataIndex: 'rank',
            width: 70,
            render: (rank: number, bid) => (
              <>
                {rank === 1 ? (
                  <Tag color="gold" icon={<TrophyOutlined />}>
                    {rank}
                  </Tag>
                ) : (
                  rank
                )}
                {isTied.has(bid.id) && (
                  <Typography.Text type="secondary">{t('proc.eval.tied')}</Typography.Text>
                )}
              </>
            ),
          },
          { title: t('proc.bid.id'), dataIndex: 'id', width: 120 },
          {
            title: t('proc.bid.price'),
            dataIndex: 'price',
            align: 'right',
            width: 150,
            render: (price: string) => <Yuan value={price} />,
          },
          {
            title: t('proc.eval.deduction'),
            dataIndex: 'deduction',
            align: 'right',
            width: 90,
            render: (deduction: string, bid) => (
              <span data-testid={`eval-deduction-${bid.id}`} data-value={deduction}>
                {deduction === '0' ? '—' : formatShare(deduction)}
              </span>
            ),
          },
          {
            title: t('proc.eval.evaluatedPrice'),
            dataIndex: 'evaluatedPrice',
            align: 'right',
            width: 170,
            render: (value: string, bid) => (
              <Typography.Text strong>
                <Yuan value={value} testId={`eval-evaluated-${bid.id}`} />
              </Typography.Text>
            ),
          },
          {
            title: t('proc.eval.preference'),
            dataIndex: 'preference',
            width: 130,
            render: (preference: EvaluatedBid['preference']) => (
              <Tag color={preference === 'none' ? 'default' : 'green'}>
                {t(`proc.preference.${preference}`)}
              </Tag>
            ),
          },
          {
            title: t('proc.eval.provision'),
            key: 'provision',
            render: (_, bid) => (
              <Typography.Text style={{ fontSize: 13 }}>{text(bid.provision)}</Typography.Text>
            ),
          },
        ]}
      />
      <div>
        <Typography.Text strong>{t('proc.req.provisions')}</Typography.Text>
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {result.provisions.map((provision, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the provisions are a fixed list of one answer.
            <li key={index} data-testid="eval-provision">
              {text(provision)}
            </li>
          ))}
        </ul>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="eval-rules">
        {t('proc.rulesVersion', {
          version: result.rulesId,
          documents: result.documents.join(t('proc.listSeparator')),
        })}{' '}
        · {name(PROCUREMENT_KINDS, result.kind)} · {t('proc.eval.note')}
      </Typography.Text>
    </Flex>
  );
}
