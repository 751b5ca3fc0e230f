/**
 * Routes of government procurement for SMEs (issue 17, measure 8). The public calculators, no account needed:
 * what a project requires under the rules in force on its announcement date, the price evaluation of one item's
 * bids, and the dated rules both apply (src/reference/procurement.ts; docs/reference/procurement.md).
 */

import Type from 'typebox';
import {
  BID_ROLES,
  BIDDER_SIZES,
  EXEMPTIONS,
  evaluateBids,
  PROCUREMENT_DOCUMENTS,
  PROCUREMENT_KINDS,
  PROCUREMENT_RULES,
  PROCUREMENT_RULES_START,
  projectRequirement,
  RESERVATION_WAYS,
} from '../../../reference/procurement.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  AwardBody,
  AwardCorrectBody,
  AwardListQuery,
  AwardListSchema,
  AwardSchema,
  AwardWithdrawBody,
  AwardWithdrawnSchema,
  BodyBody,
  BodyListQuery,
  BodyListSchema,
  BodySchema,
  BodyUpdateBody,
  DeclarationBody,
  DeclarationCheckBody,
  DeclarationCheckSchema,
  EvaluationBody,
  EvaluationSchema,
  IdParams,
  ProcurementRulesSchema,
  ProjectBody,
  ProjectListQuery,
  ProjectListSchema,
  ProjectSchema,
  ProjectUpdateBody,
  RecheckBody,
  RecheckListQuery,
  RecheckListSchema,
  RecheckSchema,
  RequirementBody,
  RequirementSchema,
  SharesExportQuery,
  SharesQuery,
  SharesSchema,
  SupplierParams,
  SupplierSchema,
  VersionBody,
} from '../../../shared/api/procurement.ts';
import { callerOf } from '../../http/auth.ts';
import { AppError, requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { findEnterpriseSizeByUscc } from '../registry/index.ts';
import {
  type AwardDraft,
  awardDraftProblems,
  checkedDeclaration,
  correctAward,
  correctionDraftProblems,
  declarationProblems,
  getAward,
  listAwards,
  recordAward,
  usccProblem,
  withdrawAward,
} from './procurement.awards.ts';
import { createBody, listBodies, updateBody } from './procurement.bodies.ts';
import { validDraft, withServiceProblems } from './procurement.input.ts';
import { ocdsRoutes } from './procurement.ocds.routes.ts';
import {
  applying,
  cancelProject,
  createProject,
  getProject,
  listProjects,
  updateProject,
} from './procurement.plan.ts';
import { listRechecks, queueRecheck, recheckStatus } from './procurement.recheck.ts';
import { reportRoutes } from './procurement.reports.routes.ts';
import { regionShares } from './procurement.shares.ts';
import { getSupplier } from './procurement.suppliers.ts';

const SUPERVISORS = { roles: ['official', 'admin'] } as const;

type BodyShare = Awaited<ReturnType<typeof regionShares>>['bodies']['items'][number];
const yes = (v: boolean, lang: 'zh' | 'en') =>
  v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
/** The shares export's columns: money in yuan and shares in per cent as numbers (XLSX number cells). */
const SHARE_COLUMNS: ExportColumn<BodyShare>[] = [
  { key: 'body', zh: '采购单位', en: 'Buying body', width: 30, value: (b) => b.bodyName },
  { key: 'region', zh: '地区代码', en: 'Region code', value: (b) => b.regionCode },
  { key: 'projects', zh: '项目数', en: 'Projects', value: (b) => b.projects, numFmt: '0' },
  {
    key: 'suited_projects',
    zh: '其中适宜中小企业的项目数',
    en: 'Of which suited to SMEs',
    value: (b) => b.suitedProjects,
    numFmt: '0',
  },
  {
    key: 'suited',
    zh: '适宜中小企业的预算（元）',
    en: 'Budget suited to SMEs (yuan)',
    value: (b) => b.suitedBudget,
    numFmt: '#,##0.00',
  },
  { key: 'reserved', zh: '预留（元）', en: 'Reserved (yuan)', value: (b) => b.reserved, numFmt: '#,##0.00' },
  {
    key: 'reserved_share',
    zh: '预留比例（%）',
    en: 'Reserved share (%)',
    value: (b) => b.reservedShare ?? '',
    numFmt: '0.00',
  },
  { key: 'contracts', zh: '合同数', en: 'Contracts', value: (b) => b.contracts, numFmt: '0' },
  {
    key: 'awarded_suited',
    zh: '适宜项目授予（元）',
    en: 'Awarded in suited projects (yuan)',
    value: (b) => b.awardedSuited,
    numFmt: '#,##0.00',
  },
  {
    key: 'awarded_sme',
    zh: '授予中小企业（元）',
    en: 'To SMEs (yuan)',
    value: (b) => b.awardedSme,
    numFmt: '#,##0.00',
  },
  {
    key: 'awarded_share',
    zh: '中小企业份额（%）',
    en: 'SME share (%)',
    value: (b) => b.awardedShare ?? '',
    numFmt: '0.00',
  },
  {
    key: 'small_micro_share',
    zh: '其中小微企业（%）',
    en: 'Of which small and micro (%)',
    value: (b) => b.awardedSmallMicroShare ?? '',
    numFmt: '0.00',
  },
  { key: 'meets_sme', zh: '达到30%', en: 'Meets 30%', value: (b, lang) => yes(b.meetsSme, lang) },
  {
    key: 'meets_small_micro',
    zh: '达到60%',
    en: 'Meets 60%',
    value: (b, lang) => yes(b.meetsSmallMicro, lang),
  },
  { key: 'grade', zh: '等级', en: 'Grade', value: (b) => b.grade ?? '' },
  {
    key: 'flagged_awards',
    zh: '其中声明函有疑点的成交数',
    en: 'Of which awards with flagged declarations',
    value: (b) => b.flagged.awards,
    numFmt: '0',
  },
  {
    key: 'flagged_sme',
    zh: '授予中小企业金额中依据有疑点声明函的部分（元）',
    en: 'Of the SME amount, resting on flagged declarations (yuan)',
    value: (b) => b.flagged.smeAmount,
    numFmt: '#,##0.00',
  },
  {
    key: 'flagged_small_micro',
    zh: '授予小微企业金额中依据有疑点声明函的部分（元）',
    en: 'Of the small/micro amount, resting on flagged declarations (yuan)',
    value: (b) => b.flagged.smallMicroAmount,
    numFmt: '#,##0.00',
  },
];
const BUYERS = { roles: ['buyer'] } as const;
const READERS = { roles: ['buyer', 'official', 'admin'] } as const;
/** Supplier look-ups one client may make a minute (as the registry's look-up). */
const SUPPLIER_LOOKUPS_PER_MINUTE = 60;

const tags = ['procurement'];

/** An award's body as far as it passes its schema (see procurement.input.ts). */
const awardDraft = (body: unknown): AwardDraft =>
  validDraft(AwardBody, body, 'declarations', DeclarationBody, 100) as AwardDraft;

/** Registers the procurement routes. */
export function procurementRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  ocdsRoutes(app, deps);
  reportRoutes(app, deps);
  app.post(
    '/api/public/procurement/requirement',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'What a project must reserve for SMEs, or the price deductions it must apply, under the rules in force on its announcement date',
        body: RequirementBody,
        response: { 200: RequirementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const requirement = applying(() => projectRequirement(request.body));
      return {
        ...requirement,
        documents: [...requirement.documents],
        provisions: [...requirement.provisions],
      };
    },
  );
  app.post(
    '/api/public/procurement/evaluate',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Price evaluation of one item’s bids: each bid’s deduction and evaluated price, the ranking and the provisions applied',
        body: EvaluationBody,
        response: { 200: EvaluationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const evaluation = applying(() => evaluateBids(request.body));
      return {
        ...evaluation,
        documents: [...evaluation.documents],
        bids: [...evaluation.bids],
        ranking: [...evaluation.ranking],
        provisions: [...evaluation.provisions],
      };
    },
  );
  app.get(
    '/api/public/procurement/rules',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The dated rules the calculators apply, each figure with its document and how sure it is',
        response: { 200: ProcurementRulesSchema, ...errorResponses },
      },
    },
    async () => ({
      documents: PROCUREMENT_DOCUMENTS.map((d) => ({ ...d })),
      start: PROCUREMENT_RULES_START,
      versions: PROCUREMENT_RULES.map((v) => ({ ...v, documents: [...v.documents] })),
      kinds: PROCUREMENT_KINDS.map((t) => ({ ...t })),
      sizes: BIDDER_SIZES.map((t) => ({ ...t })),
      roles: BID_ROLES.map((t) => ({ ...t })),
      exemptions: EXEMPTIONS.map((t) => ({ ...t })),
      reservationWays: RESERVATION_WAYS.map((t) => ({ ...t })),
    }),
  );

  // ---- buying bodies (supervising officials) ----
  app.get(
    '/api/procurement/bodies',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'Buying bodies of my region, with their buyers’ accounts',
        querystring: BodyListQuery,
        response: { 200: BodyListSchema, ...errorResponses },
      },
    },
    async (request) => listBodies(db, callerOf(request), request.query),
  );
  app.post(
    '/api/procurement/bodies',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'Register a buying body of my region',
        body: BodyBody,
        response: { 200: BodySchema, ...errorResponses },
      },
    },
    async (request) => createBody(db, callerOf(request), request.body),
  );
  app.put(
    '/api/procurement/bodies/:id',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'Change a buying body of my region',
        params: IdParams,
        body: BodyUpdateBody,
        response: { 200: BodySchema, ...errorResponses },
      },
    },
    async (request) => updateBody(db, callerOf(request), request.params.id, request.body),
  );

  // ---- the year plan (buyers write their body's; officials read their region's) ----
  app.get(
    '/api/procurement/projects',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Projects of my body’s plan (a buyer) or of my region’s bodies (an official)',
        querystring: ProjectListQuery,
        response: { 200: ProjectListSchema, ...errorResponses },
      },
    },
    async (request) => listProjects(db, callerOf(request), request.query),
  );
  app.post(
    '/api/procurement/projects',
    {
      config: { access: BUYERS },
      schema: {
        tags,
        summary: 'Add a project to my body’s plan: what the rules require is computed with it',
        body: ProjectBody,
        response: { 200: ProjectSchema, ...errorResponses },
      },
    },
    async (request) => createProject(db, callerOf(request), request.body),
  );
  app.get(
    '/api/procurement/projects/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'A project with its requirement and shortfalls',
        params: IdParams,
        response: { 200: ProjectSchema, ...errorResponses },
      },
    },
    async (request) => getProject(db, callerOf(request), request.params.id),
  );
  app.put(
    '/api/procurement/projects/:id',
    {
      config: { access: BUYERS },
      schema: {
        tags,
        summary: 'Change a project of my body’s plan',
        params: IdParams,
        body: ProjectUpdateBody,
        response: { 200: ProjectSchema, ...errorResponses },
      },
    },
    async (request) => updateProject(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/procurement/projects/:id/cancel',
    {
      config: { access: BUYERS },
      schema: {
        tags,
        summary: 'Cancel a project without awards',
        params: IdParams,
        body: VersionBody,
        response: { 200: ProjectSchema, ...errorResponses },
      },
    },
    async (request) => cancelProject(db, callerOf(request), request.params.id, request.body.version),
  );

  // ---- results ----
  app.post(
    '/api/procurement/projects/:id/awards',
    {
      config: { access: BUYERS },
      // A body failing its schema is checked by the service too: every problem is told at once.
      attachValidation: true,
      schema: {
        tags,
        summary:
          'Record an award of a project with the winner’s declarations, checked (every problem told at once)',
        params: IdParams,
        body: AwardBody,
        response: { 200: AwardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      if (request.validationError)
        throw await withServiceProblems(request.validationError, () =>
          awardDraftProblems(db, caller, request.params.id, awardDraft(request.body)),
        );
      return recordAward(db, caller, request.params.id, request.body);
    },
  );
  app.get(
    '/api/procurement/awards',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary:
          'Awards of my body (a buyer) or of my region’s bodies (an official); flagged declarations first to find',
        querystring: AwardListQuery,
        response: { 200: AwardListSchema, ...errorResponses },
      },
    },
    async (request) => listAwards(db, callerOf(request), request.query),
  );
  app.get(
    '/api/procurement/awards/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'An award with its declarations and their checks',
        params: IdParams,
        response: { 200: AwardSchema, ...errorResponses },
      },
    },
    async (request) => getAward(db, callerOf(request), request.params.id),
  );
  app.get(
    '/api/procurement/suppliers/:uscc',
    {
      config: {
        access: READERS,
        // One code at a time, as the registry's own look-up: a way to fill a form, not to walk the registry.
        rateLimit: { max: SUPPLIER_LOOKUPS_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary:
          "A supplier's registered name and size class by its USCC, to fill the award form (404 when the registry does not know it)",
        params: SupplierParams,
        response: { 200: SupplierSchema, ...errorResponses },
      },
    },
    async (request) => getSupplier(db, request.params.uscc),
  );
  app.put(
    '/api/procurement/awards/:id',
    {
      config: { access: BUYERS },
      // As recording: a body failing its schema is checked by the service too, every problem told at once.
      attachValidation: true,
      schema: {
        tags,
        summary:
          'Correct an award of my body (amount, winner, size, role, declarations checked again) on the version read, saying why (audited with what changed)',
        params: IdParams,
        body: AwardCorrectBody,
        response: { 200: AwardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      if (request.validationError)
        throw await withServiceProblems(request.validationError, () =>
          correctionDraftProblems(db, caller, request.params.id, {
            ...validDraft(AwardCorrectBody, request.body, 'declarations', DeclarationBody, 100),
          } as AwardDraft & { reason?: string }),
        );
      return correctAward(db, caller, request.params.id, request.body);
    },
  );
  app.post(
    '/api/procurement/awards/:id/withdraw',
    {
      config: { access: BUYERS },
      schema: {
        tags,
        summary: 'Withdraw an award of my body recorded in error, saying why (audited)',
        params: IdParams,
        body: AwardWithdrawBody,
        response: { 200: AwardWithdrawnSchema, ...errorResponses },
      },
    },
    async (request) => withdrawAward(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/procurement/declarations/check',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Check a 声明函 item against the size standard and, for a registered supplier, the registry',
        body: DeclarationCheckBody,
        response: { 200: DeclarationCheckSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { declaration, supplierUscc } = request.body;
      const errors = [
        ...usccProblem('supplierUscc', supplierUscc),
        ...declarationProblems(declaration, 'declaration.', null),
      ];
      if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
      const registered = supplierUscc ? await findEnterpriseSizeByUscc(db, supplierUscc) : undefined;
      const enterpriseId = registered ? Number(registered.id) : null;
      const check = await checkedDeclaration(db, declaration, enterpriseId, 'declaration.');
      return {
        ...check,
        enterpriseId,
        findings: check.findings.map((f) => ({ code: f.code, detail: f.detail })),
      };
    },
  );

  app.post(
    '/api/procurement/declarations/recheck',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary:
          'Check my region’s declarations of a year again against the registry as it is now (a background job)',
        body: RecheckBody,
        response: { 200: RecheckSchema, ...errorResponses },
      },
    },
    async (request) => queueRecheck(db, callerOf(request), request.body),
  );
  app.get(
    '/api/procurement/declarations/recheck',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary:
          'The latest rechecks of my region’s declarations (of a year), newest first, with their results',
        querystring: RecheckListQuery,
        response: { 200: RecheckListSchema, ...errorResponses },
      },
    },
    async (request) => listRechecks(db, callerOf(request), request.query),
  );
  app.get(
    '/api/procurement/declarations/recheck/:id',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'A recheck and its progress',
        params: IdParams,
        response: { 200: RecheckSchema, ...errorResponses },
      },
    },
    async (request) => recheckStatus(db, callerOf(request), request.params.id),
  );

  // ---- supervision ----
  app.get(
    '/api/procurement/shares',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'Each buying body’s SME and small/micro shares of a year against 30% and 60%, by region',
        querystring: SharesQuery,
        response: { 200: SharesSchema, ...errorResponses },
      },
    },
    async (request) => regionShares(db, callerOf(request), request.query),
  );
  app.get(
    '/api/procurement/shares/export',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'Each buying body’s shares of a year as CSV or XLSX',
        querystring: SharesExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const lang = asked ?? requestLanguage(request);
      const first = await regionShares(db, callerOf(request), { ...query, page: 1, pageSize: 1 });
      return sendTableExport(reply, {
        format,
        fileName: `procurement-shares-${query.year}-${first.regionCode || 'national'}`,
        pages: (async function* () {
          const pageSize = 200;
          for (let page = 1; ; page++) {
            const { bodies } = await regionShares(db, callerOf(request), { ...query, page, pageSize });
            if (bodies.items.length > 0) yield bodies.items;
            if (page * pageSize >= bodies.total) return;
          }
        })(),
        columns: SHARE_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '中小企业份额' : 'SME shares',
      });
    },
  );
}
