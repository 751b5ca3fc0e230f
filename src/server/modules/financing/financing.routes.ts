/**
 * Routes of financing matchmaking (issue 15): banks' products, board, pickups and answers, performance; the
 * enterprise's product browsing, demands, timeline, referral and ratings; the officials' desk; the dated figures.
 */
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  BankDemandParams,
  BankPerformanceSchema,
  BoardQuery,
  BoardSchema,
  DemandBody,
  DemandDetailSchema,
  DemandListQuery,
  DemandListSchema,
  DemandResponseParams,
  DeskQuery,
  DeskSchema,
  FinancingSettingsSchema,
  MyProductsQuery,
  MyProductsSchema,
  ProductBody,
  ProductListQuery,
  ProductListSchema,
  ProductSchema,
  PutFinancingSettingBody,
  PutProductBody,
  RateBody,
  ResponseActionBody,
  ServingBanksQuery,
  ServingBanksSchema,
  VersionBody,
} from '../../../shared/api/financing.ts';
import { todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import * as demands from './financing.demands.ts';
import { desk } from './financing.desk.ts';
import * as products from './financing.products.ts';
import * as responses from './financing.responses.ts';
import { listFinancingSettings, putFinancingSetting } from './financing.settings.ts';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const BANK = { roles: ['bank'] } as const;
const OFFICIALS = { roles: ['official', 'admin'] } as const;
const tags = ['financing'];
const today = () => todayInChina();

/** Registers the financing routes. */
export function financingRoutes(app: App, { db }: ModuleDeps): void {
  // ---- banks: products ----
  app.get(
    '/api/bank/financing/products',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: "My institution's loan products",
        querystring: ProductListQuery,
        response: { 200: ProductListSchema, ...errorResponses },
      },
    },
    async (request) => products.bankProducts(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/bank/financing/products',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Publish a loan product (who qualifies in the policy rule language)',
        body: ProductBody,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) => products.createProduct(db, callerOf(request), request.body, today()),
  );
  app.get(
    '/api/bank/financing/products/:id',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'One of my products',
        params: IdParams,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) => products.bankProduct(db, callerOf(request), request.params.id, today()),
  );
  app.put(
    '/api/bank/financing/products/:id',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Change my product at the version I read',
        params: IdParams,
        body: PutProductBody,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) =>
      products.changeProduct(db, callerOf(request), request.params.id, request.body, today()),
  );
  app.post(
    '/api/bank/financing/products/:id/withdraw',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Withdraw my product',
        params: IdParams,
        body: VersionBody,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) =>
      products.withdrawProduct(db, callerOf(request), request.params.id, request.body.version, today()),
  );

  // ---- banks: demands ----
  app.get(
    '/api/bank/financing/demands',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'The demand board: available demands in my regions, or the ones I picked up',
        querystring: BoardQuery,
        response: { 200: BoardSchema, ...errorResponses },
      },
    },
    async (request) => responses.board(db, callerOf(request), request.query, today()),
  );
  app.get(
    '/api/bank/financing/demands/:enterpriseId/:demandId',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'A demand I work on or may pick up (anonymised until the enterprise shows its profile)',
        params: BankDemandParams,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      responses.bankDemand(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.demandId,
        today(),
      ),
  );
  app.post(
    '/api/bank/financing/demands/:enterpriseId/:demandId/pickup',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Pick a demand up (an exclusive one: the first bank wins)',
        params: BankDemandParams,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      responses.pickUp(db, callerOf(request), request.params.enterpriseId, request.params.demandId, today()),
  );
  app.post(
    '/api/bank/financing/demands/:enterpriseId/:demandId/actions',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Contacted, visited, granted, declined, disbursed or released',
        params: BankDemandParams,
        body: ResponseActionBody,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      responses.actOnDemand(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.demandId,
        request.body,
        today(),
      ),
  );
  app.get(
    '/api/bank/financing/performance',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'My institution’s figures',
        response: { 200: BankPerformanceSchema, ...errorResponses },
      },
    },
    async (request) => responses.performance(db, callerOf(request), today()),
  );

  // ---- the enterprise ----
  app.get(
    '/api/my/financing/products',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Products serving my region, each with whether I qualify and why',
        querystring: MyProductsQuery,
        response: { 200: MyProductsSchema, ...errorResponses },
      },
    },
    async (request) => products.myProducts(db, callerOf(request), request.query, today()),
  );
  app.get(
    '/api/my/financing/demands',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My financing demands',
        querystring: DemandListQuery,
        response: { 200: DemandListSchema, ...errorResponses },
      },
    },
    async (request) => demands.myDemands(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/my/financing/demands',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Post a financing demand, or apply to a product',
        body: DemandBody,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) => demands.postDemand(db, callerOf(request), request.body, today()),
  );
  app.get(
    '/api/my/financing/demands/:id',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My demand with each bank’s answer, the timeline and the products it fits',
        params: IdParams,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) => demands.myDemand(db, callerOf(request), request.params.id, today()),
  );
  app.post(
    '/api/my/financing/demands/:id/withdraw',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Withdraw my demand',
        params: IdParams,
        body: VersionBody,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      demands.withdrawDemand(db, callerOf(request), request.params.id, request.body.version, today()),
  );
  app.post(
    '/api/my/financing/demands/:id/refer',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Declined: agree to be referred to other banks',
        params: IdParams,
        body: VersionBody,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      demands.referDemand(db, callerOf(request), request.params.id, request.body.version, today()),
  );
  app.post(
    '/api/my/financing/demands/:id/responses/:responseId/show-profile',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Let this bank see who I am',
        params: DemandResponseParams,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      demands.showProfile(db, callerOf(request), request.params.id, request.params.responseId, today()),
  );
  app.post(
    '/api/my/financing/demands/:id/responses/:responseId/rating',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Rate this bank',
        params: DemandResponseParams,
        body: RateBody,
        response: { 200: DemandDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      demands.rateResponse(
        db,
        callerOf(request),
        request.params.id,
        request.params.responseId,
        request.body,
        today(),
      ),
  );

  // ---- officials ----
  app.get(
    '/api/financing/desk',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The financing desk: demands waiting, escalated, and answers past their deadlines',
        querystring: DeskQuery,
        response: { 200: DeskSchema, ...errorResponses },
      },
    },
    async (request) => desk(db, callerOf(request), request.query, today()),
  );

  app.get(
    '/api/financing/banks',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The banks whose published products serve a region of mine',
        querystring: ServingBanksQuery,
        response: { 200: ServingBanksSchema, ...errorResponses },
      },
    },
    async (request) => products.banksServing(db, callerOf(request), request.query.region),
  );

  // ---- the dated figures ----
  app.get(
    '/api/financing/settings',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The dated figures of financing, each with its basis',
        response: { 200: FinancingSettingsSchema, ...errorResponses },
      },
    },
    async () => listFinancingSettings(db),
  );
  app.put(
    '/api/financing/settings',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Add a dated figure (admins: any; officials: their region’s pickup period)',
        body: PutFinancingSettingBody,
        response: { 200: FinancingSettingsSchema, ...errorResponses },
      },
    },
    async (request) => putFinancingSetting(db, callerOf(request), request.body),
  );
}
