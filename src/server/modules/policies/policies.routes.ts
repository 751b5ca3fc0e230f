/** Routes of the policy library: public library and check, officials' editing and delivery, enterprises' policies. */
import Type from 'typebox';
import { CERTIFICATION_NAMES } from '../../../reference/certifications.ts';
import { errorResponses, IdParams, Ok, Page } from '../../../shared/api/common.ts';
import {
  ApplicationExportQuery,
  ApplicationPageSchema,
  ApplicationQuery,
  ApplicationRecordSchema,
  ApplyBody,
  BenefitChangedSchema,
  BenefitExportQuery,
  BenefitQuery,
  BenefitSchema,
  BenefitsListedSchema,
  BenefitsSentSchema,
  DefinitionBody,
  DraftBody,
  EligibilityCheckBody,
  EligibilityCheckResultSchema,
  EnterprisePoliciesSchema,
  LibraryFacetsSchema,
  LibraryPageSchema,
  LibraryQuery,
  MyBenefitSchema,
  MyPoliciesSchema,
  MyPolicyDetailSchema,
  PayoutBody,
  PolicyAdminSchema,
  PolicyListQuery,
  PolicyPageSchema,
  PreviewSchema,
  PublicPolicySchema,
  PublishBody,
  ReachQuery,
  ReachSchema,
  RespondBody,
  RuleVocabularySchema,
  TestBody,
  TestRunSchema,
  VersionQuery,
  WithdrawBody,
  YamlBody,
} from '../../../shared/api/policies.ts';
import { dateInChina, todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { FIGURE_FACTS } from './eligibility.rules.ts';
import * as applications from './policies.applications.ts';
import * as benefits from './policies.benefits.ts';
import * as editing from './policies.editing.ts';
import * as enterprise from './policies.enterprise.ts';
import { factsOfCheck } from './policies.facts.ts';
import * as library from './policies.library.ts';
import * as officials from './policies.officials.ts';
import { TOPICS } from './policy.yaml.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;
const ENTERPRISE = { roles: ['enterprise'] } as const;
const today = todayInChina;

const BENEFIT_STATUS_TEXT = {
  listed: { zh: '已列入', en: 'Listed' },
  sent: { zh: '待确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  declined: { zh: '已放弃', en: 'Declined' },
  paid: { zh: '已兑现', en: 'Paid' },
} as const;

const BENEFIT_COLUMNS: ExportColumn<benefits.BenefitView>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, value: (r) => r.name },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'version', zh: '政策版本', en: 'Policy version', value: (r) => r.version },
  { key: 'status', zh: '状态', en: 'Status', value: (r, lang) => BENEFIT_STATUS_TEXT[r.status][lang] },
  { key: 'listed_at', zh: '列入时间', en: 'Listed at', value: (r) => dateInChina(r.listedAt) },
  { key: 'sent_at', zh: '发送确认', en: 'Sent', value: (r) => (r.sentAt ? dateInChina(r.sentAt) : null) },
  {
    key: 'responded_at',
    zh: '企业答复',
    en: 'Answered',
    value: (r) => (r.respondedAt ? dateInChina(r.respondedAt) : null),
  },
  { key: 'note', zh: '企业说明', en: 'Note', value: (r) => r.responseNote },
  { key: 'amount', zh: '兑现金额（元）', en: 'Amount (yuan)', value: (r) => r.amount },
  { key: 'paid_on', zh: '兑现日期', en: 'Paid on', value: (r) => r.paidOn },
];

const CHANNEL_TEXT = {
  online: { zh: '网上申报', en: 'Online' },
  office: { zh: '窗口申报', en: 'At the office' },
  other: { zh: '其他方式', en: 'Other' },
} as const;

const APPLICATION_COLUMNS: ExportColumn<applications.ApplicationView>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, value: (r) => r.name },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'version', zh: '政策版本', en: 'Policy version', value: (r) => r.version },
  { key: 'applied_at', zh: '申报日期', en: 'Applied on', value: (r) => today(new Date(r.appliedAt)) },
  { key: 'channel', zh: '申报方式', en: 'Channel', value: (r, lang) => CHANNEL_TEXT[r.channel][lang] },
  { key: 'note', zh: '企业说明', en: 'Note', value: (r) => r.note },
];

/** Registers the policy routes. */
export function policiesRoutes(
  app: App,
  { db }: ModuleDeps,
  onJobsQueued: () => void = () => undefined,
): void {
  // ---- public ----
  app.get(
    '/api/public/policies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['policies'],
        summary: 'Search the policy library (Chinese full text, filters)',
        querystring: LibraryQuery,
        response: { 200: LibraryPageSchema, ...errorResponses },
      },
    },
    async (request) => library.searchLibrary(db, request.query),
  );
  app.get(
    '/api/public/policies/facets',
    {
      config: { access: 'public' },
      schema: {
        tags: ['policies'],
        summary: 'Issuers and topics of the library (filter values)',
        response: {
          200: LibraryFacetsSchema,
          ...errorResponses,
        },
      },
    },
    async () => library.libraryFacets(db),
  );
  app.get(
    '/api/public/policy-vocabulary',
    {
      config: { access: 'public' },
      schema: {
        tags: ['policies'],
        summary: 'What eligibility rules can say: figures with units, topics, certifications',
        response: { 200: RuleVocabularySchema, ...errorResponses },
      },
    },
    async () => ({
      figures: Object.entries(FIGURE_FACTS).map(([key, f]) => ({ key, zh: f.zh, en: f.en, unit: f.unit })),
      topics: [...TOPICS],
      units: ['万元', 'persons', 'years', 'ratio', 'none'],
      certifications: [...CERTIFICATION_NAMES],
    }),
  );
  app.get(
    '/api/public/policies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['policies'],
        summary: 'Read a published policy (its current version or an earlier one)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: PublicPolicySchema, ...errorResponses },
      },
    },
    async (request) => library.getPublishedPolicy(db, request.params.id, request.query.version),
  );
  app.post(
    '/api/public/policies/:id/check',
    {
      config: { access: 'public' },
      schema: {
        tags: ['policies'],
        summary: 'Check eligibility with figures typed in (no account needed)',
        params: IdParams,
        body: EligibilityCheckBody,
        response: { 200: EligibilityCheckResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      library.checkEligibility(
        db,
        request.params.id,
        factsOfCheck(request.body),
        request.body.date ?? today(),
      ),
  );

  // ---- officials ----
  app.get(
    '/api/policies',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Policies: published ones and the drafts of my region',
        querystring: PolicyListQuery,
        response: { 200: PolicyPageSchema, ...errorResponses },
      },
    },
    async (request) => officials.listPoliciesForOfficial(db, actorOf(request), request.query),
  );
  app.post(
    '/api/policies',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Write a new policy (a draft); the rule is checked, problems per field',
        body: DefinitionBody,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) => editing.createPolicy(db, callerOf(request), request.body.definition),
  );
  app.post(
    '/api/policies/yaml',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Upload a policy as YAML: a new draft, or the draft of the policy with its id',
        body: YamlBody,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) =>
      editing.importPolicyYaml(db, callerOf(request), request.body.yaml, request.body.version),
  );
  app.get(
    '/api/policies/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'A policy as its editors see it (draft, versions)',
        params: IdParams,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) => officials.getPolicyForOfficial(db, actorOf(request), request.params.id),
  );
  app.put(
    '/api/policies/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Save the draft (409 when someone saved since the version you opened)',
        params: IdParams,
        body: DraftBody,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) => editing.saveDraft(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/policies/:id/test',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: "Run the policy's test cases (of the saved draft, or of a definition being edited)",
        params: IdParams,
        body: TestBody,
        response: { 200: TestRunSchema, ...errorResponses },
      },
    },
    async (request) => officials.testPolicy(db, actorOf(request), request.params.id, request.body.definition),
  );
  app.get(
    '/api/policies/:id/preview',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'How many enterprises of my region the draft matches today, and which',
        params: IdParams,
        querystring: Type.Object(
          {
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema, ...errorResponses },
      },
    },
    async (request) => officials.previewPolicy(db, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/api/policies/:id/publish',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Publish the draft as the next version (its tests must pass); matching follows',
        params: IdParams,
        body: PublishBody,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) => {
      const result = await editing.publishPolicy(db, callerOf(request), request.params.id, request.body);
      onJobsQueued();
      return result;
    },
  );
  app.post(
    '/api/policies/:id/withdraw',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Withdraw a published policy from the library',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: PolicyAdminSchema, ...errorResponses },
      },
    },
    async (request) => {
      const result = await editing.withdrawPolicy(db, callerOf(request), request.params.id, request.body);
      onJobsQueued();
      return result;
    },
  );
  app.get(
    '/api/policies/:id/reach',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: 'Reach of a policy per region: matched, notified, read, confirmed, paid',
        params: IdParams,
        querystring: ReachQuery,
        response: { 200: ReachSchema, ...errorResponses },
      },
    },
    async (request) => benefits.policyReach(db, actorOf(request), request.params.id, request.query.region),
  );
  app.post(
    '/api/policies/:id/benefits/generate',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '免申即享: list the enterprises of my region that qualify now',
        params: IdParams,
        response: { 200: BenefitsListedSchema, ...errorResponses },
      },
    },
    async (request) => benefits.generateBenefitList(db, callerOf(request), request.params.id),
  );
  app.post(
    '/api/policies/:id/benefits/send',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '免申即享: send the listed enterprises a request to confirm (意愿确认)',
        params: IdParams,
        response: { 200: BenefitsSentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const result = await benefits.sendForConfirmation(db, callerOf(request), request.params.id);
      onJobsQueued();
      return result;
    },
  );
  app.get(
    '/api/policies/:id/benefits',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '免申即享: the list, with counts per status',
        params: IdParams,
        querystring: BenefitQuery,
        response: {
          200: Type.Object({
            ...Page(BenefitSchema).properties,
            counts: Type.Record(Type.String(), Type.Integer()),
            paidAmount: Type.Number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => benefits.listBenefits(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/policies/:id/benefits/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '免申即享: export the list as CSV or XLSX',
        params: IdParams,
        querystring: BenefitExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, status } = request.query;
      const lang = request.query.lang ?? requestLanguage(request);
      const actor = actorOf(request);
      // Checks access and the policy before the first byte is sent.
      await benefits.listBenefits(db, actor, request.params.id, { pageSize: 1 });
      const pages = benefits.streamBenefits(db, actor, request.params.id, status);
      return sendTableExport(reply, {
        format,
        fileName: `benefits-${request.params.id}-${today()}`,
        pages,
        columns: BENEFIT_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '兑现名单' : 'Benefits',
      });
    },
  );
  app.get(
    '/api/policies/:id/applications',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary:
          '需申报: the enterprises of my region that recorded an application, newest first, and their count',
        params: IdParams,
        querystring: ApplicationQuery,
        response: { 200: ApplicationPageSchema, ...errorResponses },
      },
    },
    async (request) => applications.listApplications(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/policies/:id/applications/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '需申报: export the applications of my region as CSV or XLSX',
        params: IdParams,
        querystring: ApplicationExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const lang = request.query.lang ?? requestLanguage(request);
      const actor = actorOf(request);
      // Checks access and the policy before the first byte is sent.
      await applications.listApplications(db, actor, request.params.id, { pageSize: 1 });
      const pages = applications.streamApplications(db, actor, request.params.id);
      return sendTableExport(reply, {
        format,
        fileName: `applications-${request.params.id}-${today()}`,
        pages,
        columns: APPLICATION_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '申报记录' : 'Applications',
      });
    },
  );
  app.post(
    '/api/benefits/:id/payout',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary: '免申即享: record the payout to a confirmed enterprise (audited)',
        params: IdParams,
        body: PayoutBody,
        response: {
          200: BenefitChangedSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await benefits.recordPayout(
        db,
        callerOf(request),
        request.params.id,
        request.body,
        today(),
      );
      onJobsQueued();
      return result;
    },
  );

  app.get(
    '/api/enterprises/:id/policies',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['policies'],
        summary:
          "An enterprise's policies (in my region): what it qualifies for and why, what it misses by one condition, what needs facts",
        params: IdParams,
        response: { 200: EnterprisePoliciesSchema, ...errorResponses },
      },
    },
    async (request) => enterprise.enterprisePoliciesForOfficial(db, actorOf(request), request.params.id),
  );

  // ---- enterprises ----
  app.get(
    '/api/my/policies',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['policies'],
        summary: 'My policies: what I qualify for and why, what I miss by one condition, what needs facts',
        response: { 200: MyPoliciesSchema, ...errorResponses },
      },
    },
    async (request) => enterprise.myPolicies(db, actorOf(request)),
  );
  app.get(
    '/api/my/policies/:id',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['policies'],
        summary: 'One policy evaluated for me (its notices are marked read)',
        params: IdParams,
        response: { 200: MyPolicyDetailSchema, ...errorResponses },
      },
    },
    async (request) => enterprise.myPolicy(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/my/policies/:id/applications',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['policies'],
        summary: '需申报: record that my enterprise applied for the current version of a policy (audited)',
        params: IdParams,
        body: ApplyBody,
        response: { 200: ApplicationRecordSchema, ...errorResponses },
      },
    },
    async (request) =>
      applications.applyForPolicy(db, callerOf(request), request.params.id, request.body, today()),
  );
  app.get(
    '/api/my/benefits',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['policies'],
        summary: 'My 免申即享 benefits: to confirm, confirmed, paid',
        response: { 200: Type.Array(MyBenefitSchema), ...errorResponses },
      },
    },
    async (request) => benefits.myBenefits(db, actorOf(request)),
  );
  app.post(
    '/api/my/benefits/:id/respond',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['policies'],
        summary: 'Confirm or decline a 免申即享 benefit',
        params: IdParams,
        body: RespondBody,
        response: {
          200: BenefitChangedSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => benefits.respondToBenefit(db, callerOf(request), request.params.id, request.body),
  );
  void Ok;
}
