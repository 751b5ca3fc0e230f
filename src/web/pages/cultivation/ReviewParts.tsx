/**
 * The pieces the reviewers' cultivation pages and the public notices share: headings, the tier, stage and
 * assessment tags, a due date (red when overdue) and a localized text of the API ({zh, en}).
 */
import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import type { Stage, Tier } from '../../api/cultivationReview.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { noticeAhead, recognitionExpired, stageColor, standardOf } from './reviewModel.ts';

/** A list page's heading: its title and what it is for. */
export function ReviewHeading({
  title,
  intro,
  extra,
}: {
  title: string;
  intro?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={8}>
      <Flex vertical gap={4} style={{ maxWidth: 900 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {intro ? <Typography.Text type="secondary">{intro}</Typography.Text> : null}
      </Flex>
      {extra}
    </Flex>
  );
}

/** A record's heading: the link back to its list above the title. */
export function ReviewDetailHeading({
  back,
  backText,
  title,
  extra,
}: {
  back: string;
  backText: string;
  title: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex vertical gap={4}>
      <Link to={back} data-testid="review-back">
        <ArrowLeftOutlined /> {backText}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
    </Flex>
  );
}

const TIER_COLORS: Record<Tier, string> = { innovative: 'cyan', specialised: 'blue', little_giant: 'gold' };

/** A tier: 创新型中小企业, 专精特新中小企业, 专精特新"小巨人"企业. */
export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useI18n();
  return (
    <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }}>
      {t(`cultReview.tier.${tier}`)}
    </Tag>
  );
}

/**
 * A standard version as a reader names it: its document's number and title, and the annex (never its id); a
 * version not held here is named as such.
 */
export function StandardName({ id, testId }: { id: string; testId?: string }) {
  const { t, locale } = useI18n();
  const standard = standardOf(id, locale);
  return (
    <span data-testid={testId} data-standard={id}>
      {standard
        ? t('cultReview.standard.name', {
            document: standard.documentNumber,
            title: standard.title,
            annex: standard.annex,
          })
        : t('cultReview.standard.unknown')}
    </span>
  );
}

/** An application's stage; a recognition past its last valid day reads 已到期 (expired). */
export function StageTag({
  stage,
  validTo,
  noticeFrom,
  testId,
}: {
  stage: Stage;
  validTo?: string | null;
  noticeFrom?: string | null;
  testId?: string;
}) {
  const { t } = useI18n();
  if (noticeAhead(stage, noticeFrom, todayInChina()))
    return (
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid={testId} data-stage="notice_ahead">
        {t('cultReview.stage.noticeAhead', { date: noticeFrom ?? '' })}
      </Tag>
    );
  if (recognitionExpired(stage, validTo, todayInChina()))
    return (
      <Tag style={{ marginInlineEnd: 0 }} data-testid={testId} data-stage="expired">
        {t('cultReview.stage.expired')}
      </Tag>
    );
  return (
    <Tag color={stageColor(stage)} style={{ marginInlineEnd: 0 }} data-testid={testId} data-stage={stage}>
      {t(`cultReview.stage.${stage}`)}
    </Tag>
  );
}

const STATUS_COLORS = { likely: 'success', unlikely: 'error', incomplete: 'warning' } as const;

/** What the assessment said when submitted: likely, unlikely, incomplete. */
export function AssessmentTag({ status }: { status: keyof typeof STATUS_COLORS }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`cultReview.status.${status}`)}
    </Tag>
  );
}

/** A due date; red with a warning when overdue, a dash when the stage has no clock. */
export function DueDate({
  dueOn,
  overdue,
  testId,
}: {
  dueOn: string | null;
  overdue: boolean;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span
      style={{ whiteSpace: 'nowrap', color: overdue ? '#cf1322' : undefined }}
      data-testid={testId}
      data-overdue={overdue ? 'true' : 'false'}
    >
      {overdue ? <WarningOutlined /> : null} {formatDate(dueOn, locale)}
      {overdue ? ` · ${t('cultReview.overdue')}` : ''}
    </span>
  );
}

/** A text the API gives in both languages, in the reader's. */
export function useLocalized() {
  const { locale } = useI18n();
  return (text: { zh: string; en: string } | null | undefined) =>
    text ? (locale === 'en' ? text.en || text.zh : text.zh || text.en) : '';
}
