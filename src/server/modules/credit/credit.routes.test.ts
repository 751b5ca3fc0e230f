/**
 * Credit information the enterprise controls (issue 14), through the API: its records, objections and repairs;
 * consents to a named bank; the bank's report and checks under a live consent only; the access log; officials'
 * answers and statistics; the dated figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aCreditRecord, setConsentDates } from '../../../../test/helpers/credit-consent-factories.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import { allRoutes } from '../../../web/routes.ts';
import { addPeriod, ensureDefaultScorecard } from './index.ts';

const today = todayInChina();
const inDays = (n: number) => addPeriod(today, { value: n, unit: 'days' });

describe('credit information through the API', () => {
  let t: TestApp;
  let firm: MadeEnterprise;
  let other: MadeEnterprise;
  let me: Session;
  let otherFirm: Session;
  let bank: Session;
  let rivalBank: Session;
  let official: Session;
  let farOfficial: Session;
  let admin: Session;
  let bankId: number;
  let licence: { id: number };
  let penalty: { id: number };
  let oldPenalty: { id: number };
  let expiredRecord: { id: number };
  let othersRecord: { id: number };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    firm = await anEnterprise(db, { region: '320583' });
    other = await anEnterprise(db, { region: '320583' });
    me = await signIn(t, await anEnterpriseUser(db, firm));
    otherFirm = await signIn(t, await anEnterpriseUser(db, other));
    const b = await aBank(db);
    bankId = b.id;
    bank = await signIn(t, await aUser(db, { role: 'bank', institutionId: b.id }));
    rivalBank = await signIn(t, await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }));
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    licence = await aCreditRecord(db, firm.id, {
      title: '食品经营许可证',
      personal: { legalRepName: '王小明', legalRepId: '320583199001011234' },
    });
    penalty = await aCreditRecord(db, firm.id, {
      category: 'penalty',
      item: 'penalty',
      title: '未按规定公示年报',
      valueNumber: 0.5,
      decidedOn: inDays(-30),
      publishUntil: inDays(1000),
    });
    oldPenalty = await aCreditRecord(db, firm.id, {
      category: 'penalty',
      item: 'penalty',
      title: '超范围经营',
      valueNumber: 1,
      decidedOn: inDays(-200),
      publishUntil: inDays(800),
    });
    expiredRecord = await aCreditRecord(db, firm.id, {
      category: 'penalty',
      item: 'penalty',
      title: '公示期已满的处罚',
      valueNumber: 1,
      decidedOn: inDays(-1200),
      publishUntil: inDays(-1),
    });
    await aCreditRecord(db, firm.id, {
      category: 'tax',
      item: 'credit_grade',
      title: '2025年度纳税信用等级',
      valueText: 'B',
      decidedOn: '2026-04-01',
    });
    await aCreditRecord(db, firm.id, {
      category: 'tax',
      item: 'tax_paid',
      title: '2025年纳税',
      valueNumber: 42,
      decidedOn: '2025-12-31',
    });
    othersRecord = await aCreditRecord(db, other.id);
  });
  afterAll(() => t.close());

  describe('the enterprise sees its own records', () => {
    it('lists every record of its own, by category, with personal data in full and what is published today', async () => {
      const response = await t.request('GET', '/api/my/credit/records', { session: me });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items.map((r: { id: number }) => r.id)).not.toContain(othersRecord.id);
      const lic = body.items.find((r: { id: number }) => r.id === licence.id);
      expect(lic.personal).toEqual({ legalRepName: '王小明', legalRepId: '320583199001011234' });
      expect(body.items.find((r: { id: number }) => r.id === expiredRecord.id).published).toBe(false);
      expect(body.items.find((r: { id: number }) => r.id === penalty.id).published).toBe(true);
    });

    it('filters by category and refuses an unknown one by name', async () => {
      const only = await t.request('GET', '/api/my/credit/records?category=tax', { session: me });
      expect(only.json().items.every((r: { category: string }) => r.category === 'tax')).toBe(true);
      const bad = await t.request('GET', '/api/my/credit/records?category=horoscope', { session: me });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('category');
    });

    it('tells when a penalty may be repaired: the decision plus the minimum publication period (3 months)', async () => {
      const body = (await t.request('GET', '/api/my/credit/records', { session: me })).json();
      const p = body.items.find((r: { id: number }) => r.id === penalty.id);
      expect(p.repairableFrom).toBe(addPeriod(inDays(-30), { value: 3, unit: 'months' }));
      expect(body.items.find((r: { id: number }) => r.id === licence.id).repairableFrom).toBeNull();
    });
  });

  describe('self-declared data', () => {
    it('stores a record under the credit commitment, marked as self-declared', async () => {
      const response = await t.request('POST', '/api/my/credit/records', {
        session: me,
        body: {
          category: 'ip',
          item: 'patent',
          title: '一种包装机的发明专利',
          decidedOn: '2024-05-01',
          commitment: true,
        },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ sourceKind: 'self_declared', status: 'active' });
      expect(response.json().commitment).toContain('承诺');
    });

    it('refuses without the commitment, adverse items, a missing number and a future date, naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [
          { category: 'ip', item: 'patent', title: 'x', decidedOn: '2024-05-01', commitment: false },
          'commitment',
        ],
        [
          {
            category: 'penalty',
            item: 'penalty',
            title: 'x',
            valueNumber: 1,
            decidedOn: '2024-05-01',
            commitment: true,
          },
          'item',
        ],
        [
          { category: 'tax', item: 'tax_paid', title: 'x', decidedOn: '2024-05-01', commitment: true },
          'valueNumber',
        ],
        [{ category: 'ip', item: 'patent', title: 'x', decidedOn: inDays(3), commitment: true }, 'decidedOn'],
        [{ category: 'ip', item: 'horse', title: 'x', decidedOn: '2024-05-01', commitment: true }, 'item'],
      ];
      for (const [body, field] of cases) {
        const response = await t.request('POST', '/api/my/credit/records', { session: me, body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().errors[0].field).toBe(field);
      }
    });
  });

  describe('objections and repairs', () => {
    it('flags the record while an objection is checked, due within the time limit (20 days)', async () => {
      const response = await t.request('POST', `/api/my/credit/records/${penalty.id}/objections`, {
        session: me,
        body: { kind: 'objection', reason: '处罚决定已被复议撤销，附复议决定书' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ state: 'open', dueOn: inDays(20), late: false });
      const records = (await t.request('GET', '/api/my/credit/records', { session: me })).json();
      expect(records.items.find((r: { id: number }) => r.id === penalty.id).disputed).toBe(true);
      const again = await t.request('POST', `/api/my/credit/records/${penalty.id}/objections`, {
        session: me,
        body: { kind: 'objection', reason: '再次提出同一异议' },
      });
      expect(again.statusCode).toBe(409);
    });

    it("does not let an enterprise object to another's record: not found", async () => {
      const response = await t.request('POST', `/api/my/credit/records/${othersRecord.id}/objections`, {
        session: me,
        body: { kind: 'objection', reason: '不是我的记录但想提异议' },
      });
      expect(response.statusCode).toBe(404);
    });

    it('refuses a repair before the minimum publication period has passed, naming the first day', async () => {
      const response = await t.request('POST', `/api/my/credit/records/${penalty.id}/objections`, {
        session: me,
        body: { kind: 'repair', reason: '已整改完毕，申请信用修复' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].message).toContain(
        addPeriod(inDays(-30), { value: 3, unit: 'months' }),
      );
    });

    it('an accepted repair ends the penalty’s publication at once; a bank no longer sees it', async () => {
      const filed = await t.request('POST', `/api/my/credit/records/${oldPenalty.id}/objections`, {
        session: me,
        body: { kind: 'repair', reason: '已整改完毕，申请信用修复' },
      });
      expect(filed.statusCode).toBe(200);
      const answer = await t.request('POST', `/api/credit/objections/${firm.id}/${filed.json().id}/answer`, {
        session: official,
        body: { decision: 'accepted', answer: '经核查已整改，同意修复' },
      });
      expect(answer.statusCode).toBe(200);
      const record = (await t.request('GET', '/api/my/credit/records', { session: me }))
        .json()
        .items.find((r: { id: number }) => r.id === oldPenalty.id);
      expect(record).toMatchObject({ status: 'repaired', published: false, publishUntil: inDays(-1) });
    });

    it('an official of another region cannot answer (out of scope), and nothing changes', async () => {
      const queue = (
        await t.request('GET', '/api/credit/objections?state=open', { session: official })
      ).json();
      const open = queue.items.find((o: { recordId: number }) => o.recordId === penalty.id);
      expect(open).toMatchObject({ enterpriseName: firm.name, state: 'open' });
      const response = await t.request('POST', `/api/credit/objections/${firm.id}/${open.id}/answer`, {
        session: farOfficial,
        body: { decision: 'rejected', answer: '不在辖区也想答复' },
      });
      expect(response.statusCode).toBe(403);
      const still = (
        await t.request('GET', '/api/credit/objections?state=open', { session: official })
      ).json();
      expect(still.items.map((o: { id: number }) => o.id)).toContain(open.id);
    });

    it('an accepted objection replaces the record with its correction and keeps the old one as history', async () => {
      const queue = (
        await t.request('GET', '/api/credit/objections?state=open&kind=objection', { session: official })
      ).json();
      const open = queue.items.find((o: { recordId: number }) => o.recordId === penalty.id);
      const response = await t.request('POST', `/api/credit/objections/${firm.id}/${open.id}/answer`, {
        session: official,
        body: {
          decision: 'accepted',
          answer: '经核查，原处罚金额录入有误，予以更正',
          correction: { title: '未按规定公示年报（更正）', valueNumber: 0.2, decidedOn: inDays(-30) },
        },
      });
      expect(response.statusCode).toBe(200);
      const correctionId = response.json().correctionId;
      expect(correctionId).toBeGreaterThan(0);
      const current = (await t.request('GET', '/api/my/credit/records', { session: me })).json();
      expect(current.items.map((r: { id: number }) => r.id)).not.toContain(penalty.id);
      expect(current.items.find((r: { id: number }) => r.id === correctionId)).toMatchObject({
        sourceKind: 'correction',
        corrects: penalty.id,
        valueNumber: 0.2,
        disputed: false,
      });
      const history = (await t.request('GET', '/api/my/credit/records?history=true', { session: me })).json();
      expect(history.items.find((r: { id: number }) => r.id === penalty.id)).toMatchObject({
        status: 'superseded',
      });
      const again = await t.request('POST', `/api/credit/objections/${firm.id}/${open.id}/answer`, {
        session: official,
        body: { decision: 'rejected', answer: '重复答复同一异议' },
      });
      expect(again.statusCode).toBe(409);
    });

    it('exports the queue', async () => {
      const response = await t.request('GET', '/api/credit/objections/export?format=csv&lang=zh', {
        session: official,
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(firm.uscc);
      expect(response.body).toContain('答复期限');
    });
  });

  describe('consents and the bank’s queries', () => {
    let consentId: number;

    it('refuses a request with no real purpose, a past end, or more than a year, naming each field', async () => {
      const base = {
        uscc: firm.uscc,
        scope: 'report',
        categories: ['licence', 'tax'],
        purpose: '贷前审查：流动资金贷款',
        validUntil: inDays(60),
      };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, purpose: '  ' }, 'purpose'],
        [{ ...base, validUntil: inDays(-1) }, 'validUntil'],
        [{ ...base, validUntil: inDays(400) }, 'validUntil'],
        [{ ...base, categories: ['horoscope'] }, 'categories'],
      ];
      for (const [body, field] of cases) {
        const response = await t.request('POST', '/api/bank/credit/consents', { session: bank, body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const unknown = await t.request('POST', '/api/bank/credit/consents', {
        session: bank,
        body: { ...base, uscc: makeUscc('91320583MA0000000') },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({
        field: 'uscc',
        message: '企业名录中没有这个统一社会信用代码',
      });
    });

    it('a USCC with a wrong check character is said so, not "not in the registry"', async () => {
      const response = await t.request('POST', '/api/bank/credit/consents', {
        session: bank,
        body: {
          uscc: '91320583EXFKH31U1X',
          scope: 'report',
          categories: ['licence'],
          purpose: '贷前审查：流动资金贷款',
          validUntil: inDays(60),
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({
        field: 'uscc',
        message: '统一社会信用代码校验位不正确',
      });
    });

    it('an enterprise cannot consent for "all banks": one named institution is required', async () => {
      const response = await t.request('POST', '/api/my/credit/consents', {
        session: me,
        body: {
          scope: 'report',
          categories: ['licence'],
          purpose: '贷前审查',
          validUntil: inDays(30),
          signerName: '王小明',
        },
      });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().errors)).toContain('institutionId');
    });

    it('a bank asks; the enterprise is notified and authorises; the consent is live', async () => {
      const asked = await t.request('POST', '/api/bank/credit/consents', {
        session: bank,
        body: {
          uscc: firm.uscc,
          scope: 'report',
          categories: ['licence', 'penalty'],
          includeScore: false,
          purpose: '贷前审查：流动资金贷款',
          validUntil: inDays(90),
        },
      });
      expect(asked.statusCode).toBe(200);
      expect(asked.json().status).toBe('awaiting');
      consentId = asked.json().id;
      const early = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${consentId}/report`,
        { session: bank },
      );
      expect(early.statusCode).toBe(403);
      expect(early.json().code).toBe('CONSENT_NOT_LIVE');
      const authorised = await t.request('POST', `/api/my/credit/consents/${consentId}/authorise`, {
        session: me,
        body: { signerName: '王小明', validUntil: inDays(60) },
      });
      expect(authorised.statusCode).toBe(200);
      expect(authorised.json()).toMatchObject({
        status: 'authorised',
        validUntil: inDays(60),
        signerName: '王小明',
      });
    });

    it('the report holds the consented categories only, published records only, personal data masked', async () => {
      const response = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${consentId}/report`,
        { session: bank },
      );
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(new Set(report.records.map((r: { category: string }) => r.category))).toEqual(
        new Set(['licence', 'penalty']),
      );
      const ids = report.records.map((r: { id: number }) => r.id);
      expect(ids).not.toContain(expiredRecord.id);
      expect(ids).not.toContain(oldPenalty.id);
      const lic = report.records.find((r: { id: number }) => r.id === licence.id);
      expect(lic.personal).toEqual({ legalRepName: '王**', legalRepId: '320*************34' });
      expect(JSON.stringify(report)).not.toContain('320583199001011234');
    });

    it('with the evaluation consented: score and grade; a feature’s value, points and data only for the consented categories', async () => {
      await ensureDefaultScorecard(t.handle.db);
      const given = await t.request('POST', '/api/my/credit/consents', {
        session: me,
        body: {
          institutionId: bankId,
          scope: 'report',
          categories: ['licence'],
          includeScore: true,
          purpose: '贷前审查：含信用评价',
          validUntil: inDays(30),
          signerName: '王小明',
        },
      });
      const report = (
        await t.request('GET', `/api/bank/credit/enterprises/${firm.id}/consents/${given.json().id}/report`, {
          session: bank,
        })
      ).json();
      expect(report.score.grade).toEqual(expect.any(String));
      expect(report.score.explained).toHaveLength(20);
      const bySource = (source: string) =>
        report.score.explained.filter((i: { source: string }) => i.source === source);
      const withheld = [...bySource('tax'), ...bySource('dishonesty'), ...bySource('ip')];
      expect(bySource('tax').length).toBeGreaterThan(0);
      // Not only the data behind a feature of a category not consented: its value and points would tell it too.
      for (const item of withheld)
        expect(item).toMatchObject({ value: null, bin: null, points: null, evidence: null, withheld: true });
      for (const item of withheld) expect(item.nameZh).toEqual(expect.any(String));
      for (const item of bySource('licence')) expect(item.evidence).not.toBeNull();
      for (const item of bySource('registry')) expect(item.withheld).toBeUndefined();
      const withheldFeatures = new Set(withheld.map((i: { feature: string }) => i.feature));
      for (const item of report.score.items.filter((i: { feature: string }) =>
        withheldFeatures.has(i.feature),
      ))
        expect(item).toMatchObject({ value: null, bin: null, points: null });
      // What the enterprise's tax records say (42 paid, grade B) is nowhere in the report's evaluation.
      expect(JSON.stringify(report.score)).not.toContain('2025年纳税');
      expect(JSON.stringify(withheld)).not.toMatch(/"value":(42|"B")/);
      expect(JSON.stringify(report.score.items)).not.toMatch(/"value":(42|"B")/);
      // The report computes the score and writes none: the enterprise's stored score stays as the jobs left it.
      const stored = await t.handle.db
        .selectFrom('credit_scores')
        .select('enterprise_id')
        .where('enterprise_id', '=', firm.id)
        .execute();
      expect(stored).toEqual([]);
    });

    it('a category not consented is refused by name', async () => {
      const response = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${consentId}/report?categories=licence,tax`,
        { session: bank },
      );
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'CATEGORY_NOT_CONSENTED' });
      expect(response.json().errors[0].message).toBe('企业未授权查询：纳税');
    });

    it('another bank neither sees the consent nor can use it', async () => {
      const read = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${consentId}/report`,
        { session: rivalBank },
      );
      expect(read.statusCode).toBe(404);
      const list = (await t.request('GET', '/api/bank/credit/consents', { session: rivalBank })).json();
      expect(list.items.map((c: { id: number }) => c.id)).not.toContain(consentId);
      const log = (await t.request('GET', '/api/bank/credit/access-log', { session: rivalBank })).json();
      expect(log.total).toBe(0);
    });

    it('the enterprise sees every look: who, when, which categories, for what', async () => {
      const log = (
        await t.request('GET', `/api/my/credit/access-log?consentId=${consentId}`, { session: me })
      ).json();
      expect(log.total).toBe(1);
      expect(log.items[0]).toMatchObject({
        kind: 'report',
        categories: ['licence', 'penalty'],
        purpose: '贷前审查：流动资金贷款',
        institutionId: bankId,
      });
      expect(log.items[0].userName).not.toBe('');
      const others = (await t.request('GET', '/api/my/credit/access-log', { session: otherFirm })).json();
      expect(others.total).toBe(0);
      const audit = await t.handle.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'credit.report_read')
        .execute();
      const mine = audit.filter((a) => (a.summary as { consentId: number }).consentId === consentId);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.summary).toMatchObject({ accessLogId: log.items[0].id, institutionId: bankId });
    });

    it('the enterprise downloads a consent receipt with the Kantara fields', async () => {
      const response = await t.request('GET', `/api/my/credit/consents/${consentId}/receipt`, {
        session: me,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('consent-receipt');
      const receipt = response.json();
      expect(receipt).toMatchObject({
        version: 'KI-CR-v1.1.0',
        piiPrincipalId: firm.uscc,
        status: 'authorised',
        signer: '王小明',
      });
      expect(receipt.services[0].purposes[0].purpose).toBe('贷前审查：流动资金贷款');
      expect(receipt.services[0].purposes[0].termination).toContain(inDays(60));
      // The policy address is a page of the web app: the enterprise's consents.
      const policy = new URL(receipt.policyUrl, 'https://huiqi.example');
      expect(allRoutes().map((r) => r.path)).toContain(policy.pathname);
      expect(policy.pathname).toBe('/app/credit-records');
      expect(policy.searchParams.get('tab')).toBe('consents');
      const others = await t.request('GET', `/api/my/credit/consents/${consentId}/receipt`, {
        session: otherFirm,
      });
      expect(others.statusCode).toBe(404);
    });

    it('after revocation the next query refuses at once', async () => {
      const revoked = await t.request('POST', `/api/my/credit/consents/${consentId}/revoke`, { session: me });
      expect(revoked.json().status).toBe('revoked');
      const read = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${consentId}/report`,
        { session: bank },
      );
      expect(read.statusCode).toBe(403);
      expect(read.json().code).toBe('CONSENT_NOT_LIVE');
      expect(read.json().message).toMatch(/revoked|撤回/);
      const twice = await t.request('POST', `/api/my/credit/consents/${consentId}/revoke`, { session: me });
      expect(twice.statusCode).toBe(409);
    });

    it('a revoked consent keeps its receipt, which says it was revoked', async () => {
      const response = await t.request('GET', `/api/my/credit/consents/${consentId}/receipt`, {
        session: me,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('revoked');
      expect(response.json().services[0].purposes[0].termination).toContain('已于');
      const listed = (
        await t.request('GET', '/api/my/credit/consents?status=revoked', { session: me })
      ).json();
      expect(listed.items.find((c: { id: number }) => c.id === consentId)?.hasReceipt).toBe(true);
    });

    it('an expired consent refuses without any job having run', async () => {
      const given = await t.request('POST', '/api/my/credit/consents', {
        session: me,
        body: {
          institutionId: bankId,
          scope: 'report',
          categories: ['licence'],
          purpose: '贷后管理：到期续贷',
          validUntil: inDays(10),
          signerName: '王小明',
        },
      });
      expect(given.json().status).toBe('authorised');
      await setConsentDates(t.handle.db, firm.id, given.json().id, {
        validFrom: inDays(-40),
        validUntil: inDays(-1),
      });
      const read = await t.request(
        'GET',
        `/api/bank/credit/enterprises/${firm.id}/consents/${given.json().id}/report`,
        { session: bank },
      );
      expect(read.statusCode).toBe(403);
      expect(read.json().code).toBe('CONSENT_NOT_LIVE');
      const listed = (
        await t.request('GET', '/api/my/credit/consents?status=expired', { session: me })
      ).json();
      expect(listed.items.map((c: { id: number }) => c.id)).toContain(given.json().id);
    });

    it('a check-only consent answers yes or no and reveals no record; the report is refused', async () => {
      const given = await t.request('POST', '/api/my/credit/consents', {
        session: me,
        body: {
          institutionId: bankId,
          scope: 'check',
          categories: ['tax'],
          purpose: '核验上年纳税额',
          validUntil: inDays(30),
          signerName: '王小明',
        },
      });
      const id = given.json().id;
      // The bank reads the consent itself first (the page does, so it asks no report of a check-only consent).
      const read = await t.request('GET', `/api/bank/credit/enterprises/${firm.id}/consents/${id}`, {
        session: bank,
      });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({
        id,
        enterpriseId: firm.id,
        enterpriseName: firm.name,
        scope: 'check',
        categories: ['tax'],
        status: 'authorised',
      });
      for (const [session, enterpriseId] of [
        [rivalBank, firm.id],
        [bank, other.id],
      ] as const)
        expect(
          (
            await t.request('GET', `/api/bank/credit/enterprises/${enterpriseId}/consents/${id}`, {
              session,
            })
          ).statusCode,
        ).toBe(404);
      const yes = await t.request('POST', `/api/bank/credit/enterprises/${firm.id}/consents/${id}/check`, {
        session: bank,
        body: { question: { kind: 'tax_paid_at_least', year: 2025, amount: 40 } },
      });
      expect(yes.statusCode).toBe(200);
      expect(yes.json().answer).toBe(true);
      expect(JSON.stringify(yes.json())).not.toContain('42');
      const no = await t.request('POST', `/api/bank/credit/enterprises/${firm.id}/consents/${id}/check`, {
        session: bank,
        body: { question: { kind: 'tax_grade_at_least', grade: 'A' } },
      });
      expect(no.json().answer).toBe(false);
      const outside = await t.request(
        'POST',
        `/api/bank/credit/enterprises/${firm.id}/consents/${id}/check`,
        {
          session: bank,
          body: { question: { kind: 'no_dishonesty' } },
        },
      );
      expect(outside.statusCode).toBe(403);
      expect(outside.json().code).toBe('CATEGORY_NOT_CONSENTED');
      const report = await t.request('GET', `/api/bank/credit/enterprises/${firm.id}/consents/${id}/report`, {
        session: bank,
      });
      expect(report.json().code).toBe('CONSENT_CHECK_ONLY');
      const log = (
        await t.request('GET', `/api/my/credit/access-log?consentId=${id}`, { session: me })
      ).json();
      expect(log.items.map((e: { answer: boolean }) => e.answer).sort()).toEqual([false, true]);
    });

    it('a request the enterprise rejects can never be used; only a request can be rejected', async () => {
      const asked = await t.request('POST', '/api/bank/credit/consents', {
        session: bank,
        body: {
          uscc: firm.uscc,
          scope: 'check',
          categories: ['tax'],
          purpose: '核验纳税信用等级',
          validUntil: inDays(30),
        },
      });
      const id = asked.json().id;
      expect(
        (await t.request('POST', `/api/my/credit/consents/${id}/reject`, { session: me })).json().status,
      ).toBe('rejected');
      const check = await t.request('POST', `/api/bank/credit/enterprises/${firm.id}/consents/${id}/check`, {
        session: bank,
        body: { question: { kind: 'tax_grade_at_least', grade: 'B' } },
      });
      expect(check.json().code).toBe('CONSENT_NOT_LIVE');
      const authorise = await t.request('POST', `/api/my/credit/consents/${id}/authorise`, {
        session: me,
        body: { signerName: '王小明' },
      });
      expect(authorise.statusCode).toBe(409);
    });
  });

  describe('officials', () => {
    it('see an enterprise’s records in their region only', async () => {
      expect(
        (await t.request('GET', `/api/credit/enterprises/${firm.id}/records`, { session: official }))
          .statusCode,
      ).toBe(200);
      expect(
        (await t.request('GET', `/api/credit/enterprises/${firm.id}/records`, { session: farOfficial }))
          .statusCode,
      ).toBe(403);
    });

    it('count consents by state, queries by bank and objections answered on time', async () => {
      const stats = (await t.request('GET', '/api/credit/stats', { session: official })).json();
      const byStatus = Object.fromEntries(
        stats.consents.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]),
      );
      expect(byStatus).toMatchObject({ revoked: 1, expired: 1, rejected: 1, authorised: 2 });
      expect(stats.consents.revoked).toBe(1);
      const mine = stats.queriesByBank.find((q: { institutionId: number }) => q.institutionId === bankId);
      expect(mine).toMatchObject({ reports: 2, checks: 2, enterprises: 1 });
      expect(stats.objections).toMatchObject({ open: 0, answered: 2, answeredOnTime: 2 });
      const far = (await t.request('GET', '/api/credit/stats', { session: farOfficial })).json();
      expect(far.queriesByBank).toEqual([]);
    });
  });

  it('officials export the tables of the statistics; an unknown table is refused by name', async () => {
    const banks = await t.request('GET', '/api/credit/stats/export?table=banks&format=csv&lang=zh', {
      session: official,
    });
    expect(banks.statusCode).toBe(200);
    expect(banks.body).toContain('金融机构');
    expect(banks.body).toMatch(/,2,2,1/);
    const grades = await t.request('GET', '/api/credit/stats/export?table=grades&format=csv&lang=en', {
      session: official,
    });
    expect(grades.body).toContain('Grade');
    const bad = await t.request('GET', '/api/credit/stats/export?table=weather&format=csv', {
      session: official,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('table');
  });

  describe('the dated figures', () => {
    it('are public, each with its basis and whether it is verified', async () => {
      const response = await t.request('GET', '/api/credit/settings');
      const items = response.json().items;
      expect(items.find((s: { key: string }) => s.key === 'objection_answer_days')).toMatchObject({
        value: 20,
        unit: 'days',
        verified: false,
      });
    });

    it('an admin records a new dated figure (audited); an unknown key is refused by name', async () => {
      const put = await t.request('PUT', '/api/credit/settings', {
        session: admin,
        body: {
          key: 'objection_answer_days',
          effectiveFrom: '2030-01-01',
          value: 15,
          unit: 'days',
          basis: '测试：新文件',
          verified: true,
        },
      });
      expect(put.statusCode).toBe(200);
      const bad = await t.request('PUT', '/api/credit/settings', {
        session: admin,
        body: {
          key: 'nonsense',
          effectiveFrom: '2030-01-01',
          value: 15,
          unit: 'days',
          basis: 'x',
          verified: true,
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('key');
    });
  });

  // Last, so the consents it leaves do not change the officials' counts above.
  describe('receipts', () => {
    it('a consent never authorised has no receipt (awaiting, rejected, expired unanswered): refused in words', async () => {
      const ask = async () =>
        (
          await t.request('POST', '/api/bank/credit/consents', {
            session: bank,
            body: {
              uscc: firm.uscc,
              scope: 'check',
              categories: ['tax'],
              purpose: '核验纳税信用等级',
              validUntil: inDays(30),
            },
          })
        ).json() as { id: number; hasReceipt: boolean };
      const awaiting = await ask();
      expect(awaiting.hasReceipt).toBe(false);
      const rejected = await ask();
      await t.request('POST', `/api/my/credit/consents/${rejected.id}/reject`, { session: me });
      const lapsed = await ask();
      await setConsentDates(t.handle.db, firm.id, lapsed.id, {
        validFrom: inDays(-40),
        validUntil: inDays(-1),
      });
      for (const [id, status] of [
        [awaiting.id, 'awaiting'],
        [rejected.id, 'rejected'],
        [lapsed.id, 'expired'],
      ] as const) {
        const receipt = await t.request('GET', `/api/my/credit/consents/${id}/receipt`, {
          session: me,
          headers: { 'accept-language': 'en' },
        });
        expect(receipt.statusCode, status).toBe(409);
        expect(receipt.json().code).toBe('CONFLICT');
        expect(receipt.json().message).toContain(`never authorised (now: ${status})`);
      }
      const zh = await t.request('GET', `/api/my/credit/consents/${awaiting.id}/receipt`, { session: me });
      expect(zh.json().message).toContain('没有授权回执');
      const listed = (
        await t.request('GET', '/api/my/credit/consents?page=1&pageSize=100', { session: me })
      ).json() as { items: { id: number; status: string; hasReceipt: boolean }[] };
      const byId = new Map(listed.items.map((c) => [c.id, c]));
      expect([awaiting.id, rejected.id, lapsed.id].map((id) => byId.get(id)?.hasReceipt)).toEqual([
        false,
        false,
        false,
      ]);
      expect(byId.get(lapsed.id)?.status).toBe('expired');
    });
  });

  // Last, with an enterprise and records of its own, so the counts above are unchanged.
  describe('a withdrawn or corrected record closes the other requests on it', () => {
    let withdrawnFirm: MadeEnterprise;
    let owner: Session;

    beforeAll(async () => {
      withdrawnFirm = await anEnterprise(t.handle.db, { region: '320583' });
      owner = await signIn(t, await anEnterpriseUser(t.handle.db, withdrawnFirm));
    });

    const fileBoth = async (recordId: number) => {
      const repair = await t.request('POST', `/api/my/credit/records/${recordId}/objections`, {
        session: owner,
        body: { kind: 'repair', reason: '已整改完毕，申请信用修复' },
      });
      expect(repair.statusCode).toBe(200);
      const objection = await t.request('POST', `/api/my/credit/records/${recordId}/objections`, {
        session: owner,
        body: { kind: 'objection', reason: '处罚对象有误，并非本企业' },
      });
      expect(objection.statusCode).toBe(200);
      return { repairId: repair.json().id as number, objectionId: objection.json().id as number };
    };
    const objectionsOf = async () =>
      (await t.request('GET', '/api/my/credit/records?history=true', { session: owner })).json()
        .objections as {
        id: number;
        state: string;
        answer: string | null;
      }[];

    it('an objection accepted without a correction withdraws the record and answers its open repair request', async () => {
      const record = await aCreditRecord(t.handle.db, withdrawnFirm.id, {
        category: 'penalty',
        item: 'penalty',
        title: '误录的处罚',
        valueNumber: 1,
        decidedOn: inDays(-200),
        publishUntil: inDays(800),
      });
      const { repairId, objectionId } = await fileBoth(record.id);
      const answer = await t.request(
        'POST',
        `/api/credit/objections/${withdrawnFirm.id}/${objectionId}/answer`,
        {
          session: official,
          body: { decision: 'accepted', answer: '经核查，该处罚并非针对本企业，予以撤销' },
        },
      );
      expect(answer.statusCode).toBe(200);
      const repair = (await objectionsOf()).find((o) => o.id === repairId);
      expect(repair).toMatchObject({ state: 'accepted' });
      expect(repair?.answer).toContain(`异议 #${objectionId}`);
      expect(repair?.answer).toContain('撤销');
      const queue = (
        await t.request('GET', '/api/credit/objections?state=open&pageSize=100', { session: official })
      ).json();
      expect(queue.items.map((o: { id: number }) => o.id)).not.toContain(repairId);
      const audited = await t.handle.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'credit.objection_answered')
        .where('target_id', '=', String(withdrawnFirm.id))
        .execute();
      expect(audited.map((a) => (a.summary as { objectionId: number }).objectionId).sort()).toEqual(
        [repairId, objectionId].sort(),
      );
    });

    it('an objection accepted with a correction answers the repair request on the old record: file again', async () => {
      const record = await aCreditRecord(t.handle.db, withdrawnFirm.id, {
        category: 'penalty',
        item: 'penalty',
        title: '金额有误的处罚',
        valueNumber: 2,
        decidedOn: inDays(-200),
        publishUntil: inDays(800),
      });
      const { repairId, objectionId } = await fileBoth(record.id);
      const answer = await t.request(
        'POST',
        `/api/credit/objections/${withdrawnFirm.id}/${objectionId}/answer`,
        {
          session: official,
          body: {
            decision: 'accepted',
            answer: '金额录入有误，予以更正',
            correction: { title: '金额有误的处罚（更正）', valueNumber: 0.5, decidedOn: inDays(-200) },
          },
        },
      );
      expect(answer.statusCode).toBe(200);
      const correctionId = answer.json().correctionId;
      const repair = (await objectionsOf()).find((o) => o.id === repairId);
      expect(repair).toMatchObject({ state: 'rejected' });
      expect(repair?.answer).toContain(`#${correctionId}`);
    });
  });
});
