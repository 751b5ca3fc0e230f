import { describe, expect, it } from 'vitest';
import { noticeLink } from './inbox.ts';

describe('where a notice leads', () => {
  it('opens a policy notice in the enterprise’s policies, as before', () => {
    expect(noticeLink('enterprise', { policyId: 7, caseId: null })).toBe('/app/my-policies?policy=7');
  });

  it('opens a case notice on the page of the reader’s role', () => {
    const notice = { policyId: null, caseId: 12 };
    expect(noticeLink('enterprise', notice)).toBe('/app/my-cases/12');
    expect(noticeLink('official', notice)).toBe('/app/cases/12');
    expect(noticeLink('admin', notice)).toBe('/app/cases/12');
    expect(noticeLink('payer', notice)).toBe('/app/claims/12');
  });

  it('opens a credit notice on the enterprise’s credit page', () => {
    expect(noticeLink('enterprise', { policyId: null, caseId: null, kind: 'credit' })).toBe(
      '/app/credit-records',
    );
  });

  it('opens a financing notice to a debtor body on its receivables page', () => {
    expect(noticeLink('payer', { policyId: null, caseId: null, kind: 'financing' })).toBe(
      '/app/payer/receivables',
    );
  });

  it('leads nowhere when the notice points at nothing the role can open', () => {
    expect(noticeLink('enterprise', { policyId: null, caseId: null })).toBeNull();
    expect(noticeLink('payer', { policyId: null, caseId: null })).toBeNull();
    expect(noticeLink('bank', { policyId: null, caseId: 3 })).toBeNull();
    expect(noticeLink('official', { policyId: 7, caseId: null })).toBeNull();
  });

  it('opens the page a notice names itself, before its policy or case', () => {
    const link = '/app/my/financing/demands/7';
    expect(noticeLink('enterprise', { policyId: null, caseId: null, kind: 'financing', link })).toBe(link);
    expect(noticeLink('bank', { policyId: null, caseId: null, kind: 'financing', link })).toBe(link);
    expect(noticeLink('enterprise', { policyId: 3, caseId: null, link })).toBe(link);
    // No link: as before.
    expect(noticeLink('enterprise', { policyId: 3, caseId: null, link: null })).toBe(
      '/app/my-policies?policy=3',
    );
  });

  it('ignores a link that is not a page of the app', () => {
    for (const link of [
      'https://example.com/app/x',
      '//example.com/app/x',
      '/api/my/notifications',
      '/app/',
      '/app//x',
    ])
      expect(noticeLink('enterprise', { policyId: null, caseId: 4, link })).toBe('/app/my-cases/4');
  });
});
