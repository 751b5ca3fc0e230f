/**
 * One tier on the enterprise's cultivation page (issue 18): whether it is likely to qualify, the total against the
 * pass mark and each dimension against its minimum, each indicator's points with the figures used, the conditions
 * met, failed or undecided with the reasons, the facts missing (each with where to give it) and what it would need;
 * the standard it is judged by (document, confidence, the reported revision as reported only), a recognition held
 * and until when; and applying for the tier, with a confirmation that says what is sent. Applying is not offered
 * (its button disabled, the reason beside it) without the tier below recognised and in force. The assessment's
 * status is the page's one verdict: the score card's words about the pass mark agree with it. Sources are worded
 * (the standard's document, the province's setting), never the reference file Huiqi keeps them in.
 */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  EditOutlined,
  QuestionCircleFilled,
  RiseOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Modal,
  Progress,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import {
  type Assessment,
  type Condition,
  type CultivationApplication,
  cultivationApi,
  cultivationQueries,
  type MyCultivation,
  type StandardView,
  type TierView,
} from '../../api/cultivation.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { MyConfidenceMark, MyStageTag, MyStatusTag } from './MyCultivationTags.tsx';
import {
  type ApplyBlock,
  applyBlock,
  conditionsByGroup,
  type FactGroupId,
  holdsPrerequisite,
  indicatorsByDimension,
  mendAt,
  type ProvinceIndicatorField,
  scoreVerdict,
  sourceOf,
  successorMayApply,
  tierBelow,
  withRecognitionNames,
} from './myCultivationModel.ts';
import { documentTitle } from './reviewModel.ts';

/** The page's tiers as last read (the recognitions held), from the page's own read; this tier alone until then. */
function usePageTiers(tier: TierView): readonly TierView[] {
  const page = useQueryClient().getQueryData<MyCultivation>(cultivationQueries.mine().queryKey);
  return page?.tiers ?? [tier];
}

/** Where a figure comes from, in words: the standard's document, or the province's setting. */
export function sourceText(
  t: TFunction,
  locale: 'zh-CN' | 'en',
  basis: string,
  standard: StandardView | null,
) {
  if (sourceOf(basis) === 'province' || !standard) return t('cultivation.my.sourceProvince');
  return t('cultivation.my.sourceDocument', {
    document: standard.documentNumber,
    title: documentTitle(standard.documentNumber, standard.titleZh, locale),
  });
}

interface TierPanelProps {
  tier: TierView;
  assessedOn: string;
  dataYear: number;
  applications: readonly CultivationApplication[];
  provinceFields: readonly ProvinceIndicatorField[];
  /** Opens the facts form at a fact. */
  onFill: (group: FactGroupId, field: string) => void;
  /** Opens an application. */
  onOpenApplication: (id: number) => void;
  /** After applying (or a refusal that means the page is stale). */
  onChanged: () => void;
}

export function MyTierPanel(props: TierPanelProps) {
  const { tier, assessedOn } = props;
  const { t, locale } = useI18n();
  const assessment = tier.assessment;
  return (
    <Flex vertical gap={16} data-testid="my-tier" data-tier={tier.tier} data-status={assessment?.status}>
      <Card size="small">
        <Flex vertical gap={8}>
          <Flex wrap gap={8} align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {locale === 'en' ? tier.name.en : tier.name.zh}
            </Typography.Title>
            {assessment ? <MyStatusTag status={assessment.status} /> : null}
            {tier.heldUntil ? (
              <Tag color="success" data-testid="my-tier-held" data-until={tier.heldUntil}>
                {tier.heldUntil === '9999-12-31'
                  ? t('cultivation.my.heldOpen')
                  : t('cultivation.my.heldUntil', { date: formatDate(tier.heldUntil, locale) })}
              </Tag>
            ) : null}
          </Flex>
          {assessment ? (
            <Typography.Text data-testid="my-tier-summary">
              {locale === 'en' ? assessment.summary.en : assessment.summary.zh}
            </Typography.Text>
          ) : null}
          <StandardLine tier={tier} assessedOn={assessedOn} dataYear={props.dataYear} />
        </Flex>
      </Card>
      {assessment ? (
        <>
          <ApplySection {...props} />
          {assessment.dimensions.length > 0 ? (
            <ScoreCard assessment={assessment} standard={tier.standard} />
          ) : null}
          {assessment.conditions.length > 0 ? <ConditionsCard tier={tier} assessedOn={assessedOn} /> : null}
          <MissingCard assessment={assessment} provinceFields={props.provinceFields} onFill={props.onFill} />
          <NeedsCard assessment={assessment} />
        </>
      ) : (
        <Card size="small">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('cultivation.my.noStandard', { date: formatDate(assessedOn, locale) })}
          />
        </Card>
      )}
    </Flex>
  );
}

/** The standard judged by, where its figures come from, and the reported revision (as reported, not in force). */
function StandardLine({
  tier,
  assessedOn,
  dataYear,
}: {
  tier: TierView;
  assessedOn: string;
  dataYear: number;
}) {
  const { t, locale } = useI18n();
  const standard = tier.standard;
  if (!standard) return null;
  const successor = standard.reportedSuccessor;
  return (
    <Flex vertical gap={6}>
      <Space wrap size={[6, 4]} data-testid="my-tier-standard" data-document={standard.documentNumber}>
        <Typography.Text type="secondary">{t('cultivation.my.standard')}</Typography.Text>
        <Typography.Text strong>{standard.documentNumber}</Typography.Text>
        <Typography.Text data-testid="my-tier-document">
          {t('cultivation.my.documentTitle', {
            title: documentTitle(standard.documentNumber, standard.titleZh, locale),
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('cultivation.my.inForceFrom', { date: formatDate(standard.inForceFrom, locale) })}
        </Typography.Text>
        <MyConfidenceMark
          confidence={standard.confidence}
          source={sourceText(t, locale, standard.basis, standard)}
        />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="my-tier-source">
        {t('cultivation.my.source', {
          date: formatDate(assessedOn, locale),
          year: dataYear,
          confidence: t(`cultivation.my.confidenceWord.${markOf(standard.confidence)}`),
          basis: sourceText(t, locale, standard.basis, standard),
        })}
      </Typography.Text>
      {successor ? (
        <Alert
          type="info"
          showIcon
          data-testid="my-tier-successor"
          title={t('cultivation.my.successor', {
            document: successor.documentNumber,
            title: documentTitle(successor.documentNumber, successor.titleZh, locale),
            date: formatDate(successor.from, locale),
          })}
          description={
            successorMayApply(standard, assessedOn)
              ? t('cultivation.my.successorMayApply')
              : t('cultivation.my.successorLater')
          }
        />
      ) : null}
    </Flex>
  );
}

function markOf(confidence: string): 'text' | 'agreed' | 'memory' | 'unverified' {
  return confidence === 'text' || confidence === 'memory' || confidence === 'unverified'
    ? confidence
    : 'agreed';
}

/** The total, each dimension against its minimum, and each indicator with the figures used. */
function ScoreCard({ assessment, standard }: { assessment: Assessment; standard: StandardView | null }) {
  const { t, locale } = useI18n();
  const name = (n: { zh: string; en: string }) => (locale === 'en' ? n.en : n.zh);
  const verdict = scoreVerdict(assessment);
  return (
    <Card size="small" title={t('cultivation.my.score')} data-testid="my-tier-score">
      <Flex vertical gap={12}>
        <Flex wrap gap={12} align="baseline">
          <Typography.Text style={{ fontSize: 28, fontWeight: 600 }} data-testid="my-tier-total">
            {assessment.total}
          </Typography.Text>
          <Typography.Text type="secondary">/ {assessment.maxTotal}</Typography.Text>
          {assessment.passMark != null && (
            <Typography.Text type="secondary" data-testid="my-tier-pass-mark">
              {t('cultivation.my.passMark', { mark: assessment.passMark })}
            </Typography.Text>
          )}
          <Tag
            color={verdict.tone}
            data-testid="my-tier-pass"
            data-passes={assessment.scorePasses === null ? 'unknown' : String(assessment.scorePasses)}
            data-status={assessment.status}
          >
            {t(`cultivation.my.scoreVerdict.${verdict.key}`)}
          </Tag>
        </Flex>
        {indicatorsByDimension(assessment).map(({ dimension, indicators, needs }) => (
          <Flex
            vertical
            gap={6}
            key={dimension.id}
            data-testid="my-dimension"
            data-dimension={dimension.id}
            data-points={dimension.points}
          >
            <Flex wrap gap={8} align="center" justify="space-between">
              <Typography.Text strong>{name(dimension.name)}</Typography.Text>
              <Space wrap size={[6, 4]}>
                <Typography.Text>
                  {t('cultivation.my.points', { points: dimension.points, max: dimension.max })}
                </Typography.Text>
                {dimension.unset ? (
                  <Tag color="warning">{t('cultivation.my.dimensionUnset')}</Tag>
                ) : dimension.minimum !== null ? (
                  <Tag
                    color={dimension.meetsMinimum ? 'success' : 'error'}
                    data-testid="my-dimension-minimum"
                    data-meets={String(dimension.meetsMinimum)}
                  >
                    {t(
                      dimension.meetsMinimum ? 'cultivation.my.minimumMet' : 'cultivation.my.minimumMissed',
                      {
                        minimum: dimension.minimum,
                      },
                    )}
                  </Tag>
                ) : null}
              </Space>
            </Flex>
            <Progress
              percent={dimension.max > 0 ? Math.round((dimension.points / dimension.max) * 100) : 0}
              showInfo={false}
              status={dimension.meetsMinimum === false ? 'exception' : 'normal'}
              size="small"
            />
            <Flex vertical gap={4} style={{ paddingInlineStart: 12 }}>
              {indicators.map((indicator) => (
                <Flex
                  key={indicator.id}
                  wrap
                  gap={8}
                  justify="space-between"
                  data-testid="my-indicator"
                  data-indicator={indicator.id}
                  data-points={indicator.points}
                  style={{ borderBottom: '1px dashed #f0f0f0', paddingBottom: 4 }}
                >
                  <Flex vertical gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
                    <Typography.Text>
                      {name(indicator.name)}{' '}
                      <MyConfidenceMark
                        confidence={indicator.confidence}
                        source={sourceText(t, locale, indicator.basis, standard)}
                      />
                    </Typography.Text>
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      data-testid="my-indicator-figures"
                    >
                      {indicator.missing
                        ? t('cultivation.my.indicatorMissing')
                        : indicator.figures
                            .map((f) => `${name(f.name)} ${name(f.text)}`)
                            .join(locale === 'en' ? '; ' : '；')}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text
                    strong={!indicator.missing}
                    type={indicator.missing ? 'warning' : undefined}
                  >
                    {t('cultivation.my.points', { points: indicator.points, max: indicator.max })}
                  </Typography.Text>
                </Flex>
              ))}
              {needs.length > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <RiseOutlined /> {needs.map((n) => name(n.text)).join(locale === 'en' ? '; ' : '；')}
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

const GROUP_TITLES = {
  prerequisite: 'cultivation.my.conditions.prerequisite',
  required: 'cultivation.my.conditions.required',
  alternative: 'cultivation.my.conditions.alternative',
} as const;

function ConditionIcon({ met }: { met: Condition['met'] }) {
  if (met === true) return <CheckCircleFilled style={{ color: '#389e0d' }} />;
  if (met === false) return <CloseCircleFilled style={{ color: '#cf1322' }} />;
  return <QuestionCircleFilled style={{ color: '#d48806' }} />;
}

/**
 * The conditions by group, each met, failed or undecided with the reason. The prerequisite (the tier below
 * recognised) is worded here from the recognitions the registry holds, as the apply button reads them.
 */
function ConditionsCard({ tier, assessedOn }: { tier: TierView; assessedOn: string }) {
  const { t, locale } = useI18n();
  const tiers = usePageTiers(tier);
  const assessment = tier.assessment as Assessment;
  const below = tiers.find((x) => x.tier === tierBelow(tier.tier));
  const belowName = below ? (locale === 'en' ? below.name.en : below.name.zh) : '';
  const held = holdsPrerequisite(tier, tiers, assessedOn);
  const shown = (c: Condition) =>
    c.group === 'prerequisite' && below
      ? {
          met: held,
          name: t('cultivation.my.prerequisite.name', { tier: belowName }),
          reason:
            held && below.heldUntil
              ? below.heldUntil === '9999-12-31'
                ? t('cultivation.my.prerequisite.heldOpen', { tier: belowName })
                : t('cultivation.my.prerequisite.held', {
                    tier: belowName,
                    date: formatDate(below.heldUntil, locale),
                  })
              : t('cultivation.my.prerequisite.notHeld', { tier: belowName }),
        }
      : {
          met: c.met,
          name: withRecognitionNames(locale === 'en' ? c.name.en : c.name.zh, locale),
          reason: withRecognitionNames(locale === 'en' ? c.reason.en : c.reason.zh, locale),
        };
  return (
    <Card size="small" title={t('cultivation.my.conditions')} data-testid="my-tier-conditions">
      <Flex vertical gap={12}>
        {conditionsByGroup(assessment).map(({ group, conditions }) => (
          <Flex vertical gap={6} key={group}>
            <Typography.Text type="secondary">{t(GROUP_TITLES[group])}</Typography.Text>
            {conditions.map((c) => {
              const view = shown(c);
              return (
                <Flex
                  key={c.id}
                  gap={8}
                  align="flex-start"
                  data-testid="my-condition"
                  data-condition={c.id}
                  data-met={view.met === null ? 'unknown' : String(view.met)}
                >
                  <span style={{ paddingTop: 2 }}>
                    <ConditionIcon met={view.met} />
                  </span>
                  <Flex vertical gap={0} style={{ minWidth: 0 }}>
                    <Typography.Text>
                      {view.name}{' '}
                      <MyConfidenceMark
                        confidence={c.confidence}
                        source={sourceText(t, locale, c.basis, tier.standard)}
                      />
                    </Typography.Text>
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12, overflowWrap: 'anywhere' }}
                      data-testid="my-condition-reason"
                    >
                      {view.reason}
                    </Typography.Text>
                  </Flex>
                </Flex>
              );
            })}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** The facts missing, what each is needed for, and where to give it. */
function MissingCard({
  assessment,
  provinceFields,
  onFill,
}: {
  assessment: Assessment;
  provinceFields: readonly ProvinceIndicatorField[];
  onFill: (group: FactGroupId, field: string) => void;
}) {
  const { t, locale } = useI18n();
  const name = (n: { zh: string; en: string }) => (locale === 'en' ? n.en : n.zh);
  const labelOf = (id: string) => {
    const indicator = assessment.indicators.find((i) => i.id === id);
    if (indicator) return name(indicator.name);
    const condition = assessment.conditions.find((c) => c.id === id);
    if (condition) return name(condition.name);
    const dimension = assessment.dimensions.find((d) => d.id === id);
    return dimension ? name(dimension.name) : id;
  };
  return (
    <Card
      size="small"
      title={t('cultivation.my.missing', { count: assessment.missing.length })}
      data-testid="my-tier-missing"
    >
      {assessment.missing.length === 0 ? (
        <Typography.Text type="secondary">{t('cultivation.my.missingNone')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {assessment.missing.map((m) => {
            const mend = mendAt(m.fact, provinceFields);
            return (
              <Flex
                key={m.fact}
                wrap
                gap={8}
                justify="space-between"
                align="center"
                data-testid="my-missing"
                data-fact={m.fact}
              >
                <Flex vertical gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Typography.Text>
                    {name(m.name)}
                    <Typography.Text type="secondary">
                      {locale === 'en' ? ` (${name(m.reason)})` : `（${name(m.reason)}）`}
                    </Typography.Text>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cultivation.my.neededFor', {
                      items: m.neededFor.map(labelOf).join(locale === 'en' ? ', ' : '、'),
                    })}
                  </Typography.Text>
                </Flex>
                {mend.at === 'form' ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => onFill(mend.group, mend.field)}
                    data-testid="my-missing-fill"
                  >
                    {t('cultivation.my.fill')}
                  </Button>
                ) : mend.at === 'registry' ? (
                  <Link to="/app/my-enterprise" data-testid="my-missing-registry">
                    {t('cultivation.my.fillInRegistry')}
                  </Link>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cultivation.my.provinceUnset')}
                  </Typography.Text>
                )}
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

/** What it would need: each change that reaches a better band, the largest gain first. */
function NeedsCard({ assessment }: { assessment: Assessment }) {
  const { t, locale } = useI18n();
  const needs = [...assessment.needs].sort((a, b) => b.gain - a.gain);
  if (assessment.dimensions.length === 0) return null;
  return (
    <Card size="small" title={t('cultivation.my.needs')} data-testid="my-tier-needs">
      {needs.length === 0 ? (
        <Typography.Text type="secondary">{t('cultivation.my.needsNone')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {needs.map((n) => (
            <Flex
              key={`${n.indicator}-${n.measure}`}
              gap={8}
              align="baseline"
              data-testid="my-need"
              data-indicator={n.indicator}
              data-gain={n.gain}
            >
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                +{n.gain}
              </Tag>
              <Typography.Text>{locale === 'en' ? n.text.en : n.text.zh}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Applying for the tier: why not now, or the button and its confirmation; a refusal shown in the dialog. */
function ApplySection({
  tier,
  assessedOn,
  dataYear,
  applications,
  onOpenApplication,
  onChanged,
}: TierPanelProps) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const block = applyBlock(tier, applications, assessedOn, usePageTiers(tier));
  const assessment = tier.assessment;
  const tierName = locale === 'en' ? tier.name.en : tier.name.zh;
  if (!assessment || !tier.standard) return null;

  const apply = async () => {
    setSending(true);
    setRefusal(null);
    try {
      const application = await cultivationApi.apply(tier.tier);
      setOpen(false);
      void message.success(t('cultivation.my.applied', { id: application.id }));
      onChanged();
      onOpenApplication(application.id);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        setRefusal(error.errors.length > 0 ? error.errors.map((e) => e.message) : [error.message]);
        if (error.status === 409) onChanged();
      } else setRefusal([error instanceof Error ? error.message : String(error)]);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" data-testid="my-tier-apply" data-blocked={block?.reason ?? 'no'}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 280px' }}>
          <WindowLine tier={tier} />
          {block ? <BlockText block={block} onOpenApplication={onOpenApplication} /> : null}
        </Flex>
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={block !== null}
          onClick={() => {
            setRefusal(null);
            setOpen(true);
          }}
          data-testid="my-apply-open"
        >
          {t('cultivation.my.apply')}
        </Button>
      </Flex>
      <Modal
        open={open}
        title={t('cultivation.my.applyTitle', { tier: tierName })}
        okText={t('cultivation.my.applyConfirm')}
        cancelText={t('common.cancel')}
        onOk={apply}
        okButtonProps={{ loading: sending, 'data-testid': 'my-apply-confirm' }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Flex vertical gap={12} data-testid="my-apply-dialog">
          <Typography.Paragraph style={{ margin: 0 }}>{t('cultivation.my.applyIntro')}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'tier', label: t('cultivation.my.applyTier'), children: tierName },
              {
                key: 'standard',
                label: t('cultivation.my.standard'),
                children: t('cultivation.my.standardName', {
                  document: tier.standard.documentNumber,
                  title: documentTitle(tier.standard.documentNumber, tier.standard.titleZh, locale),
                }),
              },
              { key: 'year', label: t('cultivation.my.applyDataYear'), children: dataYear },
              {
                key: 'result',
                label: t('cultivation.my.applyResult'),
                children: (
                  <Space wrap size={4}>
                    <MyStatusTag status={assessment.status} />
                    {assessment.dimensions.length > 0
                      ? t('cultivation.my.points', { points: assessment.total, max: assessment.maxTotal })
                      : null}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('cultivation.my.applySends')}</Typography.Text>
          {assessment.status !== 'likely' ? (
            <Alert type="warning" showIcon title={t(`cultivation.my.applyWarn.${assessment.status}`)} />
          ) : null}
          {refusal ? (
            <Alert
              type="error"
              showIcon
              data-testid="my-apply-error"
              title={t('cultivation.my.applyRefused')}
              description={
                <Flex vertical gap={2}>
                  {refusal.map((text) => (
                    <span key={text}>{text}</span>
                  ))}
                </Flex>
              }
            />
          ) : null}
        </Flex>
      </Modal>
    </Card>
  );
}

/** The province's window for the tier this year. */
function WindowLine({ tier }: { tier: TierView }) {
  const { t, locale } = useI18n();
  const { open, opensOn, closesOn } = tier.window;
  const range = `${formatDate(opensOn, locale) || '—'} – ${formatDate(closesOn, locale) || '—'}`;
  return (
    <Space wrap size={[6, 4]} data-testid="my-tier-window" data-open={String(open)}>
      <Tag color={open ? 'success' : 'default'}>
        {open ? t('cultivation.my.windowOpen') : t('cultivation.my.windowClosed')}
      </Tag>
      <Typography.Text type="secondary">
        {opensOn || closesOn ? t('cultivation.my.windowRange', { range }) : t('cultivation.my.windowAllYear')}
      </Typography.Text>
    </Space>
  );
}

/** Why applying is not offered now. */
function BlockText({
  block,
  onOpenApplication,
}: {
  block: ApplyBlock;
  onOpenApplication: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  const tierWord = (name: { zh: string; en: string }) => (locale === 'en' ? name.en : name.zh);
  switch (block.reason) {
    case 'noStandard':
      return <Typography.Text type="warning">{t('cultivation.my.block.noStandard')}</Typography.Text>;
    case 'windowClosed':
      return <Typography.Text type="warning">{t('cultivation.my.block.windowClosed')}</Typography.Text>;
    case 'prerequisite':
      return (
        <Typography.Text type="warning" data-testid="my-tier-prerequisite">
          {t('cultivation.my.block.prerequisite', { below: tierWord(block.below) })}
        </Typography.Text>
      );
    case 'applied':
      return (
        <Space wrap size={[6, 4]}>
          <Typography.Text>
            {t('cultivation.my.block.applied', { id: block.application.id, year: block.application.year })}
          </Typography.Text>
          <MyStageTag
            stage={block.application.stage}
            validTo={block.application.validTo}
            noticeFrom={block.application.noticeFrom}
          />
          <Button size="small" type="link" onClick={() => onOpenApplication(block.application.id)}>
            {t('cultivation.my.openApplication')}
          </Button>
        </Space>
      );
  }
}
