/**
 * What an application was judged on when submitted: the facts (the registry's figures and the enterprise's own),
 * and the assessment — the total against the pass mark, each dimension with its minimum, each indicator's points
 * with the figures used, the conditions with their reasons, and the facts missing with what they are needed for.
 */
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Card, Empty, Flex, Progress, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Assessment } from '../../api/cultivationReview.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { recognitionName, tierBelow, withRecognitionNames } from './myCultivationModel.ts';
import { AssessmentTag, useLocalized } from './ReviewParts.tsx';
import {
  type FactValue,
  factRows,
  provinceIndicatorNames,
  tierOfRecognition,
  unitOfFigure,
} from './reviewModel.ts';

/**
 * The submitted facts as a two-column table; the province's 特色化 indicators by their names with their units
 * (from the assessment kept with them), never by their codes.
 */
export function ReviewFacts({
  facts,
  assessment = null,
}: {
  facts: Record<string, unknown> | null;
  assessment?: Assessment | null;
}) {
  const { t, locale } = useI18n();
  const localized = useLocalized();
  const rows = factRows(facts);
  const indicatorNames = provinceIndicatorNames(assessment);
  const indicatorLabel = (id: string) => {
    const name = indicatorNames.get(id);
    return name ? localized(name) : t('cultReview.fact.provinceIndicatorUnnamed');
  };
  const indicatorUnit = (id: string) => {
    const figure = assessment?.indicators.find((i) => i.id === `province:${id}`)?.figures[0];
    return figure ? unitOfFigure({ value: figure.value, text: localized(figure.text) }).trim() : '';
  };
  const label = (key: string) => {
    const messageKey = `cultReview.fact.${key}`;
    return isMessageKey(messageKey) ? t(messageKey) : key;
  };
  const code = (value: string) => {
    const messageKey = `cultReview.fact.value.${value}`;
    if (isMessageKey(messageKey)) return t(messageKey);
    // A recognition the registry holds: a tier's by the tier's name, another in English where one is known.
    const tier = tierOfRecognition(value);
    return tier ? t(`cultReview.tier.${tier}`) : recognitionName(value, [], locale);
  };
  const show = (value: FactValue) => {
    switch (value.kind) {
      case 'none':
        return <Typography.Text type="secondary">—</Typography.Text>;
      case 'number':
        return formatDecimal(value.value, locale, Number.isInteger(value.value) ? 0 : 2);
      case 'boolean':
        return t(value.value ? 'common.yes' : 'common.no');
      case 'text':
        return code(value.value);
      case 'list':
        return value.values.length === 0 ? (
          <Typography.Text type="secondary">{code('none')}</Typography.Text>
        ) : (
          value.values.map(code).join(t('cultReview.punct.enum'))
        );
      case 'pairs': {
        // With the assessment kept, only the indicators its tier scores (an innovative SME's has none).
        const pairs = assessment ? value.pairs.filter(([key]) => indicatorNames.has(key)) : value.pairs;
        if (pairs.length === 0)
          return (
            <Typography.Text type="secondary">
              {t('cultReview.fact.provinceIndicatorsNotScored')}
            </Typography.Text>
          );
        return (
          <Flex vertical gap={0} align="end">
            {pairs.map(([key, v]) => {
              const unit = indicatorUnit(key);
              return (
                <span key={key} data-testid={`fact-indicator-${key}`}>
                  {t('cultReview.punct.labelled', {
                    label: indicatorLabel(key),
                    value: unit ? `${v} ${unit}` : v,
                  })}
                </span>
              );
            })}
          </Flex>
        );
      }
    }
  };
  return (
    <Card title={t('cultReview.facts.title')} data-testid="review-facts">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cultReview.facts.none')} />
      ) : (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('cultReview.facts.fact'), key: 'fact', render: (_, row) => label(row.key) },
            {
              title: t('cultReview.facts.value'),
              key: 'value',
              align: 'right',
              render: (_, row) => <span data-testid={`fact-${row.key}`}>{show(row.value)}</span>,
            },
          ]}
        />
      )}
    </Card>
  );
}

type IndicatorRow = Assessment['indicators'][number];

/** The assessment kept with the application. */
export function ReviewAssessment({ assessment }: { assessment: Assessment | null }) {
  const { t, locale } = useI18n();
  const localized = useLocalized();
  if (!assessment)
    return (
      <Card title={t('cultReview.assessment.title')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cultReview.assessment.none')} />
      </Card>
    );
  const scored = assessment.maxTotal > 0;
  // The prerequisite (the tier below recognised) is worded here: the kept text names the recognition in Chinese.
  const below = tierBelow(assessment.tier);
  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: t('cultReview.assessment.indicator'),
      key: 'indicator',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <span>
            {localized(row.name)}{' '}
            {row.missing ? <Tag color="warning">{t('cultReview.assessment.missingTag')}</Tag> : null}
          </span>
        </Flex>
      ),
    },
    {
      title: t('cultReview.assessment.figures'),
      key: 'figures',
      render: (_, row) =>
        row.figures.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={0}>
            {row.figures.map((figure) => (
              <Typography.Text key={figure.measure} type="secondary" style={{ fontSize: 13 }}>
                {localized(figure.text)}
              </Typography.Text>
            ))}
          </Flex>
        ),
    },
    {
      title: t('cultReview.assessment.points'),
      key: 'points',
      align: 'right',
      width: 90,
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`indicator-${row.id}`}>
          {row.points} / {row.max}
        </span>
      ),
    },
  ];
  return (
    <Card
      title={t('cultReview.assessment.title')}
      extra={<AssessmentTag status={assessment.status} />}
      data-testid="review-assessment"
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }} data-testid="review-assessment-summary">
          {localized(assessment.summary)}
        </Typography.Paragraph>
        {scored ? (
          <Flex vertical gap={12}>
            <Flex align="baseline" gap={8} wrap>
              <Typography.Text strong>{t('cultReview.assessment.total')}</Typography.Text>
              <Typography.Text strong style={{ fontSize: 22 }} data-testid="review-assessment-total">
                {t('cultReview.assessment.totalOf', { total: assessment.total, max: assessment.maxTotal })}
              </Typography.Text>
              {assessment.passMark != null && (
                <Typography.Text type="secondary" data-testid="review-assessment-pass-mark">
                  {t('cultivation.my.passMark', { mark: assessment.passMark })}
                </Typography.Text>
              )}
            </Flex>
            {assessment.dimensions.map((dimension) => {
              const indicators = assessment.indicators.filter((i) => i.dimension === dimension.id);
              return (
                <Flex key={dimension.id} vertical gap={6} data-testid={`dimension-${dimension.id}`}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Typography.Text strong>
                      {localized(dimension.name)}{' '}
                      {dimension.minimum !== null ? (
                        <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                          {t('cultReview.punct.paren', {
                            text: t('cultReview.assessment.minimum', { minimum: dimension.minimum }),
                          })}
                        </Typography.Text>
                      ) : null}
                      {dimension.meetsMinimum === false ? (
                        <Tag color="error" style={{ marginInlineStart: 8 }}>
                          {t('cultReview.assessment.belowMinimum')}
                        </Tag>
                      ) : null}
                    </Typography.Text>
                    <Typography.Text>
                      {dimension.points} / {dimension.max}
                    </Typography.Text>
                  </Flex>
                  <Progress
                    percent={dimension.max > 0 ? Math.round((dimension.points / dimension.max) * 100) : 0}
                    showInfo={false}
                    status={dimension.meetsMinimum === false ? 'exception' : 'normal'}
                    size="small"
                  />
                  {indicators.length > 0 ? (
                    <Table<IndicatorRow>
                      size="small"
                      rowKey="id"
                      pagination={false}
                      columns={columns}
                      dataSource={indicators}
                      scroll={{ x: 520 }}
                    />
                  ) : null}
                </Flex>
              );
            })}
          </Flex>
        ) : null}
        {assessment.conditions.length > 0 ? (
          <Flex vertical gap={6} data-testid="review-conditions">
            <Typography.Text strong>{t('cultReview.assessment.conditions')}</Typography.Text>
            {assessment.conditions.map((condition) => (
              <Flex key={condition.id} gap={8} align="flex-start">
                {condition.met === true ? (
                  <CheckCircleFilled
                    style={{ color: '#389e0d', marginTop: 4 }}
                    aria-label={t('cultReview.assessment.met')}
                  />
                ) : condition.met === false ? (
                  <CloseCircleFilled
                    style={{ color: '#cf1322', marginTop: 4 }}
                    aria-label={t('cultReview.assessment.notMet')}
                  />
                ) : (
                  <QuestionCircleFilled
                    style={{ color: '#d48806', marginTop: 4 }}
                    aria-label={t('cultReview.assessment.unknown')}
                  />
                )}
                <Flex vertical gap={0} data-testid="review-condition" data-condition={condition.id}>
                  <span>
                    <Tag style={{ marginInlineEnd: 6 }}>
                      {t(`cultReview.assessment.group.${condition.group}`)}
                    </Tag>
                    {below && condition.group === 'prerequisite'
                      ? t('cultReview.assessment.prerequisiteName', { tier: t(`cultReview.tier.${below}`) })
                      : withRecognitionNames(localized(condition.name), locale)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {below && condition.group === 'prerequisite'
                      ? t(
                          condition.met === true
                            ? 'cultReview.assessment.prerequisiteHeld'
                            : condition.met === false
                              ? 'cultReview.assessment.prerequisiteNotHeld'
                              : 'cultReview.assessment.prerequisiteUnknown',
                          { tier: t(`cultReview.tier.${below}`) },
                        )
                      : withRecognitionNames(localized(condition.reason), locale)}
                  </Typography.Text>
                </Flex>
              </Flex>
            ))}
          </Flex>
        ) : null}
        {assessment.missing.length > 0 ? (
          <Flex vertical gap={6} data-testid="review-missing">
            <Typography.Text strong>{t('cultReview.assessment.missing')}</Typography.Text>
            {assessment.missing.map((missing) => (
              <Flex key={missing.fact} vertical gap={0}>
                <span>
                  <Tag color="warning">{localized(missing.name)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {localized(missing.reason)}
                  </Typography.Text>
                </span>
              </Flex>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
