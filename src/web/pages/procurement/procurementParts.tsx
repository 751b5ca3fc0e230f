/**
 * The pieces the procurement pages share: the vocabularies' names in the reader's language, tags (kind, project
 * state, what the rules require, how sure a figure is), a requirement shown in full (the mode, the amounts, the
 * deductions, the provisions and the rules version), a declaration's findings, the headings, and what a buyer whose
 * body is not registered is told.
 */
import { ArrowLeftOutlined, BankOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Flex, List, Result, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  BID_ROLES,
  BIDDER_SIZES,
  DECLARATION_FLAGS,
  EXEMPTIONS,
  PROCUREMENT_KINDS,
  type ProcurementTerm,
  procurementTermName,
  RESERVATION_WAYS,
} from '../../../reference/procurement.ts';
import { ApiError } from '../../api/client.ts';
import type {
  Confidence,
  Finding,
  ProjectState,
  Requirement,
  RequirementMode,
} from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatRange, formatShare, formatWanOfYuan, formatYuan } from './procurementModel.ts';

export { BID_ROLES, BIDDER_SIZES, DECLARATION_FLAGS, EXEMPTIONS, PROCUREMENT_KINDS, RESERVATION_WAYS };

/** A vocabulary term's name in the reader's language (the code itself when unknown). */
export function useTermName() {
  const { locale } = useI18n();
  return (list: readonly ProcurementTerm[], code: string | null | undefined) => {
    if (!code) return '—';
    const name = procurementTermName(list, code);
    return locale === 'en' ? name.en : name.zh;
  };
}

/** The options of a vocabulary for a Select or Radio group. */
export function useTermOptions<C extends string>(list: readonly { code: C; zh: string; en: string }[]) {
  const { locale } = useI18n();
  return list.map((term) => ({ value: term.code, label: locale === 'en' ? term.en : term.zh }));
}

/** A text in both languages, in the reader's. */
export function useText() {
  const { locale } = useI18n();
  return (text: { zh: string; en: string }) => (locale === 'en' ? text.en : text.zh);
}

/** The page's heading with its intro. */
export function PageHeading({
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

/** A record's page heading: the link back to its list above the title. */
export function DetailHeading({
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
      <Link to={back}>
        <ArrowLeftOutlined /> {backText}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
    </Flex>
  );
}

const KIND_COLORS: Record<string, string> = { goods: 'blue', services: 'cyan', works: 'purple' };

/** A kind of project: 货物, 服务, 工程. */
export function KindTag({ kind }: { kind: string }) {
  const name = useTermName();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} data-kind={kind}>
      {name(PROCUREMENT_KINDS, kind)}
    </Tag>
  );
}

const STATE_COLORS: Record<ProjectState, string> = {
  planned: 'default',
  announced: 'blue',
  awarded: 'green',
  cancelled: 'red',
};

/** A project's state: planned, announced, awarded, cancelled. */
export function ProjectStateTag({ state }: { state: ProjectState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="project-state" data-state={state}>
      {t(`proc.state.${state}`)}
    </Tag>
  );
}

const MODE_COLORS: Record<RequirementMode, string> = {
  below_quota: 'default',
  whole: 'green',
  share: 'blue',
  price_preference: 'orange',
};

/** What the rules require of a project: reserved whole, a reserved share, the price deduction only, or nothing. */
export function ModeTag({ mode }: { mode: RequirementMode }) {
  const { t } = useI18n();
  return (
    <Tag color={MODE_COLORS[mode]} data-testid="requirement-mode" data-mode={mode}>
      {t(`proc.mode.${mode}`)}
    </Tag>
  );
}

const CONFIDENCE_COLORS: Record<Confidence, string> = {
  text: 'green',
  agreed: 'green',
  memory: 'gold',
  unverified: 'orange',
};

/**
 * How sure a figure is (docs/reference/README.md): a figure the notes confirm shows nothing unless `always`; one
 * recalled or Huiqi's own reading is marked, with its basis in a tooltip.
 */
export function ConfidenceTag({
  confidence,
  basis,
  always = false,
}: {
  confidence: Confidence;
  basis?: string;
  always?: boolean;
}) {
  const { t } = useI18n();
  if (!always && (confidence === 'agreed' || confidence === 'text')) return null;
  const help = `${t(`proc.confidence.${confidence}.help`)}${basis ? ` ${t('proc.confidence.basis', { basis })}` : ''}`;
  return (
    <Tooltip title={help}>
      <Tag
        color={CONFIDENCE_COLORS[confidence]}
        data-testid="confidence"
        data-confidence={confidence}
        style={{ cursor: 'help', marginInlineEnd: 0 }}
      >
        {t(`proc.confidence.${confidence}`)}
      </Tag>
    </Tooltip>
  );
}

/**
 * An amount with, for Chinese readers, its 万元 beside it: "2,000,000元（200万元）"; `compact` (a table's cell) keeps
 * it on one line and gives the 万元 as a tooltip.
 */
export function Yuan({
  value,
  testId,
  compact = false,
}: {
  value: string | null | undefined;
  testId?: string;
  compact?: boolean;
}) {
  const { locale } = useI18n();
  if (value === null || value === undefined || value === '') return <span>—</span>;
  if (compact)
    return (
      <Tooltip title={locale === 'en' ? undefined : formatWanOfYuan(value, locale)}>
        <span data-testid={testId} data-value={value} style={{ whiteSpace: 'nowrap' }}>
          {formatYuan(value, locale)}
        </span>
      </Tooltip>
    );
  return (
    <span data-testid={testId} data-value={value}>
      {formatYuan(value, locale)}
      {locale === 'en' ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {' '}
          （{formatWanOfYuan(value, locale)}）
        </Typography.Text>
      )}
    </span>
  );
}

/** The headline of a requirement: what the project must do, in one sentence. */
function requirementHeadline(
  requirement: Requirement,
  t: (key: MessageKey, p?: Record<string, string>) => string,
) {
  switch (requirement.mode) {
    case 'whole':
      return t('proc.req.headline.whole');
    case 'share':
      return t('proc.req.headline.share', {
        share: formatShare(requirement.reservedShareMin),
        smallMicro: formatShare(requirement.smallMicroOfReservedMin),
      });
    case 'price_preference':
      return t('proc.req.headline.price_preference');
    default:
      return t('proc.req.headline.below_quota');
  }
}

const MODE_ALERT: Record<RequirementMode, 'success' | 'info' | 'warning'> = {
  whole: 'success',
  share: 'info',
  price_preference: 'warning',
  below_quota: 'info',
};

/**
 * A requirement in full: the mode and its sentence, the minimum amounts (a reserved share) or the bound of a whole
 * reservation, the price deductions of the part not reserved, the provisions applied and the rules version with
 * its documents.
 */
export function RequirementView({
  requirement,
  testId = 'requirement',
}: {
  requirement: Requirement;
  testId?: string;
}) {
  const { t } = useI18n();
  const text = useText();
  const name = useTermName();
  const items: { key: string; label: ReactNode; children: ReactNode }[] = [];
  if (requirement.wholeReservationMax)
    items.push({
      key: 'wholeMax',
      label: t('proc.req.wholeMax'),
      children: <Yuan value={requirement.wholeReservationMax} testId="requirement-whole-max" />,
    });
  if (requirement.mode === 'share') {
    items.push(
      {
        key: 'reservedShare',
        label: t('proc.req.reservedShare'),
        children: (
          <Space size={6}>
            <span data-testid="requirement-reserved-share">{formatShare(requirement.reservedShareMin)}</span>
            {requirement.reservedShareConfidence ? (
              <ConfidenceTag confidence={requirement.reservedShareConfidence} />
            ) : null}
          </Space>
        ),
      },
      {
        key: 'reservedAmount',
        label: t('proc.req.reservedAmount'),
        children: <Yuan value={requirement.reservedAmountMin} testId="requirement-reserved-amount" />,
      },
      {
        key: 'smallMicroShare',
        label: t('proc.req.smallMicroShare'),
        children: formatShare(requirement.smallMicroOfReservedMin),
      },
      {
        key: 'smallMicroAmount',
        label: t('proc.req.smallMicroAmount'),
        children: <Yuan value={requirement.smallMicroAmountMin} testId="requirement-small-micro-amount" />,
      },
    );
  }
  if (requirement.exemption)
    items.push({
      key: 'exemption',
      label: t('proc.req.exemption'),
      children: name(EXEMPTIONS, requirement.exemption),
    });
  if (requirement.deductions) {
    const d = requirement.deductions;
    items.push(
      {
        key: 'smallMicroDeduction',
        label: t('proc.req.smallMicroDeduction'),
        children: (
          <Space size={6}>
            <span data-testid="requirement-small-micro-deduction">{formatRange(d.smallMicro)}</span>
            <ConfidenceTag confidence={d.smallMicro.confidence} basis={d.smallMicro.basis} />
          </Space>
        ),
      },
      {
        key: 'consortiumDeduction',
        label: t('proc.req.consortiumDeduction', { share: formatShare(d.consortiumShareMin) }),
        children: (
          <Space size={6}>
            <span>{formatRange(d.consortium)}</span>
            <ConfidenceTag confidence={d.consortium.confidence} basis={d.consortium.basis} />
          </Space>
        ),
      },
    );
  }
  return (
    <Flex vertical gap={12} data-testid={testId} data-mode={requirement.mode}>
      <Alert
        type={MODE_ALERT[requirement.mode]}
        showIcon
        title={
          <Space wrap size={8}>
            <ModeTag mode={requirement.mode} />
            <Typography.Text strong data-testid="requirement-headline">
              {requirementHeadline(requirement, t)}
            </Typography.Text>
          </Space>
        }
      />
      {items.length > 0 ? <Descriptions size="small" column={1} bordered items={items} /> : null}
      <div>
        <Typography.Text strong>{t('proc.req.provisions')}</Typography.Text>
        <List
          size="small"
          dataSource={requirement.provisions.map((p, i) => ({ key: i, text: text(p) }))}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }} data-testid="requirement-provision">
              {item.text}
            </List.Item>
          )}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="requirement-rules">
        {t('proc.rulesVersion', {
          version: requirement.rulesId,
          documents: requirement.documents.join(t('proc.listSeparator')),
        })}
      </Typography.Text>
    </Flex>
  );
}

const FLAG_COLORS: Record<string, string> = {
  wrong_industry: 'red',
  wrong_year: 'orange',
  size_differs: 'red',
  figures_differ: 'volcano',
  large_parent: 'magenta',
  figures_blank: 'default',
  no_declaration: 'orange',
};

/** A declaration check's finding code by name, coloured (a note in grey). */
export function FlagTag({ code }: { code: string }) {
  const name = useTermName();
  const { t } = useI18n();
  return (
    <Tag
      color={FLAG_COLORS[code] ?? 'red'}
      data-testid="declaration-flag"
      data-flag={code}
      style={{ whiteSpace: 'normal', height: 'auto', marginInlineEnd: 0 }}
    >
      {code === 'no_declaration' ? t('proc.flag.noDeclaration') : name(DECLARATION_FLAGS, code)}
    </Tag>
  );
}

/**
 * An award's check in a list: its flags by name; without any, "no declaration" when it has none (an imported award,
 * a large winner), else "nothing found".
 */
export function AwardFlags({
  award,
  testId,
}: {
  award: { id: number; flags: readonly string[]; declarationCount: number };
  testId?: string;
}) {
  const { t } = useI18n();
  if (award.flags.length > 0)
    return (
      <Space size={[4, 4]} wrap data-testid={testId}>
        {award.flags.map((flag) => (
          <FlagTag key={flag} code={flag} />
        ))}
      </Space>
    );
  if (award.declarationCount === 0)
    return <Tag data-testid="award-no-declaration">{t('proc.award.noDeclarationTag')}</Tag>;
  return <Tag color="green">{t('proc.award.noFlags')}</Tag>;
}

/** A check's findings: each by name with its detail; "no mismatch found" when none. */
export function FindingsList({ findings, testId }: { findings: readonly Finding[]; testId?: string }) {
  const { t } = useI18n();
  const text = useText();
  if (findings.length === 0)
    return (
      <Alert
        type="success"
        showIcon
        title={t('proc.findings.none')}
        data-testid={testId ?? 'findings-none'}
      />
    );
  const mismatches = findings.filter((f) => f.code !== 'figures_blank');
  return (
    <Flex vertical gap={8} data-testid={testId ?? 'findings'}>
      {mismatches.length === 0 ? (
        <Alert type="info" showIcon title={t('proc.findings.noteOnly')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('proc.findings.count', { count: mismatches.length })}
          description={t('proc.findings.help')}
        />
      )}
      {findings.map((finding) => (
        <Flex key={finding.code} gap={8} align="flex-start" data-testid="finding" data-code={finding.code}>
          <FlagTag code={finding.code} />
          <Typography.Text>{text(finding.detail)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * Whether a failed read is a buyer's body not registered yet: a 404 naming the account's body (the API answers
 * NOT_FOUND for it as for a missing record; its message names the body's USCC, a missing project's does not).
 */
export function isBodyMissing(
  error: Error | undefined,
  user: { role: string; organizationUscc: string | null } | null | undefined,
): boolean {
  return (
    user?.role === 'buyer' &&
    error instanceof ApiError &&
    error.status === 404 &&
    (!user.organizationUscc || error.message.includes(user.organizationUscc))
  );
}

/**
 * What a buyer whose body is not registered sees instead of a page: the server's reason (the body's USCC), and who
 * registers it (the region's finance or SME bureau).
 */
export function BodyNotRegistered({ error }: { error?: Error | undefined }) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <Result
      status="warning"
      icon={<BankOutlined />}
      title={<span data-testid="body-not-registered">{t('proc.body.notRegistered')}</span>}
      subTitle={
        <Flex vertical gap={4}>
          <span>
            {error?.message ??
              t('proc.body.notRegisteredText', {
                uscc: user?.organizationUscc ?? '—',
                name: user?.organizationName ?? '—',
              })}
          </span>
          <span>{t('proc.body.notRegisteredWho')}</span>
        </Flex>
      }
    />
  );
}
