/**
 * An enterprise's credit score explained (issue 14, measure 4): score, grade, base points, and for each feature
 * of the scorecard its value with unit, its points, how it is computed and the data behind it — the registry's
 * figures of a year, or the credit records counted with their source department (named) and date. Used on the
 * enterprise's own page and an official's; a consented bank's report gives the same answer, the data behind a
 * feature withheld (`withheld`, `evidence: null`) where its category is not consented, which is said so.
 */
import { Card, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CREDIT_CATEGORIES } from '../../reference/credit.ts';
import type { ScoreExplanationDto } from '../../shared/api/credit-scoring.ts';
import { itemOf } from '../api/credit.ts';
import { pickName } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { recordSourceName } from '../lib/departments.ts';
import { formatDate, formatQuantity } from '../lib/format.ts';

/** A record's value after its title: full-width brackets in Chinese, plain ones in English; nothing when none. */
function bracketed(value: string | null, locale: string): string {
  if (value === null) return '';
  return locale === 'en' ? ` (${value})` : `（${value}）`;
}

type DtoItem = ScoreExplanationDto['items'][number];
type Item = Omit<DtoItem, 'evidence' | 'points' | 'bin'> & {
  evidence: DtoItem['evidence'] | null;
  /** Null only where withheld. */
  points: number | null;
  bin?: number | null;
  /**
   * The feature's value, points and data are not shown: its category is not in the bank's consent (the server
   * sends them null).
   */
  withheld?: boolean;
};

/** A score explained, as the enterprise or an official reads it, or as a consented bank does (data withheld). */
export type ExplainedScore = Omit<ScoreExplanationDto, 'items'> & { items: Item[] };

const YES_NO: Record<string, 'credit.value.yes' | 'credit.value.no'> = {
  yes: 'credit.value.yes',
  no: 'credit.value.no',
};

/** The grade's tag colour: the first grades green, the last red. */
function gradeColor(grade: string): string {
  if (grade.startsWith('AA')) return 'green';
  if (grade.startsWith('A')) return 'blue';
  if (grade.startsWith('B')) return 'orange';
  return 'red';
}

export function ScoreExplanation({ score }: { score: ExplainedScore }) {
  const { t, locale } = useI18n();
  const lang = locale === 'en' ? 'en' : 'zh';
  const valueText = (item: Item) => {
    if (item.withheld) return <Typography.Text type="secondary">—</Typography.Text>;
    if (item.value === null)
      return <Typography.Text type="secondary">{t('credit.value.missing')}</Typography.Text>;
    if (typeof item.value === 'string') {
      const key = YES_NO[item.value];
      return key ? t(key) : item.value;
    }
    return <span style={{ whiteSpace: 'nowrap' }}>{formatQuantity(item.value, item.unit, locale)}</span>;
  };
  const evidence = (item: Item) => {
    const e = item.evidence;
    if (e === null || item.withheld) {
      const category = CREDIT_CATEGORIES.find((c) => c.code === item.source);
      return (
        <Typography.Text type="secondary" data-testid="score-evidence-withheld" data-source={item.source}>
          {t('credit.bank.withheld', { category: category ? pickName(category, locale) : item.source })}
        </Typography.Text>
      );
    }
    if (e.kind === 'registry') {
      const figures = Object.entries(e.figures).filter(([, v]) => v !== null);
      return (
        <Typography.Text type="secondary">
          {t('credit.evidence.registry')}
          {e.year !== null ? ` · ${t('credit.evidence.year', { year: e.year })}` : ''}
          {figures.length > 0
            ? ` · ${figures
                .map(([k, v]) => {
                  const yesNo = typeof v === 'string' ? YES_NO[v] : undefined;
                  return `${t(`credit.figure.${k}` as 'credit.figure.employees')} ${yesNo ? t(yesNo) : v}`;
                })
                .join(locale === 'en' ? ', ' : '，')}`
            : ''}
        </Typography.Text>
      );
    }
    if (e.records.length === 0)
      return <Typography.Text type="secondary">{t('credit.evidence.none')}</Typography.Text>;
    return (
      <Space direction="vertical" size={0}>
        {e.records.map((r) => (
          <Typography.Text key={r.id} style={{ fontSize: 12 }}>
            {r.title}
            {bracketed(
              r.valueText ??
                (r.valueNumber === null
                  ? null
                  : formatQuantity(r.valueNumber, itemOf(e.category, r.item)?.unit, locale)),
              locale,
            )}{' '}
            · {recordSourceName(r.sourceDepartment, t, locale)} · {formatDate(r.decidedOn, locale)}
            {r.publishUntil
              ? ` · ${t('credit.evidence.until', { date: formatDate(r.publishUntil, locale) })}`
              : ''}
          </Typography.Text>
        ))}
      </Space>
    );
  };
  return (
    <Card data-testid="score-explanation">
      <Space size="large" wrap align="start">
        <Statistic title={t('credit.score')} value={score.score} />
        <div>
          <Typography.Text type="secondary">{t('credit.grade')}</Typography.Text>
          <div>
            <Tag color={gradeColor(score.grade)} style={{ fontSize: 20, padding: '4px 12px', marginTop: 4 }}>
              {score.grade}
            </Tag>
          </div>
        </div>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('credit.basePoints')}>{score.basePoints}</Descriptions.Item>
          <Descriptions.Item label={t('credit.scorecard')}>
            {t('credit.scorecardVersion', { name: score.scorecard.name, version: score.scorecard.version })}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.computedOn')}>
            {formatDate(score.computedOn, locale)}
          </Descriptions.Item>
        </Descriptions>
      </Space>
      <Table<Item>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="feature"
        onRow={(item) =>
          ({
            'data-testid': 'score-item',
            'data-feature': item.feature,
            'data-source': item.source,
          }) as object
        }
        pagination={false}
        dataSource={score.items}
        columns={[
          {
            title: t('credit.col.feature'),
            key: 'feature',
            render: (_, item) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{lang === 'en' ? item.nameEn : item.nameZh}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.basis[lang]}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('credit.col.value'), key: 'value', render: (_, item) => valueText(item) },
          {
            title: t('credit.col.points'),
            key: 'points',
            align: 'right',
            width: 72,
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, item) =>
              item.points === null || item.withheld ? (
                <Typography.Text type="secondary" data-testid="score-points-withheld">
                  —
                </Typography.Text>
              ) : (
                <Typography.Text
                  type={item.points < 0 ? 'danger' : item.points > 0 ? 'success' : undefined}
                  data-testid="score-points"
                >
                  {item.points > 0 ? `+${item.points}` : item.points}
                </Typography.Text>
              ),
          },
          { title: t('credit.col.evidence'), key: 'evidence', render: (_, item) => evidence(item) },
        ]}
      />
    </Card>
  );
}
