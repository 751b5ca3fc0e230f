/** API schemas of the overdue-payment calculator (measure 21; 保障中小企业款项支付条例). */
import Type, { type Static } from 'typebox';
import { DateOnly, Nullable, Strict } from './common.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** Who owes the money. */
export const DebtorKindSchema = Type.Union([
  Type.Literal('government'),
  Type.Literal('public_institution'),
  Type.Literal('large_enterprise'),
]);

/** A claim to assess (money in yuan, rates in percent per year). */
export const ClaimBody = Strict({
  debtorKind: DebtorKindSchema,
  signedOn: DateOnly,
  basis: Type.Union([Type.Literal('delivery'), Type.Literal('acceptance'), Type.Literal('settlement')]),
  deliveredOn: DateOnly,
  acceptedOn: Type.Optional(Nullable(DateOnly)),
  acceptanceDeadline: Type.Optional(Nullable(DateOnly)),
  settledOn: Type.Optional(Nullable(DateOnly)),
  agreedTermDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 3650 }))),
  agreedAnnualRate: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e13 }),
  disputed: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e13 }))),
  payments: Type.Optional(
    Type.Array(Strict({ date: DateOnly, amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e13 }) }), {
      maxItems: 100,
    }),
  ),
  asOf: Type.Optional(DateOnly),
});
export type ClaimBody = Static<typeof ClaimBody>;

/** The assessment with its explanation. */
export const ClaimAssessmentSchema = Type.Object({
  asOf: Type.String(),
  regulation: Type.Object({
    id: Type.String(),
    name: Type.String(),
    documentNumber: Type.String(),
    effectiveFrom: Type.String(),
  }),
  clockStart: Type.String(),
  lateAcceptance: Type.Boolean(),
  termDays: Nullable(Type.Integer()),
  termSource: Type.String(),
  termLastDay: Nullable(Type.String({ description: "the term's last day by counting" })),
  dueDate: Nullable(
    Type.String({
      description:
        "the term's last day, or the next working day when that is a statutory rest day (Civil Code art. 203)",
    }),
  ),
  dueDateMovedBy: Nullable(Type.String({ description: 'the article that moved the due date' })),
  calendarWarning: Nullable(
    Type.Object(
      { zh: Type.String(), en: Type.String() },
      { description: "the due date depends on a year's holiday arrangement not yet in the calendar" },
    ),
  ),
  daysOverdue: Type.Integer(),
  undisputed: Type.Number(),
  paid: Type.Number(),
  principalOutstanding: Type.Number(),
  interestAccrued: Type.Number(),
  interestPaid: Type.Number(),
  interestOutstanding: Type.Number(),
  totalOutstanding: Type.Number(),
  rateKind: Type.String(),
  dailyRate: Type.Number(),
  agreedAnnualRate: Nullable(Type.Number()),
  lprAtSigning: Nullable(Type.Number()),
  explanation: Type.Array(Type.Object({ text: Text, basis: Nullable(Type.String()) })),
});

/** The dated data the calculator applies. */
export const PaymentRulesSchema = Type.Object({
  regulations: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      documentNumber: Type.String(),
      effectiveFrom: Type.String(),
      governmentDefaultDays: Type.Integer(),
      governmentMaxDays: Type.Integer(),
      largeEnterpriseDefaultDays: Nullable(Type.Integer()),
      defaultDailyRate: Type.Number(),
    }),
  ),
  lpr: Type.Array(Type.Object({ from: Type.String(), percent: Type.Number() })),
  lprCheckedOn: Type.String(),
  periodEnd: Type.Object(
    { citation: Type.String(), effectiveFrom: Type.String(), text: Text },
    { description: 'a term whose last day is a statutory rest day ends on the next working day' },
  ),
  holidayCalendar: Nullable(
    Type.Object(
      { first: Type.Integer(), last: Type.Integer() },
      { description: 'the years whose State Council holiday arrangement the calendar carries' },
    ),
  ),
});
