/**
 * `/procurement-calculator` (public, no sign-in): the government procurement calculators of 财库〔2020〕46号 and
 * 〔2022〕19号 (issue 17, measure 8). 项目预留测算: what a project must reserve for SMEs under the rules of its
 * announcement date. 评审价格计算: the price evaluation of one item's bids with the small/micro and consortium
 * deductions, and the ranking. Below both, the dated rules with each figure's document and how sure it is. The tab
 * shown lives in the address (`?tab=evaluate`).
 */
import { ShoppingOutlined } from '@ant-design/icons';
import { Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { procurementQueries } from '../../api/procurement.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { BidEvaluation } from './BidEvaluation.tsx';
import { RequirementCalculator } from './RequirementCalculator.tsx';
import { RulesCard } from './RulesCard.tsx';

type Tab = 'requirement' | 'evaluate';

export default function CalculatorPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'evaluate' ? 'evaluate' : 'requirement';
  const rules = useApiQuery(procurementQueries.rules());
  // The announcement date of each calculator: the rules card marks the version in force on the one shown.
  const [dates, setDates] = useState<Record<Tab, string | null>>({ requirement: null, evaluate: null });
  const onDate = (which: Tab) => (date: string | null) =>
    setDates((current) => (current[which] === date ? current : { ...current, [which]: date }));

  return (
    <div style={{ maxWidth: 1240, margin: '0 auto', padding: '32px 24px 48px' }}>
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="proc-calc-title">
          <ShoppingOutlined style={{ color: '#1458c4' }} /> {t('proc.calc.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('proc.calc.subtitle')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'evaluate' ? { tab: 'evaluate' } : {}, { replace: true })}
        data-testid="proc-calc-tabs"
        items={[
          {
            key: 'requirement',
            label: <span data-testid="proc-tab-requirement">{t('proc.calc.requirement')}</span>,
            children: <RequirementCalculator rules={rules.data} onDate={onDate('requirement')} />,
          },
          {
            key: 'evaluate',
            label: <span data-testid="proc-tab-evaluate">{t('proc.calc.evaluate')}</span>,
            children: <BidEvaluation rules={rules.data} onDate={onDate('evaluate')} />,
          },
        ]}
      />
      <div style={{ marginTop: 24 }}>
        <RulesCard rules={rules} date={dates[tab] ?? todayInChina()} />
      </div>
    </div>
  );
}
