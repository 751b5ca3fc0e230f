/**
 * Routes of keeping a recognition (issue 18; docs/reference/cultivation.md §6.1, §9): the enterprise's material-change
 * reports and annual update; the officials' lists of changes and recognitions (paged, exported), their decisions
 * and the province's day for the annual-update reminders.
 */
import type { FastifyRequest } from 'fastify';
import Type, { type Static, type TSchema } from 'typebox';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  ChangeParams,
  ChangeSchema,
  ChangesExportQuery,
  ChangesPageSchema,
  ChangesQuery,
  DecideChangeBody,
  MyChangesSchema,
  RecognitionsExportQuery,
  RecognitionsPageSchema,
  RecognitionsQuery,
  ReportChangeBody,
  UpdateDayBody,
  UpdateDayParams,
  UpdateDaySchema,
} from '../../../shared/api/cultivation-changes.ts';
import { todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { KIND_NAMES } from './cultivation.changes.rules.ts';
import {
  acceptChange,
  allChanges,
  allRecognitions,
  getUpdateDay,
  listChanges,
  listRecognitions,
  myChanges,
  reportChange,
  revokeOverChange,
  setUpdateDay,
} from './cultivation.changes.ts';
import { CULTIVATION_TIERS } from './cultivation.standards.ts';

const ENTERPRISES = { roles: ['enterprise'] } as const;
const REVIEWERS = { roles: ['official', 'admin'] } as const;
const tags = ['cultivation'];

type Change = Awaited<ReturnType<typeof listChanges>>['items'][number];
type Recognition = Awaited<ReturnType<typeof listRecognitions>>['items'][number];

const tierName = (code: string, lang: 'zh' | 'en') => {
  const tier = CULTIVATION_TIERS.find((t) => t.code === code);
  return tier ? tier[lang] : code;
};
const CHANGE_STATES = {
  open: { zh: '待报告', en: 'to report' },
  reported: { zh: '已报告待处理', en: 'reported, awaiting decision' },
  accepted: { zh: '已受理', en: 'accepted' },
  revoked: { zh: '认定已撤销', en: 'recognition revoked' },
};
const RECOGNITION_STATES = {
  valid: { zh: '有效', en: 'valid' },
  flagged: { zh: '已标记', en: 'flagged' },
  expired: { zh: '已到期', en: 'expired' },
  revoked: { zh: '已撤销', en: 'revoked' },
};
const yesNo = (value: boolean, lang: 'zh' | 'en') =>
  value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';

const CHANGE_COLUMNS: ExportColumn<Change>[] = [
  { key: 'enterprise', zh: '企业名称', en: 'Enterprise', width: 30, value: (r) => r.enterpriseName },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 20, value: (r) => r.uscc },
  { key: 'tier', zh: '认定梯度', en: 'Tier', width: 20, value: (r, l) => tierName(r.tier, l) },
  { key: 'kind', zh: '变更类型', en: 'Kind', width: 14, value: (r, l) => KIND_NAMES[r.kind][l] },
  { key: 'state', zh: '状态', en: 'State', width: 14, value: (r, l) => CHANGE_STATES[r.state][l] },
  {
    key: 'source',
    zh: '来源',
    en: 'Source',
    width: 12,
    value: (r, l) =>
      r.detected ? (l === 'zh' ? '系统发现' : 'found in the registry') : l === 'zh' ? '企业报告' : 'reported',
  },
  { key: 'changedOn', zh: '变更日期', en: 'Changed on', width: 12, value: (r) => r.changedOn ?? '' },
  { key: 'dueOn', zh: '报告截止日', en: 'Due by', width: 12, value: (r) => r.dueOn },
  { key: 'overdue', zh: '逾期未报告', en: 'Overdue', width: 10, value: (r, l) => yesNo(r.overdue, l) },
  {
    key: 'old',
    zh: '原名称/原地区',
    en: 'Before',
    width: 30,
    value: (r) => (r.oldName && r.kind === 'rename' ? r.oldName : (r.oldRegionName ?? '')),
  },
  {
    key: 'new',
    zh: '新名称/迁入地/重组方',
    en: 'After',
    width: 30,
    value: (r) => r.newName ?? r.newRegionName ?? r.party ?? '',
  },
  { key: 'description', zh: '情况说明', en: 'Description', width: 40, value: (r) => r.description ?? '' },
  { key: 'flaggedOn', zh: '标记日期', en: 'Flagged on', width: 12, value: (r) => r.flaggedOn ?? '' },
  { key: 'decision', zh: '处理意见', en: 'Decision', width: 30, value: (r) => r.decisionComment ?? '' },
];

const RECOGNITION_COLUMNS: ExportColumn<Recognition>[] = [
  { key: 'enterprise', zh: '企业名称', en: 'Enterprise', width: 30, value: (r) => r.enterpriseName },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 20, value: (r) => r.uscc },
  { key: 'tier', zh: '认定梯度', en: 'Tier', width: 20, value: (r, l) => tierName(r.tier, l) },
  { key: 'region', zh: '认定地区', en: 'Region', width: 24, value: (r) => r.regionName },
  { key: 'validFrom', zh: '有效期起', en: 'Valid from', width: 12, value: (r) => r.validFrom ?? '' },
  { key: 'validTo', zh: '有效期至', en: 'Valid to', width: 12, value: (r) => r.validTo ?? '' },
  { key: 'state', zh: '状态', en: 'State', width: 10, value: (r, l) => RECOGNITION_STATES[r.state][l] },
  { key: 'flaggedOn', zh: '标记日期', en: 'Flagged on', width: 12, value: (r) => r.flaggedOn ?? '' },
  {
    key: 'flagReason',
    zh: '标记原因',
    en: 'Why flagged',
    width: 40,
    value: (r, l) => r.flagReason?.[l] ?? '',
  },
  { key: 'pending', zh: '待处理变更', en: 'Pending changes', width: 10, value: (r) => r.pendingChanges },
  {
    key: 'updateDone',
    zh: '本年度数据已更新',
    en: "This year's update done",
    width: 12,
    value: (r, l) => yesNo(r.updateDone, l),
  },
  { key: 'updatedOn', zh: '最近更新日期', en: 'Last updated', width: 12, value: (r) => r.updatedOn ?? '' },
];

/** An officials' export of a filtered list (CSV or XLSX, in the asked or the request's language). */
function exportRoute<Q extends TSchema, T>(
  app: App,
  route: {
    path: string;
    summary: string;
    querystring: Q;
    file: string;
    sheet: { zh: string; en: string };
    columns: ExportColumn<T>[];
    pages: (request: FastifyRequest, filters: Omit<Static<Q>, 'format' | 'lang'>) => AsyncIterable<T[]>;
  },
): void {
  app.get(
    route.path,
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary: route.summary,
        querystring: route.querystring,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const {
        format,
        lang: asked,
        ...filters
      } = request.query as Static<Q> & {
        format: 'csv' | 'xlsx';
        lang?: 'zh' | 'en';
      };
      const lang: 'zh' | 'en' = asked ?? requestLanguage(request);
      return sendTableExport(reply, {
        format,
        fileName: `${route.file}-${todayInChina()}`,
        pages: route.pages(request, filters as Omit<Static<Q>, 'format' | 'lang'>),
        columns: route.columns,
        lang,
        sheetName: route.sheet[lang],
      });
    },
  );
}
/** Registers the routes of keeping a recognition. */
export function cultivationChangeRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/my/cultivation/changes',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'My recognitions as kept (valid, flagged, expired), my material-change reports and their decisions, and whether this year’s data update is done',
        response: { 200: MyChangesSchema, ...errorResponses },
      },
    },
    async (request) => myChanges(db, callerOf(request)),
  );
  app.post(
    '/api/my/cultivation/changes',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'Report a material change (new name, merger, move to another province) against each of my recognitions in force (audited)',
        body: ReportChangeBody,
        response: {
          200: Type.Object({ items: Type.Array(ChangeSchema), late: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) => reportChange(db, callerOf(request), request.body),
  );

  app.get(
    '/api/cultivation/changes',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Material changes of recognitions of my region (and moves into it), to report or to decide, paged',
        querystring: ChangesQuery,
        response: { 200: ChangesPageSchema, ...errorResponses },
      },
    },
    async (request) => listChanges(db, callerOf(request), request.query),
  );
  exportRoute(app, {
    path: '/api/cultivation/changes/export',
    summary: 'Export the material changes of the filter as CSV or XLSX',
    querystring: ChangesExportQuery,
    file: 'cultivation-changes',
    sheet: { zh: '重大变更', en: 'Material changes' },
    columns: CHANGE_COLUMNS,
    pages: (request, filters) => allChanges(db, callerOf(request), filters),
  });
  app.get(
    '/api/cultivation/recognitions',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Recognitions of my region as kept: valid, flagged (with why and since when), expired, revoked; this year’s data update; paged',
        querystring: RecognitionsQuery,
        response: { 200: RecognitionsPageSchema, ...errorResponses },
      },
    },
    async (request) => listRecognitions(db, callerOf(request), request.query),
  );
  exportRoute(app, {
    path: '/api/cultivation/recognitions/export',
    summary: 'Export the recognitions of the filter as CSV or XLSX',
    querystring: RecognitionsExportQuery,
    file: 'cultivation-recognitions',
    sheet: { zh: '认定名册', en: 'Recognitions' },
    columns: RECOGNITION_COLUMNS,
    pages: (request, filters) => allRecognitions(db, callerOf(request), filters),
  });
  app.post(
    '/api/cultivation/changes/:enterpriseId/:id/accept',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary: 'Accept a reported material change (the recognising authority; the flag cleared; audited)',
        params: ChangeParams,
        body: DecideChangeBody,
        response: { 200: ChangeSchema, ...errorResponses },
      },
    },
    async (request) =>
      acceptChange(db, callerOf(request), request.params.enterpriseId, request.params.id, request.body),
  );
  app.post(
    '/api/cultivation/changes/:enterpriseId/:id/revoke',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Revoke the recognition over a material change, with reasons (the recognising authority; audited)',
        params: ChangeParams,
        body: DecideChangeBody,
        response: { 200: ChangeSchema, ...errorResponses },
      },
    },
    async (request) =>
      revokeOverChange(db, callerOf(request), request.params.enterpriseId, request.params.id, request.body),
  );
  app.get(
    '/api/cultivation/update-days/:provinceCode',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'The day in the year a province’s annual-update reminders start (its own, or Huiqi’s default)',
        params: UpdateDayParams,
        response: { 200: UpdateDaySchema, ...errorResponses },
      },
    },
    async (request) => getUpdateDay(db, callerOf(request), request.params.provinceCode),
  );
  app.put(
    '/api/cultivation/update-days/:provinceCode',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Set the day in the year a province’s annual-update reminders start (its provincial officials; audited)',
        params: UpdateDayParams,
        body: UpdateDayBody,
        response: { 200: UpdateDaySchema, ...errorResponses },
      },
    },
    async (request) =>
      setUpdateDay(db, callerOf(request), request.params.provinceCode, request.body.remindOn),
  );
}
