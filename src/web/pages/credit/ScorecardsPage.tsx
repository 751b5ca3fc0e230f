/**
 * `/app/credit/scorecards` (officials, admins; auditors read): credit scorecards as dated data. The versions with
 * their status and approver; the selected one's bins and points per feature; a draft's editor (the model as JSON,
 * its problems listed by path), the comparison of grades under the draft and under the published scorecard over
 * the registry (a chart of before and after), and publication after a confirmation. National and provincial
 * officials and admins draft and publish; the server refuses others (shown as its message).
 */
import { CheckOutlined, CopyOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ComparisonDto, ScorecardDto } from '../../../shared/api/credit-scoring.ts';
import { ApiError, get, post, put } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import type { ChartOption } from '../../components/EChart.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { translate } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { jsonErrorPosition } from '../../lib/jsonPosition.ts';
import { apiQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';

type Problem = ScorecardDto['problems'][number];
type Model = ScorecardDto['model'];
type Bin = Model['features'][number]['bins'][number];

const STATUS_COLOR: Record<ScorecardDto['status'], string> = {
  draft: 'blue',
  published: 'green',
  retired: 'default',
};

/** A bin as text: '[10, 50) 万元 → +5', 'A, B → +20' or '是 → +20' (yes and no in the page's language). */
function binText(bin: Bin, unit: string | null, t: ReturnType<typeof useI18n>['t']): string {
  const points = bin.points > 0 ? `+${bin.points}` : String(bin.points);
  if ('values' in bin) {
    const values = bin.values.map((v) =>
      v === 'yes' ? t('scorecards.value.yes') : v === 'no' ? t('scorecards.value.no') : v,
    );
    return `${values.join(', ')} → ${points}`;
  }
  return `[${bin.from ?? '−∞'}, ${bin.to ?? '+∞'})${unit ? ` ${unit}` : ''} → ${points}`;
}

/**
 * Who may draft and publish, as the server decides (credit.scorecards.ts `assertMayEditScorecards`): admins, and
 * officials of the whole country or of a province (a province's code ends in 0000).
 */
function mayDraftScorecards(user: { role: string; regionCode: string | null } | null): boolean {
  if (user?.role === 'admin') return true;
  return user?.role === 'official' && user.regionCode !== null && /^\d{2}0000$/.test(user.regionCode);
}

/** The editor's text of a scorecard: its name, note and model. */
function editorText(card: ScorecardDto): string {
  return JSON.stringify({ name: card.name, note: card.note, model: card.model }, null, 2);
}

export default function ScorecardsPage() {
  const { t, locale } = useI18n();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const mayEdit = mayDraftScorecards(user);
  const list = useApiQuery(apiQuery('/api/credit/scorecards'));
  const features = useApiQuery(referenceQuery('/api/credit/features'));
  const { filters: selectedId, update } = useUrlFilters((params) => Number(params.get('id')) || null);
  const cards = list.data?.items ?? [];
  const selected =
    cards.find((c) => c.id === selectedId) ?? cards.find((c) => c.status === 'published') ?? cards[0] ?? null;
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [comparison, setComparison] = useState<ComparisonDto | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setText(selected ? editorText(selected) : '');
    setProblems(selected ? selected.problems : null);
    setComparison(null);
  }, [selected]);

  const featureName = useMemo(() => {
    const names = new Map(
      (features.data?.items ?? []).map((f) => [f.id, lang === 'en' ? f.nameEn : f.nameZh]),
    );
    return (id: string) => names.get(id) ?? id;
  }, [features.data, lang]);
  const featureUnit = useMemo(() => {
    const units = new Map((features.data?.items ?? []).map((f) => [f.id, f.unit ? f.unit[lang] : null]));
    return (id: string) => units.get(id) ?? null;
  }, [features.data, lang]);

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.errors.length > 0)
      setProblems(error.errors.map((e) => ({ path: e.field, message: { zh: e.message, en: e.message } })));
    void message.error(error instanceof Error ? error.message : String(error));
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const parsed = (): { name: string; note: string | null; model: Model } | null => {
    try {
      return JSON.parse(text);
    } catch {
      const at = jsonErrorPosition(text);
      const words = (locale: 'zh-CN' | 'en') =>
        at ? translate(locale, 'scorecards.jsonInvalidAt', at) : translate(locale, 'scorecards.jsonInvalid');
      setProblems([{ path: '', message: { zh: words('zh-CN'), en: words('en') } }]);
      return null;
    }
  };

  const check = () =>
    run(async () => {
      const draft = parsed();
      if (!draft) return;
      const answer = await post('/api/credit/scorecards/check', { body: { model: draft.model } });
      setProblems(answer.problems);
      if (answer.problems.length === 0) void message.success(t('scorecards.noProblems'));
    });
  const save = () =>
    run(async () => {
      const draft = parsed();
      if (!draft || !selected) return;
      const saved = await put('/api/credit/scorecards/:id', {
        params: { id: selected.id },
        body: { name: draft.name, note: draft.note, model: draft.model },
      });
      setProblems(saved.problems);
      list.reload();
      void message.success(t('scorecards.saved'));
    });
  const copy = () =>
    run(async () => {
      if (!selected) return;
      const created = await post('/api/credit/scorecards', {
        body: {
          name: `${selected.name}（${t('scorecards.copySuffix')}）`,
          note: selected.note,
          model: selected.model,
        },
      });
      list.reload();
      update({ id: created.id });
    });
  const compare = () =>
    run(async () => {
      if (!selected) return;
      setComparison(await get('/api/credit/scorecards/:id/compare', { params: { id: selected.id } }));
    });
  const publish = () =>
    run(async () => {
      if (!selected) return;
      await post('/api/credit/scorecards/:id/publish', { params: { id: selected.id } });
      list.reload();
      void message.success(t('scorecards.published'));
    });

  const chart: ChartOption | null = comparison
    ? {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: comparison.grades.map((g) => g.grade) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            name: t('scorecards.before', { version: comparison.published?.version ?? '—' }),
            data: comparison.grades.map((g) => g.before),
          },
          {
            type: 'bar',
            name: t('scorecards.after', { version: comparison.scorecard.version }),
            data: comparison.grades.map((g) => g.after),
          },
        ],
      }
    : null;

  return (
    <div>
      <Typography.Title level={3}>{t('scorecards.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('scorecards.intro')}</Typography.Paragraph>
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<ScorecardDto>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={cards}
        pagination={false}
        onRow={(card) => ({ onClick: () => update({ id: card.id }), style: { cursor: 'pointer' } })}
        rowClassName={(card) => (card.id === selected?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('scorecards.col.version'), dataIndex: 'version', width: 80 },
          { title: t('scorecards.col.name'), dataIndex: 'name' },
          {
            title: t('scorecards.col.status'),
            key: 'status',
            render: (_, card) => (
              <Tag color={STATUS_COLOR[card.status]}>{t(`scorecards.status.${card.status}`)}</Tag>
            ),
          },
          {
            title: t('scorecards.col.approver'),
            key: 'approver',
            render: (_, card) =>
              card.approvedByName ?? (card.status === 'draft' ? '—' : t('scorecards.platform')),
          },
          {
            title: t('scorecards.col.publishedFrom'),
            key: 'publishedFrom',
            render: (_, card) => (card.publishedFrom ? formatDate(card.publishedFrom, locale) : '—'),
          },
          {
            title: t('scorecards.col.problems'),
            key: 'problems',
            render: (_, card) =>
              card.problems.length === 0 ? (
                <Tag color="green">{t('scorecards.checked')}</Tag>
              ) : (
                <Tag color="red">{t('scorecards.problemCount', { count: card.problems.length })}</Tag>
              ),
          },
        ]}
      />
      {!selected && !list.loading && <Empty style={{ marginTop: 24 }} />}
      {selected && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Card
              title={t('scorecards.binsTitle', { version: selected.version })}
              extra={
                mayEdit && (
                  <Button icon={<CopyOutlined />} onClick={copy} loading={busy}>
                    {t('scorecards.copy')}
                  </Button>
                )
              }
            >
              <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('scorecards.basePoints')}>
                  {selected.model.basePoints}
                </Descriptions.Item>
                <Descriptions.Item label={t('scorecards.grades')}>
                  {selected.model.grades
                    .map((g) => (g.minScore === null ? g.grade : `${g.grade} ≥ ${g.minScore}`))
                    .join(' · ')}
                </Descriptions.Item>
                {selected.note && (
                  <Descriptions.Item label={t('scorecards.note')}>{selected.note}</Descriptions.Item>
                )}
              </Descriptions>
              <Table
                size="small"
                rowKey={(row) => row.feature}
                pagination={false}
                dataSource={selected.model.features}
                columns={[
                  {
                    title: t('scorecards.col.feature'),
                    key: 'feature',
                    render: (_, f) => featureName(f.feature),
                  },
                  {
                    title: t('scorecards.col.bins'),
                    key: 'bins',
                    render: (_, f) => (
                      <Space direction="vertical" size={0}>
                        {f.bins.map((b) => (
                          <Typography.Text key={binText(b, null, t)} style={{ fontSize: 12 }}>
                            {binText(b, featureUnit(f.feature), t)}
                          </Typography.Text>
                        ))}
                      </Space>
                    ),
                  },
                  { title: t('scorecards.col.missing'), dataIndex: 'missingPoints', width: 90 },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            {selected.status === 'draft' && mayEdit ? (
              <Card title={t('scorecards.editor')}>
                <Input.TextArea
                  aria-label={t('scorecards.editor')}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  autoSize={{ minRows: 12, maxRows: 28 }}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                />
                <Space style={{ marginTop: 12 }} wrap>
                  <Button icon={<CheckOutlined />} onClick={check} loading={busy}>
                    {t('scorecards.check')}
                  </Button>
                  <Button icon={<SaveOutlined />} onClick={save} loading={busy}>
                    {t('scorecards.save')}
                  </Button>
                  <Button onClick={compare} loading={busy} disabled={(problems ?? []).length > 0}>
                    {t('scorecards.compare')}
                  </Button>
                  <Popconfirm
                    title={t('scorecards.publishConfirm', { version: selected.version })}
                    onConfirm={publish}
                    okText={t('scorecards.publish')}
                    cancelText={t('common.cancel')}
                  >
                    <Button type="primary" icon={<SendOutlined />} loading={busy}>
                      {t('scorecards.publish')}
                    </Button>
                  </Popconfirm>
                </Space>
              </Card>
            ) : (
              <Alert
                type="info"
                showIcon
                message={t(mayEdit ? 'scorecards.readOnly' : 'scorecards.draftersOnly')}
                data-testid="scorecards-read-only"
              />
            )}
            {problems && problems.length > 0 && (
              <Card title={t('scorecards.problems')} style={{ marginTop: 16 }}>
                <List
                  size="small"
                  dataSource={problems}
                  renderItem={(p) => (
                    <List.Item>
                      <Typography.Text code>{p.path || '—'}</Typography.Text> {p.message[lang]}
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {comparison && chart && (
              <Card
                title={t('scorecards.comparisonTitle', { total: comparison.total, day: comparison.day })}
                style={{ marginTop: 16 }}
              >
                <LazyChart
                  option={chart}
                  label={t('scorecards.comparisonTitle', { total: comparison.total, day: comparison.day })}
                  height={300}
                />
                <Table
                  size="small"
                  rowKey="grade"
                  pagination={false}
                  dataSource={comparison.grades}
                  columns={[
                    { title: t('scorecards.col.grade'), dataIndex: 'grade' },
                    { title: t('scorecards.col.before'), dataIndex: 'before' },
                    { title: t('scorecards.col.after'), dataIndex: 'after' },
                  ]}
                />
              </Card>
            )}
          </Col>
        </Row>
      )}
    </div>
  );
}
