/** English messages added to the registry pages in issue 12: qualifications, links, imports. */
import type { registryZh } from './registry.zh-CN.ts';

export const registryEn: Record<keyof typeof registryZh, string> = {
  'qualification.add': 'Add qualification',
  'qualification.addTitle': 'Add a qualification of {name}',
  'qualification.added': '"{name}" recorded',
  'qualification.namePlaceholder': 'Choose or type a name, such as 高新技术企业 (high-tech enterprise)',
  'qualification.certificateNumber': 'Certificate no.',
  'qualification.issuingBody': 'Issuing body',
  'qualification.validFrom': 'Valid from',
  'qualification.validTo': 'Valid to',
  'qualification.validToHelp': 'Leave empty when it does not expire',
  'qualification.evidence': 'Evidence',
  'qualification.evidenceUrl': 'Link to the certificate or notice',
  'qualification.evidenceLink': 'View evidence',
  'qualification.urlInvalid': 'Enter a link starting with http:// or https://',
  'qualification.note': 'Note',
  'qualification.recordedBy': 'Recorded by {name}',
  'qualification.end': 'End',
  'qualification.endTitle': 'End the qualification "{name}"',
  'qualification.endHelp':
    'From the end date on, the qualification no longer counts for policy matching; the record stays and the change is audited. End it when it was revoked or recorded in error.',
  'qualification.endedOnLabel': 'End date (no longer valid from this day)',
  'qualification.reason': 'Reason',
  'qualification.ended': 'Ended',
  'qualification.endedOn': 'from {date}',
  'qualification.endedDone': '"{name}" ended',
  'qualification.endedDetail': 'Ended from {date}; by {by} at {at}; reason: {reason}',
  'enterpriseLinks.cases': "This enterprise's demands and complaints",
  'enterpriseLinks.policies': 'Policies in force for it',
  'enterpriseLinks.policiesHint': 'filtered by its region and size class',
  'imports.col.code': 'Error code',
};
