/**
 * Walks every API route as every role and as the public, and checks the answer against the table below,
 * written independently of the routes' own declarations: a new route fails this test until it is listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/helpers/app.ts';
import {
  aBuyer,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  type MadeUser,
  signIn,
} from '../../../test/helpers/factories.ts';
import { aBank } from '../../../test/helpers/registry-factories.ts';
import type { Role } from '../../shared/roles.ts';

type Who = Role | 'anonymous';
const SIGNED_IN: Role[] = ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'];
const EVERYONE: Who[] = ['anonymous', ...SIGNED_IN];

/** Who may call each route. */
const EXPECTED: Record<string, readonly Who[]> = {
  'GET /api/openapi.json': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/auth/me': EVERYONE,
  'POST /api/auth/password': SIGNED_IN,
  'PUT /api/auth/preferences': SIGNED_IN,
  'GET /api/admin/users': ['admin'],
  'GET /api/admin/users/:id': ['admin'],
  'POST /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'GET /api/admin/lookup/enterprises': ['admin'],
  'GET /api/admin/lookup/institutions': ['admin'],
  'GET /api/audit': ['admin', 'auditor'],
  'GET /api/audit/verify': ['admin', 'auditor'],
  'GET /api/regions': EVERYONE,
  'GET /api/regions/:code': EVERYONE,
  'GET /api/industries': EVERYONE,
  'GET /api/departments': EVERYONE,
  'GET /api/uscc/:code': EVERYONE,
  'GET /api/public/overview': EVERYONE,
  'GET /api/home': SIGNED_IN,
  'GET /api/enterprises': ['official', 'admin'],
  'GET /api/enterprises/export': ['official', 'admin'],
  'GET /api/enterprises/:id': ['official', 'admin', 'enterprise'],
  'GET /api/enterprises/:id/policies': ['official', 'admin'],
  'GET /api/my/enterprise': ['enterprise'],
  'PATCH /api/enterprises/:id': ['enterprise', 'admin'],
  'PUT /api/enterprises/:id/figures/:year': ['enterprise', 'admin'],
  'GET /api/registry/stats': ['official', 'admin'],
  'POST /api/size/self-test': EVERYONE,
  'POST /api/registry/imports': ['official', 'admin'],
  'GET /api/registry/imports': ['official', 'admin'],
  'GET /api/registry/imports/:id': ['official', 'admin'],
  'GET /api/registry/imports/:id/errors': ['official', 'admin'],
  'GET /api/registry/imports/:id/errors/export': ['official', 'admin'],
  'GET /api/registry/imports/:id/enterprises': ['official', 'admin', 'auditor'],
  'GET /api/registry/imports/:id/enterprises/export': ['official', 'admin', 'auditor'],
  'GET /api/registry/import-template': ['official', 'admin'],
  'POST /api/credit/imports': ['official', 'admin'],
  'GET /api/credit/import-template': ['official', 'admin'],
  'GET /api/credit/coverage': ['official', 'admin'],
  'GET /api/credit/coverage/export': ['official', 'admin'],
  'GET /api/public/policies': EVERYONE,
  'GET /api/public/policies/facets': EVERYONE,
  'GET /api/public/policy-vocabulary': EVERYONE,
  'GET /api/public/policies/:id': EVERYONE,
  'POST /api/public/policies/:id/check': EVERYONE,
  'GET /api/policies': ['official', 'admin'],
  'POST /api/policies': ['official', 'admin'],
  'POST /api/policies/yaml': ['official', 'admin'],
  'GET /api/policies/:id': ['official', 'admin'],
  'PUT /api/policies/:id': ['official', 'admin'],
  'POST /api/policies/:id/test': ['official', 'admin'],
  'GET /api/policies/:id/preview': ['official', 'admin'],
  'POST /api/policies/:id/publish': ['official', 'admin'],
  'POST /api/policies/:id/withdraw': ['official', 'admin'],
  'GET /api/policies/:id/reach': ['official', 'admin'],
  'POST /api/policies/:id/benefits/generate': ['official', 'admin'],
  'POST /api/policies/:id/benefits/send': ['official', 'admin'],
  'GET /api/policies/:id/benefits': ['official', 'admin'],
  'GET /api/policies/:id/benefits/export': ['official', 'admin'],
  'POST /api/benefits/:id/payout': ['official', 'admin'],
  'GET /api/policies/:id/applications': ['official', 'admin'],
  'GET /api/policies/:id/applications/export': ['official', 'admin'],
  'POST /api/my/policies/:id/applications': ['enterprise'],
  'GET /api/my/policies': ['enterprise'],
  'GET /api/my/policies/:id': ['enterprise'],
  'GET /api/my/benefits': ['enterprise'],
  'POST /api/my/benefits/:id/respond': ['enterprise'],
  'GET /api/my/notifications': ['enterprise', 'official', 'payer', 'bank', 'buyer'],
  'POST /api/my/notifications/read': ['enterprise', 'official', 'payer', 'bank', 'buyer'],
  'POST /api/public/payments/assess': EVERYONE,
  'GET /api/public/payments/rules': EVERYONE,
  'POST /api/public/procurement/requirement': EVERYONE,
  'POST /api/public/procurement/evaluate': EVERYONE,
  'GET /api/public/procurement/rules': EVERYONE,
  'GET /api/procurement/bodies': ['official', 'admin'],
  'POST /api/procurement/bodies': ['official', 'admin'],
  'PUT /api/procurement/bodies/:id': ['official', 'admin'],
  'GET /api/procurement/projects': ['buyer', 'official', 'admin'],
  'POST /api/procurement/projects': ['buyer'],
  'GET /api/procurement/projects/:id': ['buyer', 'official', 'admin'],
  'PUT /api/procurement/projects/:id': ['buyer'],
  'POST /api/procurement/projects/:id/cancel': ['buyer'],
  'POST /api/procurement/projects/:id/awards': ['buyer'],
  'GET /api/procurement/awards': ['buyer', 'official', 'admin'],
  'GET /api/procurement/awards/:id': ['buyer', 'official', 'admin'],
  'PUT /api/procurement/awards/:id': ['buyer'],
  'POST /api/procurement/awards/:id/withdraw': ['buyer'],
  'POST /api/procurement/declarations/check': ['buyer', 'official', 'admin'],
  'GET /api/procurement/suppliers/:uscc': ['buyer', 'official', 'admin'],
  'GET /api/my/cultivation': ['enterprise'],
  'PUT /api/my/cultivation/facts': ['enterprise'],
  'POST /api/my/cultivation/applications': ['enterprise'],
  'POST /api/my/cultivation/applications/:id/withdraw': ['enterprise'],
  'POST /api/my/cultivation/applications/:id/resubmit': ['enterprise'],
  'GET /api/my/cultivation/applications/:id': ['enterprise'],
  'GET /api/cultivation/applications': ['official', 'admin'],
  'GET /api/cultivation/applications/:enterpriseId/:id': ['official', 'admin'],
  'POST /api/cultivation/applications/:enterpriseId/:id/actions': ['official', 'admin'],
  'GET /api/public/cultivation/notices': EVERYONE,
  'POST /api/public/cultivation/notices/:enterpriseId/:applicationId/objections': EVERYONE,
  'POST /api/cultivation/objections/:enterpriseId/:id': ['official', 'admin'],
  'GET /api/cultivation/settings': ['official', 'admin'],
  'PUT /api/cultivation/settings/:provinceCode/:tier/:year': ['official', 'admin'],
  'GET /api/cultivation/dashboard': ['official', 'admin'],
  'GET /api/cultivation/dashboard/export': ['official', 'admin'],
  'GET /api/cultivation/candidates': ['official', 'admin'],
  'GET /api/cultivation/candidates/export': ['official', 'admin'],
  'POST /api/my/cultivation/evidence': ['enterprise'],
  'GET /api/my/cultivation/evidence': ['enterprise'],
  'GET /api/my/cultivation/evidence/:id/file': ['enterprise'],
  'DELETE /api/my/cultivation/evidence/:id': ['enterprise'],
  'GET /api/cultivation/evidence/:enterpriseId': ['official', 'admin'],
  'GET /api/cultivation/evidence/:enterpriseId/:id/file': ['official', 'admin'],
  'GET /api/my/cultivation/changes': ['enterprise'],
  'POST /api/my/cultivation/changes': ['enterprise'],
  'GET /api/cultivation/changes': ['official', 'admin'],
  'GET /api/cultivation/changes/export': ['official', 'admin'],
  'GET /api/cultivation/recognitions': ['official', 'admin'],
  'GET /api/cultivation/recognitions/export': ['official', 'admin'],
  'POST /api/cultivation/changes/:enterpriseId/:id/accept': ['official', 'admin'],
  'POST /api/cultivation/changes/:enterpriseId/:id/revoke': ['official', 'admin'],
  'GET /api/cultivation/update-days/:provinceCode': ['official', 'admin'],
  'PUT /api/cultivation/update-days/:provinceCode': ['official', 'admin'],
  'GET /api/procurement/shares': ['official', 'admin'],
  'GET /api/procurement/shares/export': ['official', 'admin'],
  'POST /api/procurement/declarations/recheck': ['official', 'admin'],
  'GET /api/procurement/declarations/recheck': ['official', 'admin'],
  'GET /api/procurement/declarations/recheck/:id': ['official', 'admin'],
  'POST /api/procurement/ocds/import': ['buyer', 'official', 'admin'],
  'GET /api/procurement/ocds/export': ['buyer', 'official', 'admin'],
  'POST /api/procurement/reports': ['buyer', 'official', 'admin'],
  'GET /api/procurement/reports': ['buyer', 'official', 'admin'],
  'GET /api/procurement/reports/export': ['official', 'admin'],
  'GET /api/procurement/reports/:id': ['buyer', 'official', 'admin'],
  'PUT /api/procurement/reports/:id': ['buyer', 'official', 'admin'],
  'POST /api/procurement/reports/:id/publish': ['buyer', 'official', 'admin'],
  'GET /api/public/procurement/reports': EVERYONE,
  'GET /api/public/procurement/reports/:id': EVERYONE,
  'GET /api/public/procurement/reports/:id/export': EVERYONE,
  'POST /api/my/cases/demands': ['enterprise'],
  'POST /api/my/cases/arrears': ['enterprise'],
  'GET /api/my/cases': ['enterprise'],
  'GET /api/cases': ['official', 'admin'],
  'GET /api/cases/:id': ['enterprise', 'official', 'admin', 'auditor'],
  'POST /api/cases/:id/actions': ['enterprise', 'official', 'admin'],
  'GET /api/cases/:id/handlers': ['official', 'admin'],
  'POST /api/cases/:id/attachments': ['enterprise', 'official', 'admin'],
  'GET /api/cases/:id/attachments': ['enterprise', 'official', 'admin', 'auditor'],
  'GET /api/cases/:id/attachments/:attachmentId': ['enterprise', 'official', 'admin', 'auditor'],
  'GET /api/admin/case-routing-rules': ['admin'],
  'POST /api/admin/case-routing-rules': ['admin'],
  'PUT /api/admin/case-routing-rules/:id': ['admin'],
  'POST /api/cases/:id/supervisions': ['official', 'admin'],
  'POST /api/cases/:id/supervisions/:supervisionId/acknowledge': ['official', 'admin'],
  'GET /api/supervision/dashboard': ['official', 'admin'],
  'GET /api/supervision/dashboard/export': ['official', 'admin'],
  'GET /api/supervision/disclosures': ['official', 'admin'],
  'GET /api/payer/summary': ['payer'],
  'GET /api/payer/claims': ['payer'],
  'GET /api/payer/claims/:id': ['payer'],
  'POST /api/payer/claims/:id/answers': ['payer'],
  'GET /api/payer/disclosure': ['payer'],
  'POST /api/payer/disclosures': ['payer'],
  'GET /api/public/arrears-disclosures': EVERYONE,
  'POST /api/enterprises/:id/qualifications': ['official', 'admin'],
  'POST /api/enterprises/:id/qualifications/:qualificationId/end': ['official', 'admin'],
  'POST /api/enterprises/:id/qualifications/:qualificationId/evidence': ['official', 'admin'],
  'GET /api/enterprises/:id/qualifications/:qualificationId/evidence/:fileId': [
    'official',
    'admin',
    'enterprise',
  ],
  'GET /api/registry/lookup/:uscc': ['enterprise', 'official', 'admin'],
  'GET /api/my/credit/records': ['enterprise'],
  'POST /api/my/credit/records': ['enterprise'],
  'POST /api/my/credit/records/:id/objections': ['enterprise'],
  'GET /api/my/credit/consents': ['enterprise'],
  'POST /api/my/credit/consents': ['enterprise'],
  'POST /api/my/credit/consents/:id/authorise': ['enterprise'],
  'POST /api/my/credit/consents/:id/reject': ['enterprise'],
  'POST /api/my/credit/consents/:id/revoke': ['enterprise'],
  'GET /api/my/credit/consents/:id/receipt': ['enterprise'],
  'GET /api/my/credit/access-log': ['enterprise'],
  'GET /api/credit/institutions': ['enterprise'],
  'GET /api/bank/credit/consents': ['bank'],
  'POST /api/bank/credit/consents': ['bank'],
  'GET /api/bank/credit/enterprises/:enterpriseId/consents/:consentId': ['bank'],
  'GET /api/bank/credit/enterprises/:enterpriseId/consents/:consentId/report': ['bank'],
  'POST /api/bank/credit/enterprises/:enterpriseId/consents/:consentId/check': ['bank'],
  'GET /api/bank/credit/access-log': ['bank'],
  'GET /api/credit/enterprises/:id/records': ['official', 'admin'],
  'GET /api/credit/objections': ['official', 'admin'],
  'GET /api/credit/objections/export': ['official', 'admin'],
  'POST /api/credit/objections/:enterpriseId/:id/answer': ['official', 'admin'],
  'GET /api/credit/stats': ['official', 'admin'],
  'GET /api/credit/stats/export': ['official', 'admin'],
  'GET /api/credit/settings': EVERYONE,
  'PUT /api/credit/settings': ['admin'],
  'GET /api/credit/features': ['official', 'admin', 'auditor'],
  'GET /api/credit/scorecards': ['official', 'admin', 'auditor'],
  'GET /api/credit/scorecards/:id': ['official', 'admin', 'auditor'],
  'POST /api/credit/scorecards': ['official', 'admin'],
  'PUT /api/credit/scorecards/:id': ['official', 'admin'],
  'POST /api/credit/scorecards/check': ['official', 'admin'],
  'GET /api/credit/scorecards/:id/compare': ['official', 'admin'],
  'POST /api/credit/scorecards/:id/publish': ['official', 'admin'],
  'GET /api/my/credit/score': ['enterprise'],
  'GET /api/enterprises/:id/credit-score': ['official', 'admin', 'auditor'],
  'GET /api/bank/financing/products': ['bank'],
  'POST /api/bank/financing/products': ['bank'],
  'GET /api/bank/financing/products/:id': ['bank'],
  'PUT /api/bank/financing/products/:id': ['bank'],
  'POST /api/bank/financing/products/:id/withdraw': ['bank'],
  'GET /api/bank/financing/demands': ['bank'],
  'GET /api/bank/financing/demands/:enterpriseId/:demandId': ['bank'],
  'POST /api/bank/financing/demands/:enterpriseId/:demandId/pickup': ['bank'],
  'POST /api/bank/financing/demands/:enterpriseId/:demandId/actions': ['bank'],
  'GET /api/bank/financing/performance': ['bank'],
  'GET /api/my/financing/products': ['enterprise'],
  'GET /api/my/financing/demands': ['enterprise'],
  'POST /api/my/financing/demands': ['enterprise'],
  'GET /api/my/financing/demands/:id': ['enterprise'],
  'POST /api/my/financing/demands/:id/withdraw': ['enterprise'],
  'POST /api/my/financing/demands/:id/refer': ['enterprise'],
  'POST /api/my/financing/demands/:id/responses/:responseId/show-profile': ['enterprise'],
  'POST /api/my/financing/demands/:id/responses/:responseId/rating': ['enterprise'],
  'GET /api/financing/desk': ['official', 'admin'],
  'GET /api/financing/dashboard': ['official', 'admin'],
  'GET /api/financing/banks': ['official', 'admin'],
  'GET /api/financing/dashboard/export': ['official', 'admin'],
  'GET /api/enterprises/:id/financing': ['official', 'admin', 'auditor'],
  'GET /api/my/financing/receivables': ['enterprise'],
  'POST /api/my/financing/receivables': ['enterprise'],
  'GET /api/my/financing/receivables/:id': ['enterprise'],
  'POST /api/my/financing/receivables/:id/withdraw': ['enterprise'],
  'POST /api/my/financing/receivables/:id/escalate': ['enterprise'],
  'GET /api/payer/receivables': ['payer'],
  'POST /api/payer/receivables/:enterpriseId/:id/confirm': ['payer'],
  'POST /api/payer/receivables/:enterpriseId/:id/dispute': ['payer'],
  'GET /api/financing/recommendations': ['official', 'admin'],
  'GET /api/financing/recommendations/export': ['official', 'admin'],
  'POST /api/financing/recommendations': ['official', 'admin'],
  'POST /api/financing/recommendations/:enterpriseId/:id/push': ['official', 'admin'],
  'POST /api/financing/recommendations/:enterpriseId/:id/remove': ['official', 'admin'],
  'GET /api/bank/financing/recommendations': ['bank'],
  'POST /api/bank/financing/recommendations/:enterpriseId/:id/contact': ['bank'],
  'POST /api/bank/financing/recommendations/:enterpriseId/:id/decision': ['bank'],
  'GET /api/my/financing/recommendations': ['enterprise'],
  'GET /api/financing/settings': EVERYONE,
  'PUT /api/financing/settings': ['official', 'admin'],
  'GET /api/monitoring/surveys': ['official', 'admin'],
  'POST /api/monitoring/surveys': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id': ['official', 'admin'],
  'PUT /api/monitoring/surveys/:id': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id/versions/:version': ['official', 'admin'],
  'GET /api/monitoring/weights': EVERYONE,
  'PUT /api/monitoring/weights': ['official', 'admin'],
  'POST /api/monitoring/surveys/:id/draw': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id/panel': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id/panel/export': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id/panel/makeup': ['official', 'admin'],
  'POST /api/monitoring/surveys/:id/panel/:enterpriseId/drop': ['official', 'admin'],
  'GET /api/monitoring/surveys/:id/waves': ['official', 'admin'],
  'POST /api/monitoring/surveys/:id/waves': ['official', 'admin'],
  'GET /api/monitoring/waves/:id': ['official', 'admin'],
  'POST /api/monitoring/waves/:id/close': ['official', 'admin'],
  'GET /api/monitoring/waves/:id/responses': ['official', 'admin'],
  'GET /api/monitoring/waves/:id/responses/export': ['official', 'admin'],
  'GET /api/monitoring/waves/:id/responses/:enterpriseId': ['official', 'admin'],
  'POST /api/monitoring/waves/:id/responses/:enterpriseId/flags/:flagId': ['official', 'admin'],
  'POST /api/monitoring/waves/:id/compute': ['official', 'admin'],
  'GET /api/monitoring/runs/:id': ['official', 'admin'],
  'GET /api/monitoring/runs/:id/trace': ['official', 'admin'],
  'POST /api/monitoring/registry-runs': ['official', 'admin'],
  'GET /api/monitoring/registry-runs': ['official', 'admin'],
  'GET /api/monitoring/releases': ['official', 'admin'],
  'POST /api/monitoring/releases': ['official', 'admin'],
  'GET /api/monitoring/releases/:id': ['official', 'admin'],
  'PUT /api/monitoring/releases/:id': ['official', 'admin'],
  'POST /api/monitoring/releases/:id/review': ['official', 'admin'],
  'POST /api/monitoring/releases/:id/return': ['official', 'admin'],
  'POST /api/monitoring/releases/:id/schedule': ['official', 'admin'],
  'POST /api/monitoring/releases/:id/withdraw': ['official', 'admin'],
  'GET /api/my/surveys': ['enterprise'],
  'GET /api/my/surveys/:waveId': ['enterprise'],
  'PUT /api/my/surveys/:waveId': ['enterprise'],
  'POST /api/my/surveys/:waveId/submit': ['enterprise'],
  'GET /api/public/monitoring': EVERYONE,
  'GET /api/public/monitoring/surveys/:surveyId': EVERYONE,
  'GET /api/public/monitoring/surveys/:surveyId/export': EVERYONE,
  'GET /api/public/monitoring/registry': EVERYONE,
  'GET /api/public/monitoring/registry/export': EVERYONE,
  'GET /api/public/monitoring/releases/:id': EVERYONE,
  'GET /api/public/monitoring/releases/:id/trace': EVERYONE,
};

/** One account of each role, made for the test (an enterprise's user, a county official, a bank's user...). */
async function oneOfEachRole(t: TestApp): Promise<Record<Role, MadeUser>> {
  const db = t.handle.db;
  return {
    enterprise: await anEnterpriseUser(db, await anEnterprise(db)),
    official: await anOfficial(db, { region: '320583' }),
    bank: await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }),
    admin: await aUser(db, { role: 'admin' }),
    auditor: await aUser(db, { role: 'auditor' }),
    payer: await aPayer(db, aPublicBody()),
    buyer: await aBuyer(db, aPublicBody()),
  };
}

function concrete(url: string, session: Session | null): string {
  return url
    .replace(':id', String(session?.userId ?? 1))
    .replace(':code', '320583')
    .replace(':year', '2025')
    .concat(url.includes('lookup') ? '?q=a' : '')
    .concat(url.endsWith('/export') ? '?format=csv' : '');
}

describe('authorization of every route', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const users = await oneOfEachRole(t);
    for (const role of SIGNED_IN) sessions.set(role, await signIn(t, users[role]));
  });
  afterAll(() => t.close());

  it('lists every API route in the expectation table, and nothing that does not exist', () => {
    const actual = t.app.accessTable.map((r) => `${r.method} ${r.url}`).sort();
    expect(actual).toEqual(Object.keys(EXPECTED).sort());
  });

  it('allows and denies each route exactly as the table says, for every role and the public', async () => {
    const routes = [...t.app.accessTable].sort(
      (a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'),
    );
    const mismatches: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const allowed = EXPECTED[key] ?? [];
      for (const who of EVERYONE) {
        const session = who === 'anonymous' ? null : (sessions.get(who) ?? null);
        const response = await t.request(route.method as 'GET', concrete(route.url, session), {
          session,
          ...(route.method === 'GET' ? {} : { body: {} }),
        });
        const denied =
          response.statusCode === 401 ||
          (response.statusCode === 403 && response.json().code === 'FORBIDDEN');
        const shouldAllow = allowed.includes(who);
        if (shouldAllow === denied || response.statusCode >= 500) {
          mismatches.push(`${key} as ${who}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
        if (!shouldAllow) {
          expect(response.json().code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Walks every route for every role: its time grows with the API, not with one request.
  }, 120_000);
});
