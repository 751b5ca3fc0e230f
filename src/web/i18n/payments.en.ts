/** English messages of the overdue-payment calculator. */
import type { paymentsZh } from './payments.zh-CN.ts';

export const paymentsEn: Record<keyof typeof paymentsZh, string> = {
  'pay.title': 'Overdue payment calculator',
  'pay.subtitle':
    'Under the Regulations on Ensuring Payments to SMEs: the payment term, days overdue and overdue interest when a government body, public institution or large enterprise pays an SME late. No sign-in needed.',
  'pay.formTitle': 'Contract and payments',
  'pay.section.contract': 'Contract',
  'pay.section.term': 'Payment term',
  'pay.section.money': 'Amounts',
  'pay.section.asOf': 'Calculation',

  'pay.debtorKind': 'Who owes the money',
  'pay.debtor.government': 'Government body',
  'pay.debtor.public_institution': 'Public institution',
  'pay.debtor.large_enterprise': 'Large enterprise',
  'pay.debtorHelp':
    'The debtor must be a government body, a public institution or a large enterprise, and not itself an SME; the creditor is an SME. Debts between SMEs are not covered.',

  'pay.signedOn': 'Contract signed on',
  'pay.signedHelp': 'The version of the regulations in force at signing applies',
  'pay.signedHelp.version': 'The {version} version applies: {document}, in force from {date}',
  'pay.signedHelp.before': 'Contracts signed before 2020-09-01 are not covered by the regulations',

  'pay.basis': 'The term runs from',
  'pay.basis.delivery': 'Delivery',
  'pay.basis.acceptance': 'Acceptance',
  'pay.basis.settlement': 'Settlement',
  'pay.basisHelp.delivery': 'From the day the goods, works or services were delivered',
  'pay.basisHelp.acceptance':
    'When payment depends on acceptance: from the day of acceptance; if the buyer accepts late or not at all, from the end of the agreed acceptance period',
  'pay.basisHelp.settlement':
    'When payment depends on a settlement (e.g. construction works): from the day both sides confirmed the settled amount',
  'pay.deliveredOn': 'Delivered on',
  'pay.acceptedOn': 'Accepted on',
  'pay.acceptedHelp': 'Not accepted yet: leave empty and enter the agreed acceptance deadline',
  'pay.acceptanceDeadline': 'Agreed acceptance deadline',
  'pay.acceptanceDeadlineHelp':
    'If acceptance came after this day or has not happened, the term runs from this day',
  'pay.settledOn': 'Settlement confirmed on',

  'pay.agreedTermDays': 'Payment term in the contract',
  'pay.termHelp.public':
    'Government bodies and public institutions: 30 days if none agreed; an agreed term is capped at 60 days',
  'pay.termHelp.large': 'Large enterprises: the agreed term; 60 days if none agreed (2025 text)',
  'pay.agreedAnnualRate': 'Overdue interest rate in the contract',
  'pay.rateHelp':
    '0.05% a day if none agreed; an agreed rate below the one-year LPR at signing is raised to the LPR',
  // A no-break space: the unit follows the figure as a word, as English writes it (“574 days”).
  'pay.unit.days': '\u00a0days',
  'pay.unit.perYear': '% a year',
  'pay.unit.yuan': '\u00a0yuan',

  'pay.amount': 'Contract amount',
  'pay.disputed': 'Amount in dispute',
  'pay.disputedHelp': 'The part both sides dispute; the undisputed part is still due on time',
  'pay.payments': 'Payments received',
  'pay.paymentsHelp': 'Payments after the due date pay the overdue interest first, then the principal',
  'pay.paymentDate': 'Received on',
  'pay.paymentAmount': 'Amount',
  'pay.addPayment': 'Add a payment',
  'pay.remove': 'Remove',
  'pay.optional': '{label} (optional)',
  'pay.asOf': 'Calculate as of',
  'pay.asOfHelp': 'Today by default; pick a past date to see what was owed then',

  'pay.submit': 'Calculate',
  'pay.reset': 'Clear',
  'pay.copyLink': 'Copy link',
  'pay.copied': 'Link to this calculation copied',
  'pay.copyFailed': 'Could not copy: copy the link from the address bar',
  'pay.failed': 'Cannot calculate',
  'pay.fixFields': 'Please correct the marked fields',

  'pay.resultTitle': 'Result',
  'pay.noResult': 'Enter the contract and click "Calculate"',
  'pay.regulationApplied': '{name} ({document}, in force from {date})',
  'pay.asOfLine': 'As of {date}',
  'pay.dueDate': 'Due date',
  'pay.dueUnknown': 'Cannot be set',
  'pay.daysOverdue': 'Days overdue',
  'pay.interestOwed': 'Interest owed',
  'pay.totalOwed': 'Total owed now',
  'pay.noDueDate':
    'The 2020 text sets no term for large enterprises and the contract agreed none, so there is no due date. Add the term agreed in the contract.',
  'pay.lateAcceptance': 'Late acceptance',
  'pay.yuan': '{amount} yuan',
  'pay.percent': '{value}%',

  'pay.details': 'Details',
  'pay.d.regulation': 'Version applied',
  'pay.d.regulationValue': '{document}, in force from {date}',
  'pay.separator': '; ',
  'pay.d.clockStart': 'Term runs from',
  'pay.d.term': 'Payment term',
  'pay.d.termValue': '{days} days ({source})',
  'pay.d.dueDate': 'Due date',
  'pay.d.dueMoved':
    'the last day of the term, {last}, is a statutory rest day: moved to the next working day ({basis})',
  'pay.d.daysOverdue': 'Days overdue',
  'pay.d.daysValue': '{days} days',
  'pay.d.undisputed': 'Undisputed amount',
  'pay.d.paid': 'Paid',
  'pay.d.principal': 'Principal still owed',
  'pay.d.interestAccrued': 'Overdue interest accrued',
  'pay.d.interestPaid': 'Overdue interest paid',
  'pay.d.interestOutstanding': 'Overdue interest owed',
  'pay.d.total': 'Total owed',
  'pay.d.rate': 'Interest rate',
  'pay.termSource.statutory': 'set by law',
  'pay.termSource.agreed': 'as agreed',
  'pay.termSource.capped': 'the agreed term exceeds the maximum, capped',
  'pay.termSource.none': 'none by law and none agreed',
  'pay.rate.default_daily': 'None agreed: 0.05% a day',
  'pay.rate.agreed': 'The agreed {agreed}% a year',
  'pay.rate.agreed_raised_to_lpr':
    'The agreed {agreed}% a year is below the one-year LPR at signing, {lpr}%, so {lpr}% applies',
  'pay.rate.dailyFromAnnual': '{daily}% a day (annual ÷ 360)',

  'pay.explanation': 'How it was calculated',
  'pay.basisOf': 'Basis: {basis}',
  'pay.basisOfChinese': 'Basis (in Chinese; no English source): {basis}',
  'pay.fileComplaint': 'File a complaint with these figures',
  'pay.fileComplaintSignIn': 'Sign in as an enterprise to file a complaint (these figures carried over)',
  'pay.fileComplaintEnterpriseOnly': 'Complaints are filed by signed-in enterprise accounts.',
  'pay.debtorFound': 'In the registry: {name}',
  'pay.disclaimer':
    'Calculated from what you entered and the regulations, for reference only and not legal advice; the contract and the findings of the authorities or a court prevail.',
  'pay.complaint':
    'If a government body, public institution or large enterprise pays late, you can complain to the authority in charge of SMEs (中小企业主管部门).',

  'pay.rulesTitle': 'Basis',
  'pay.rules.name': 'Regulations on Ensuring Payments to SMEs (《{name}》)',
  'pay.rules.version': '{version} version',
  'pay.rules.versionLine': '{document}, in force from {date}',
  'pay.rules.terms':
    'Government bodies and public institutions: {days} days if none agreed, at most {max} agreed; large enterprises: {large}',
  'pay.rules.largeDays': '{days} days if none agreed',
  'pay.rules.largeAgreed': 'as agreed',
  'pay.rules.lpr': 'Latest one-year LPR: {percent}% (from {date})',
  'pay.rules.lprChecked': 'LPR data checked on {date}',
  'pay.rules.note':
    'A contract is judged under the version in force when it was signed; an agreed overdue rate may not be below the one-year LPR at signing.',
  'pay.rules.restDay':
    'A term whose last day is a statutory rest day (a public holiday, or a Saturday or Sunday that is not a make-up workday) ends on the next working day ({citation})',
  'pay.rules.holidayYears':
    'Holiday arrangements on file: {first}–{last}; later years are not published yet, so dates in them assume Monday–Friday and are flagged',
  'pay.rules.noHolidayYears': 'No holiday arrangements on file: dates assume Monday–Friday',
  'pay.rules.failed': 'Could not load the basis data',
};
