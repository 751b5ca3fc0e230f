/**
 * Routes of the 2024 coordination mechanism's recommended list (issue 15): officials list, push, remove, follow
 * and export; the bank records its contact and decision; the enterprise sees its place on the lists.
 */
import Type from 'typebox';
import { DECLINE_REASONS, termName } from '../../../reference/financing.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  BankRecommendationListQuery,
  BankRecommendationListSchema,
  MyRecommendationsSchema,
  PushRecommendationBody,
  RecommendationBody,
  RecommendationContactBody,
  RecommendationDecisionBody,
  RecommendationExportQuery,
  RecommendationListQuery,
  RecommendationListSchema,
  RecommendationParams,
  RecommendationSchema,
  RemoveRecommendationBody,
} from '../../../shared/api/financing-recommendations.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import * as recommendations from './financing.recommendations.ts';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const BANK = { roles: ['bank'] } as const;
const OFFICIALS = { roles: ['official', 'admin'] } as const;
const tags = ['financing'];
const today = () => todayInChina();

type View = recommendations.RecommendationView;

const STATE_NAMES: Record<View['state'], { zh: string; en: string }> = {
  listed: { zh: '已列入', en: 'Listed' },
  pushed: { zh: '已推送', en: 'Pushed' },
  contacted: { zh: '已对接', en: 'Contacted' },
  decided: { zh: '已决定', en: 'Decided' },
  removed: { zh: '已移出', en: 'Removed' },
};
const OUTCOME_NAMES: Record<NonNullable<View['outcome']>, { zh: string; en: string }> = {
  granted: { zh: '授信', en: 'Granted' },
  declined: { zh: '未获批', en: 'Declined' },
  no_need: { zh: '暂无需求', en: 'No need' },
};
const day = (iso: string | null) => (iso === null ? '' : todayInChina(new Date(iso)));

const COLUMNS: ExportColumn<View>[] = [
  { key: 'year', zh: '清单年度', en: 'Year', value: (r) => r.listYear },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36, value: (r) => r.enterpriseName },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'need_amount', zh: '融资需求（万元）', en: 'Need (10k yuan)', value: (r) => r.needAmount ?? '' },
  { key: 'listed_on', zh: '列入日期', en: 'Listed', value: (r) => day(r.listedAt) },
  { key: 'state', zh: '状态', en: 'State', value: (r, lang) => STATE_NAMES[r.state][lang] },
  { key: 'bank', zh: '推送银行', en: 'Bank', width: 30, value: (r) => r.institutionName ?? '' },
  { key: 'pushed_on', zh: '推送日期', en: 'Pushed', value: (r) => r.pushedOn ?? '' },
  { key: 'decide_due', zh: '决定期限', en: 'Decide by', value: (r) => r.decideDue ?? '' },
  { key: 'contacted_on', zh: '对接日期', en: 'Contacted', value: (r) => day(r.contactedAt) },
  {
    key: 'outcome',
    zh: '结果',
    en: 'Outcome',
    value: (r, lang) => (r.outcome === null ? '' : OUTCOME_NAMES[r.outcome][lang]),
  },
  {
    key: 'granted_amount',
    zh: '授信金额（万元）',
    en: 'Granted (10k yuan)',
    value: (r) => r.grantedAmount ?? '',
  },
  {
    key: 'decline_reason',
    zh: '未获批原因',
    en: 'Decline reason',
    width: 36,
    value: (r, lang) =>
      r.declineReason === null
        ? ''
        : `${termName(DECLINE_REASONS, r.declineReason)[lang]}：${r.declineText ?? ''}`,
  },
  {
    key: 'late',
    zh: '超期未决定',
    en: 'Late',
    value: (r, lang) => (r.late ? (lang === 'zh' ? '是' : 'yes') : ''),
  },
  {
    key: 'removed_reason',
    zh: '移出原因',
    en: 'Removed because',
    width: 36,
    value: (r) => r.removedReason ?? '',
  },
  { key: 'note', zh: '备注', en: 'Note', width: 36, value: (r) => r.note ?? '' },
];

/** Registers the recommended list's routes. */
export function recommendationsRoutes(app: App, { db }: ModuleDeps): void {
  // ---- officials ----
  app.get(
    '/api/financing/recommendations',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'The coordination mechanism’s recommended list of my region, with what it tracks (contact rate, late decisions)',
        querystring: RecommendationListQuery,
        response: { 200: RecommendationListSchema, ...errorResponses },
      },
    },
    async (request) => recommendations.listRecommendations(db, callerOf(request), request.query, today()),
  );
  app.get(
    '/api/financing/recommendations/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export the recommended list of my region (CSV or XLSX)',
        querystring: RecommendationExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const lang = asked ?? requestLanguage(request);
      const caller = callerOf(request);
      // Checked before the reply starts: a region outside the official's scope is a 403, not a broken file.
      resolveRegionScope(actorOf(request), query.region);
      async function* pages() {
        for (let page = 1; ; page++) {
          const { items } = await recommendations.officialRecommendationsPage(
            db,
            caller,
            { ...query, page, pageSize: 200 },
            today(),
          );
          if (items.length === 0) return;
          yield items;
          if (items.length < 200) return;
        }
      }
      return sendTableExport(reply, {
        format,
        fileName: `financing-recommendations-${today()}`,
        pages: pages(),
        columns: COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '融资协调推荐清单' : 'Recommended list',
      });
    },
  );
  app.post(
    '/api/financing/recommendations',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Put an enterprise on a year’s recommended list (all five tests of the mechanism met)',
        body: RecommendationBody,
        response: { 200: RecommendationSchema, ...errorResponses },
      },
    },
    async (request) => recommendations.addRecommendation(db, callerOf(request), request.body, today()),
  );
  app.post(
    '/api/financing/recommendations/:enterpriseId/:id/push',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Push a listed enterprise to a bank serving its region (again to another before contact)',
        params: RecommendationParams,
        body: PushRecommendationBody,
        response: { 200: RecommendationSchema, ...errorResponses },
      },
    },
    async (request) =>
      recommendations.pushRecommendation(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        request.body,
        today(),
      ),
  );
  app.post(
    '/api/financing/recommendations/:enterpriseId/:id/remove',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Take an enterprise off the list, with the reason (before the bank’s contact)',
        params: RecommendationParams,
        body: RemoveRecommendationBody,
        response: { 200: RecommendationSchema, ...errorResponses },
      },
    },
    async (request) =>
      recommendations.removeRecommendation(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        request.body,
        today(),
      ),
  );

  // ---- the bank ----
  app.get(
    '/api/bank/financing/recommendations',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Enterprises of the recommended list pushed to my bank',
        querystring: BankRecommendationListQuery,
        response: { 200: BankRecommendationListSchema, ...errorResponses },
      },
    },
    async (request) => recommendations.bankRecommendations(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/bank/financing/recommendations/:enterpriseId/:id/contact',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Record that my bank contacted the enterprise',
        params: RecommendationParams,
        body: RecommendationContactBody,
        response: { 200: RecommendationSchema, ...errorResponses },
      },
    },
    async (request) =>
      recommendations.contactRecommendation(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        request.body,
        today(),
      ),
  );
  app.post(
    '/api/bank/financing/recommendations/:enterpriseId/:id/decision',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Record my bank’s decision: granted (amount), declined (reason) or no need',
        params: RecommendationParams,
        body: RecommendationDecisionBody,
        response: { 200: RecommendationSchema, ...errorResponses },
      },
    },
    async (request) =>
      recommendations.decideRecommendation(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        request.body,
        today(),
      ),
  );

  // ---- the enterprise ----
  app.get(
    '/api/my/financing/recommendations',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Whether I am on the coordination mechanism’s list, which bank has me, and the outcome',
        response: { 200: MyRecommendationsSchema, ...errorResponses },
      },
    },
    async (request) => recommendations.myRecommendations(db, callerOf(request), today()),
  );
}
