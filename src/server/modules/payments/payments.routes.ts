/** Routes of overdue payments: the public calculator (no account needed) and the data it applies. */
import { holidayCalendarYears } from '../../../reference/calendar.ts';
import { LPR_CHECKED_ON, ONE_YEAR_LPR } from '../../../reference/lpr.ts';
import { PAYMENT_REGULATIONS, paymentRegulationOn } from '../../../reference/payment-regulations.ts';
import { PERIOD_END_RULES, type PeriodEndRule } from '../../../reference/periods.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import { ClaimAssessmentSchema, ClaimBody, PaymentRulesSchema } from '../../../shared/api/payments.ts';
import { todayInChina } from '../../../shared/today.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { assessClaim, explainAssessment, type PaymentRegulation } from './index.ts';

/** Registers the payment routes. */
export function paymentsRoutes(app: App, _deps: ModuleDeps): void {
  app.post(
    '/api/public/payments/assess',
    {
      config: { access: 'public' },
      schema: {
        tags: ['payments'],
        summary:
          'Overdue-payment calculator: statutory due date, days overdue, undisputed amount and interest, with the provisions applied',
        body: ClaimBody,
        response: { 200: ClaimAssessmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { asOf: requested, ...claim } = request.body;
      const today = todayInChina();
      if (requested && requested > today)
        throw AppError.field('asOf', { zh: '计算日期不能晚于今天', en: 'the date cannot be in the future' });
      const asOf = requested ?? today;
      const result = assessClaim(claim, asOf);
      if (!result.ok)
        throw new AppError(
          'VALIDATION_FAILED',
          result.problems.map((p) => ({ field: p.field, message: p.message })),
        );
      const regulation = paymentRegulationOn(claim.signedOn) as PaymentRegulation;
      return {
        asOf,
        ...result.assessment,
        regulation: {
          id: regulation.id,
          name: regulation.name,
          documentNumber: regulation.documentNumber,
          effectiveFrom: regulation.effectiveFrom,
        },
        explanation: explainAssessment(claim, result.assessment),
      };
    },
  );

  app.get(
    '/api/public/payments/rules',
    {
      config: { access: 'public' },
      schema: {
        tags: ['payments'],
        summary:
          'The dated data the calculator applies: both versions of the regulations, the one-year LPR, the rest-day rule and the years the holiday calendar covers',
        response: { 200: PaymentRulesSchema, ...errorResponses },
      },
    },
    async () => ({
      regulations: PAYMENT_REGULATIONS.map((r) => ({
        id: r.id,
        name: r.name,
        documentNumber: r.documentNumber,
        effectiveFrom: r.effectiveFrom,
        governmentDefaultDays: r.governmentDefaultDays,
        governmentMaxDays: r.governmentMaxDays,
        largeEnterpriseDefaultDays: r.largeEnterpriseDefaultDays,
        defaultDailyRate: r.defaultDailyRate,
      })),
      lpr: [...ONE_YEAR_LPR],
      lprCheckedOn: LPR_CHECKED_ON,
      periodEnd: periodEndOf(PERIOD_END_RULES.at(-1) as PeriodEndRule),
      holidayCalendar: holidayCalendarYears(),
    }),
  );
}

function periodEndOf(rule: PeriodEndRule) {
  return { citation: rule.citation, effectiveFrom: rule.effectiveFrom, text: rule.text };
}
