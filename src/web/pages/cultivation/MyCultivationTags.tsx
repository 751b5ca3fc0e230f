/**
 * The small marks of the enterprise's cultivation page (issue 18): a tier's outcome, an application's stage, and
 * the mark of a figure not checked against the official text (docs/reference/README.md's marks).
 */
import { Tag, Tooltip } from 'antd';
import { todayInChina } from '../../../shared/today.ts';
import type { AssessmentStatus, Stage } from '../../api/cultivation.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { confidenceMark } from './myCultivationModel.ts';
import { noticeAhead, recognitionExpired } from './reviewModel.ts';

const STATUS_COLORS: Record<AssessmentStatus, string> = {
  likely: 'success',
  unlikely: 'error',
  incomplete: 'warning',
};

/** A tier's outcome: 可能符合 / 暂不符合 / 资料不全 (the words of the assessment's summary and the reviewers' pages). */
export function MyStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="my-tier-status" data-status={status}>
      {t(`cultivation.my.status.${status}`)}
    </Tag>
  );
}

const STAGE_COLORS: Record<Stage, string> = {
  county_review: 'processing',
  returned: 'warning',
  province_review: 'processing',
  national_review: 'processing',
  notice: 'cyan',
  recognised: 'success',
  rejected: 'error',
  withdrawn: 'default',
  revoked: 'error',
};

/** An application's stage; a recognition past its last valid day reads 已到期 (expired). */
export function MyStageTag({
  stage,
  validTo,
  noticeFrom,
}: {
  stage: Stage;
  validTo?: string | null;
  noticeFrom?: string | null;
}) {
  const { t } = useI18n();
  if (noticeAhead(stage, noticeFrom, todayInChina()))
    return (
      <Tag color="cyan" data-testid="my-application-stage" data-stage="notice_ahead">
        {t('cultivation.my.stage.noticeAhead', { date: noticeFrom ?? '' })}
      </Tag>
    );
  if (recognitionExpired(stage, validTo, todayInChina()))
    return (
      <Tag data-testid="my-application-stage" data-stage="expired">
        {t('cultivation.my.stage.expired')}
      </Tag>
    );
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="my-application-stage" data-stage={stage}>
      {t(`cultivation.my.stage.${stage}`)}
    </Tag>
  );
}

/**
 * The mark of a figure Huiqi holds from memory or has not verified (nothing for one agreed or from the text):
 * 待核实, with why and where it comes from (`source`, in words) in its tooltip.
 */
export function MyConfidenceMark({ confidence, source }: { confidence: string; source: string }) {
  const { t } = useI18n();
  const mark = confidenceMark(confidence);
  if (!mark) return null;
  return (
    <Tooltip title={t(`cultivation.my.unverifiedHelp.${mark}`, { source })}>
      <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="my-confidence" data-confidence={mark}>
        {t(`cultivation.my.confidence.${mark}`)}
      </Tag>
    </Tooltip>
  );
}
