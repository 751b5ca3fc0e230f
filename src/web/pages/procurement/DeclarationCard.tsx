/**
 * A checked 中小企业声明函 item (an award's, or the standalone check's): what it declares (the tender's industry and the
 * one declared, the signing date, the figures' year and the figures), the size declared beside the size the standard
 * gives those figures under the tender's industry and the size the registry's figures of that year give, and the
 * findings by name with their detail.
 */
import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import type { Size } from '../../api/client.ts';
import type { Declaration } from '../../api/procurement.ts';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDecimal, formatNumber } from '../../lib/format.ts';
import { industryLabel, useIndustries } from '../../lib/industries.ts';
import { FindingsList } from './procurementParts.tsx';

/** A checked declaration item: what it declares, the three sizes side by side, and the findings. */
export function DeclarationCard({
  declaration,
  index,
}: {
  declaration: Pick<
    Declaration,
    | 'item'
    | 'tenderIndustryCode'
    | 'declaredIndustryCode'
    | 'signedOn'
    | 'figuresYear'
    | 'employees'
    | 'operatingRevenue'
    | 'totalAssets'
    | 'declaredSize'
    | 'standardSize'
    | 'registrySize'
    | 'findings'
  >;
  index: number;
}) {
  const { t, locale, name } = useI18n();
  const industries = useIndustries();
  const figure = (value: string | number | null, unit: 'persons' | 'wan') =>
    value === null
      ? t('proc.decl.blank')
      : unit === 'persons'
        ? `${formatNumber(Number(value), locale)} ${t('proc.unit.persons')}`
        : `${formatDecimal(Number(value), locale, 4)} ${t('proc.unit.wan')}`;
  return (
    <Card
      size="small"
      type="inner"
      title={t('proc.decl.itemTitle', { n: index + 1, item: declaration.item })}
      data-testid="declaration"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'tender',
                label: t('proc.decl.tenderIndustry'),
                children: industryLabel(industries, declaration.tenderIndustryCode, name),
              },
              {
                key: 'declaredIndustry',
                label: t('proc.decl.declaredIndustry'),
                children: declaration.declaredIndustryCode
                  ? industryLabel(industries, declaration.declaredIndustryCode, name)
                  : t('proc.decl.sameIndustry'),
              },
              {
                key: 'signed',
                label: t('proc.decl.signedOn'),
                children: formatDate(declaration.signedOn, locale),
              },
              {
                key: 'year',
                label: t('proc.decl.figuresYear'),
                children: declaration.figuresYear ?? t('proc.decl.blank'),
              },
              {
                key: 'employees',
                label: t('proc.decl.employees'),
                children: figure(declaration.employees, 'persons'),
              },
              {
                key: 'revenue',
                label: t('proc.decl.operatingRevenue'),
                children: figure(declaration.operatingRevenue, 'wan'),
              },
              {
                key: 'assets',
                label: t('proc.decl.totalAssets'),
                children: figure(declaration.totalAssets, 'wan'),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={12}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                {
                  key: 'declared',
                  label: t('proc.decl.declaredSize'),
                  children: (
                    <SizeTag size={declaration.declaredSize as Size} testId="declaration-declared-size" />
                  ),
                },
                {
                  key: 'standard',
                  label: t('proc.decl.standardSize'),
                  children: declaration.standardSize ? (
                    <SizeTag size={declaration.standardSize as Size} testId="declaration-standard-size" />
                  ) : (
                    <Typography.Text type="secondary">{t('proc.decl.noFigures')}</Typography.Text>
                  ),
                },
                {
                  key: 'registry',
                  label: t('proc.decl.registrySize'),
                  children: declaration.registrySize ? (
                    <SizeTag size={declaration.registrySize as Size} testId="declaration-registry-size" />
                  ) : (
                    <Typography.Text type="secondary">{t('proc.decl.noRegistry')}</Typography.Text>
                  ),
                },
              ]}
            />
            <FindingsList findings={declaration.findings} />
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}
