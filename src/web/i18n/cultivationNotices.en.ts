/** English messages of cultivation public notices, objections and the province’s settings (see cultivationNotices.zh-CN.ts). */
import type { cultivationNoticesZh } from './cultivationNotices.zh-CN.ts';

export const cultivationNoticesEn: Record<keyof typeof cultivationNoticesZh, string> = {
  'cultivationNotices.title': 'Public notices, objections and the province’s settings',
  'cultivationNotices.settings.quotaBelowUsed':
    '{used} approved this year already: the quota cannot be less than {used}',
  'cultivationNotices.scoring.last':
    'Scores last computed {at} ({region}; started by {by}; {count} enterprises assessed).',
  'cultivationNotices.scoring.system': 'the system',
  'cultivationNotices.scoring.queued': 'Scoring of {region} queued (started by {by}), waiting to start…',
  'cultivationNotices.scoring.running': 'Scoring {region}: {done} of {expected} enterprises assessed',
  'cultivationNotices.scoring.progress': 'Scoring progress',
  'cultivationNotices.scoring.start': 'Compute the scores',
  'cultivationNotices.scoring.restart': 'Compute the scores again',
  'cultivationNotices.scoring.startHelp':
    'Every enterprise of the region is assessed for the three tiers under the standards in force; one run at a time, a few minutes for a large registry.',
  'cultivationNotices.scoring.started': 'Scoring started; the list updates when it is done',
  'cultivationNotices.scoring.emptyTitle': 'No scores computed yet',
  'cultivationNotices.scoring.emptyText':
    'The list of likely candidates comes from scoring every enterprise of the region for the innovative SME, 专精特新 SME and “little giant” standards; no scoring has run yet, so the list is empty.',
  'cultivationNotices.scoring.emptyCanStart': 'Use “Compute the scores” above to build it.',
  'cultivationNotices.scoring.emptyAsk':
    'The province’s authority starts the scoring; the list appears when it is done.',
  'cultivationNotices.objection.lodged': 'Objection lodged; the authority will look into it and answer.',
  'cultivationNotices.objection.keep':
    'Keep the reference and the lookup code: with them you can check its progress and read the answer under “Look up an objection” on this page. The code is shown only this once.',
  'cultivationNotices.objection.contactHelp':
    'An 11-digit mobile number, a landline with its area code (e.g. 010-12345678) or an e-mail address',
  'cultivationNotices.objection.contactInvalid':
    'give an 11-digit mobile number, a landline with its area code (e.g. 010-12345678) or an e-mail address',
  'cultivationNotices.lookup.title': 'Look up an objection',
  'cultivationNotices.lookup.intro':
    'Lodging an objection gives you a reference and a lookup code: with them you see its state and, once the authority has answered, the answer.',
  'cultivationNotices.lookup.reference': 'Reference',
  'cultivationNotices.lookup.code': 'Lookup code',
  'cultivationNotices.lookup.submit': 'Look up',
  'cultivationNotices.lookup.enterprise': 'Enterprise',
  'cultivationNotices.lookup.notice': 'Public notice',
  'cultivationNotices.lookup.period': '{from} to {to}',
  'cultivationNotices.lookup.lodgedAt': 'Lodged',
  'cultivationNotices.lookup.state': 'State',
  'cultivationNotices.lookup.state.open': 'Being looked into',
  'cultivationNotices.lookup.state.upheld': 'Upheld',
  'cultivationNotices.lookup.state.dismissed': 'Dismissed',
  'cultivationNotices.lookup.answer': 'Answer',
  'cultivationNotices.lookup.answeredAt': 'Answered {at}',
  'cultivationNotices.lookup.noAnswer':
    'Not answered yet; the authority will answer here once it has looked into it.',
  'cultivationNotices.recognitions.link': 'Recognised enterprises',
  'cultivationNotices.recognitions.title': 'Recognised quality SMEs',
  'cultivationNotices.recognitions.intro':
    'Innovative SMEs, 专精特新 SMEs and “little giants” announced after their public notice and still in force (a recognition is valid for 3 years).',
  'cultivationNotices.recognitions.toNotices': 'Notices and objections',
  'cultivationNotices.recognitions.enterprise': 'Enterprise',
  'cultivationNotices.recognitions.tier': 'Tier',
  'cultivationNotices.recognitions.announcedOn': 'Announced',
  'cultivationNotices.recognitions.validTo': 'Valid to',
  'cultivationNotices.recognitions.province': 'Province',
  'cultivationNotices.recognitions.year': 'Year announced',
  'cultivationNotices.recognitions.yearAll': 'All years',
  'cultivationNotices.recognitions.yearOption': '{year}',
  'cultivationNotices.recognitions.search': 'Search by enterprise name',
  'cultivationNotices.recognitions.empty': 'No enterprise has been announced yet',
  'cultivationNotices.recognitions.emptyFiltered': 'No recognised enterprise matches the filters',
  'cultivationNotices.header.cultivation': 'Cultivation',
  'cultivationNotices.header.notices': 'Notices and objections',
  'cultivationNotices.header.recognitions': 'Recognised enterprises',
  'cultivationNotices.home.title': 'Quality SMEs: notices and list',
  'cultivationNotices.home.text':
    'Innovative SMEs, 专精特新 SMEs and “little giants” on public notice (objections taken while it runs, their answers looked up with a code), and the list of those recognised.',
  'cultivationNotices.objection.answerSeen':
    'The objector reads this answer (with the reference and lookup code): keep out what the objection does not concern.',
};
