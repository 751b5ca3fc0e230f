/** English messages of the sign-in page's demo accounts, the landing page's tools, regions and errors. */
import type { uiZh } from './ui.zh-CN.ts';

export const uiEn: Record<keyof typeof uiZh, string> = {
  'region.romanisedNote': 'Romanised in Hanyu Pinyin; no official English name ({name})',

  'login.demoHint':
    'These accounts hold demo data; the password is printed when the server starts. Click a username to fill it in.',
  'login.demoCol.username': 'Username',
  'login.demoCol.role': 'Role',
  'login.demoCol.purpose': 'For',
  'login.demoPurpose.admin': 'Administrator: users and case routing rules, all data and the audit log',
  'login.demoPurpose.auditor': 'Auditor: reads the audit log and verifies its hash chain',
  'login.demoPurpose.official.province':
    'Provincial SME bureau (Jiangsu): the province’s enterprises, statistics, policies, supervision',
  'login.demoPurpose.official.city':
    'City industry bureau (Suzhou): the city’s enterprises, statistics and cases',
  'login.demoPurpose.official.county':
    'County SME service centre (Kunshan): handles the county’s requests and complaints',
  'login.demoPurpose.enterprise':
    'Enterprise user: its firm, eligible policies, requests, overdue-payment complaints, financing and receivables',
  'login.demoPurpose.bank': 'Bank account manager (Kunshan): loan products, financing demands, performance',
  'login.demoPurpose.bank.city':
    'Bank account manager (Suzhou): a receivables financing product; demands across Suzhou',
  'login.demoPurpose.bank.province':
    'Bank account manager (Jiangsu): products and demands across the province',
  'login.demoPurpose.payer':
    'Debtor body’s finance officer (a county agency): answers complaints, confirms receivables, annual disclosure',

  'public.tools.title': 'Use without signing in',
  'public.tools.open': 'Open',
  'public.tool.library.title': 'Policy library and eligibility check',
  'public.tool.library.text':
    'Find SME policies by region, industry and target, and check each one’s conditions.',
  'public.tool.calculator.title': 'Overdue payment calculator',
  'public.tool.calculator.text':
    'Due date, days overdue and late interest under the Regulations on Ensuring Payments to SMEs.',
  'public.tool.sizeTest.title': 'Enterprise size self-test',
  'public.tool.sizeTest.text': 'Large, medium, small or micro under the 2011 MIIT classification standard.',
  'public.tool.disclosures.title': 'Overdue payment disclosures',
  'public.tool.disclosures.text':
    'Published overdue payments to SMEs by government bodies, public institutions and large enterprises.',
  'public.signedIn.title': 'After signing in',
  'public.signedIn.text':
    'These services are open: enterprises, banks and officials use them with their own accounts.',
  'public.signedIn.credit.title': 'Enterprise credit information',
  'public.signedIn.credit.text':
    'Enterprises see their credit records, object to a record and let a bank see chosen categories for a time; banks read them under that consent.',
  'public.signedIn.financing.title': 'Financing matchmaking',
  'public.signedIn.financing.text':
    'Banks publish loan products; enterprises see the products they can apply to, post financing demands and follow the banks’ answers; a confirmed receivable can back a loan.',
  'public.monitoring.title': 'Monitoring',
  'public.monitoring.text':
    'The SME development index, computed from a survey of a panel of enterprises, and the enterprise registry’s monthly statistics: published figures, open to read and download without signing in.',
  'public.monitoring.index.title': 'SME development index',
  'public.monitoring.index.text':
    'The index, its sub-indices and the PMI-style composite over time, by industry, region and size; every figure traceable to how it is made.',
  'public.monitoring.registry.title': 'Monthly registry statistics',
  'public.monitoring.registry.text':
    'Active enterprises, entries, exits and new registrations by industry section, region and size, to read and download.',

  'error.notFoundRecord.title': 'Not found',
  'error.notFoundRecord.back': 'Go back',
  'error.notFoundRecord.titleOf': '{what} not found',
  'error.notFoundRecord.text':
    'Check the link: the record may not exist, may have been withdrawn, or may be outside what you can see.',
  'error.record.policy': 'Policy {id}',
  'error.record.case': 'Case {id}',
  'error.record.claim': 'Complaint {id}',
  'error.record.enterprise': 'Enterprise {id}',
  'error.record.user': 'User {id}',
};
