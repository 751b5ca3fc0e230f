/**
 * Routes of the credit evaluation (issue 14, measure 4): scorecards for officials (national or provincial draft,
 * compare and publish; every official, admin and auditor reads), the features' vocabulary, and scores explained —
 * an enterprise's own, and any enterprise's for officials in scope.
 */
import Type from 'typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  CheckScorecardBody,
  CheckScorecardResultSchema,
  CompareQuery,
  ComparisonSchema,
  DraftScorecardBody,
  FeaturesSchema,
  ScorecardSchema,
  ScoreExplanationSchema,
} from '../../../shared/api/credit-scoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import { type Actor, actorOf, assertInRegion, callerOf, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { findUserDisplays } from '../accounts/index.ts';
import { findEnterpriseBasics } from '../registry/index.ts';
import { FEATURE_COMPUTATIONS } from './credit.features.ts';
import { checkScorecard, SCORECARD_FEATURES, type ScorecardModel } from './credit.scorecard.rules.ts';
import * as scorecards from './credit.scorecards.ts';
import { type ScoreExplanation, scoreEnterprise } from './credit.scoring.ts';

const READERS = { roles: ['official', 'admin', 'auditor'] } as const;
const EDITORS = { roles: ['official', 'admin'] } as const;
const TAGS = ['credit'];

const explanationDto = (e: ScoreExplanation) => ({ ...e, items: e.explained });

/**
 * Registers the routes. `onJobsQueued`: a publication queued the full scoring (wakes the job runner); `today`: the
 * day scores are computed on (China's today; a test's clock).
 */
export function creditScoringRoutes(
  app: App,
  { db }: ModuleDeps,
  options: { onJobsQueued?: () => void; today?: () => string } = {},
): void {
  const today = options.today ?? todayInChina;
  const withNames = async (rows: scorecards.ScorecardView[]) => {
    const names = await findUserDisplays(
      db,
      rows.flatMap((r) => [r.createdBy, r.approvedBy]),
    );
    return rows.map((r) => ({
      ...r,
      createdByName: r.createdBy === null ? null : (names.get(r.createdBy)?.displayName ?? null),
      approvedByName: r.approvedBy === null ? null : (names.get(r.approvedBy)?.displayName ?? null),
    }));
  };
  const one = async (row: scorecards.ScorecardView) =>
    (await withNames([row]))[0] as Awaited<ReturnType<typeof withNames>>[number];

  app.get(
    '/api/credit/features',
    {
      config: { access: READERS },
      schema: {
        tags: TAGS,
        summary: 'The features a scorecard may use, with how each is computed',
        response: { 200: FeaturesSchema, ...errorResponses },
      },
    },
    async () => ({
      items: SCORECARD_FEATURES.map((f) => ({
        id: f.id,
        nameZh: f.nameZh,
        nameEn: f.nameEn,
        source: f.source,
        kind: f.kind,
        unit: f.unit ?? null,
        values: f.values ? [...f.values] : null,
        basis: FEATURE_COMPUTATIONS[f.id]?.basis ?? { zh: '', en: '' },
      })),
    }),
  );

  app.get(
    '/api/credit/scorecards',
    {
      config: { access: READERS },
      schema: {
        tags: TAGS,
        summary: 'Every scorecard, newest version first, with its problems',
        response: { 200: Type.Object({ items: Type.Array(ScorecardSchema) }), ...errorResponses },
      },
    },
    async () => ({ items: await withNames(await scorecards.listScorecards(db)) }),
  );

  app.get(
    '/api/credit/scorecards/:id',
    {
      config: { access: READERS },
      schema: {
        tags: TAGS,
        summary: 'A scorecard with its problems',
        params: IdParams,
        response: { 200: ScorecardSchema, ...errorResponses },
      },
    },
    async (request) => one(await scorecards.getScorecard(db, request.params.id)),
  );

  app.post(
    '/api/credit/scorecards',
    {
      config: { access: EDITORS },
      schema: {
        tags: TAGS,
        summary:
          'Draft a scorecard (national or provincial officials, admins); problems are returned, not refused',
        body: DraftScorecardBody,
        response: { 201: ScorecardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await scorecards.createDraft(
        db,
        { ...request.body, model: request.body.model as ScorecardModel },
        callerOf(request),
      );
      return reply.code(201).send(await one(row));
    },
  );

  app.put(
    '/api/credit/scorecards/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: TAGS,
        summary: 'Change a draft',
        params: IdParams,
        body: DraftScorecardBody,
        response: { 200: ScorecardSchema, ...errorResponses },
      },
    },
    async (request) =>
      one(
        await scorecards.updateDraft(
          db,
          request.params.id,
          { ...request.body, model: request.body.model as ScorecardModel },
          callerOf(request),
        ),
      ),
  );

  app.post(
    '/api/credit/scorecards/check',
    {
      config: { access: EDITORS },
      schema: {
        tags: TAGS,
        summary: "A model's problems, each with its path (nothing stored)",
        body: CheckScorecardBody,
        response: { 200: CheckScorecardResultSchema, ...errorResponses },
      },
    },
    async (request) => ({ problems: checkScorecard(request.body.model as ScorecardModel) }),
  );

  app.get(
    '/api/credit/scorecards/:id/compare',
    {
      config: { access: EDITORS },
      schema: {
        tags: TAGS,
        summary:
          'Grades of every enterprise under this scorecard beside the published one (computed, not stored)',
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: ComparisonSchema, ...errorResponses },
      },
    },
    async (request) =>
      scorecards.compareScorecard(
        db,
        request.params.id,
        request.query.day ?? today(),
        request.query.regionPrefix ?? null,
        callerOf(request),
      ),
  );

  app.post(
    '/api/credit/scorecards/:id/publish',
    {
      config: { access: EDITORS },
      schema: {
        tags: TAGS,
        summary: 'Publish a draft from today: the previous one retired, every enterprise rescored',
        params: IdParams,
        response: { 200: ScorecardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const published = await scorecards.publishScorecard(db, request.params.id, today(), callerOf(request));
      options.onJobsQueued?.();
      return one(published);
    },
  );

  app.get(
    '/api/my/credit/score',
    {
      config: { access: { roles: ['enterprise'] } },
      schema: {
        tags: TAGS,
        summary:
          "The enterprise's own credit score, computed now, with each feature's points and the data behind it",
        response: { 200: ScoreExplanationSchema, ...errorResponses },
      },
    },
    async (request) =>
      explanationDto(await scoreEnterprise(db, requireEnterprise(actorOf(request)), today())),
  );

  app.get(
    '/api/enterprises/:id/credit-score',
    {
      config: { access: { roles: ['official', 'admin', 'auditor'] } },
      schema: {
        tags: TAGS,
        summary: "An enterprise's credit score explained (officials of its region)",
        params: IdParams,
        response: { 200: ScoreExplanationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor: Actor = actorOf(request);
      const basics = await findEnterpriseBasics(db, request.params.id);
      if (!basics) throw new AppError('NOT_FOUND');
      assertInRegion(actor, basics.region_code);
      return explanationDto(await scoreEnterprise(db, request.params.id, today()));
    },
  );
}
