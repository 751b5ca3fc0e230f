/** Routes of a province's cultivation settings (issue 18). */
import { errorResponses } from '../../../shared/api/common.ts';
import {
  SettingsBody,
  SettingsParams,
  SettingsQuery,
  SettingsSchema,
  TierSettingsSchema,
} from '../../../shared/api/cultivation.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { getSettings, putSettings } from './cultivation.settings.ts';

const tags = ['cultivation'];
const OFFICIALS = { roles: ['official', 'admin'] } as const;

/** Registers the settings' routes. */
export function cultivationSettingsRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  app.get(
    '/api/cultivation/settings',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          "A province's settings of each tier for a year: quota, window, notice and review days, 特色化 indicators",
        querystring: SettingsQuery,
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request) => getSettings(db, callerOf(request), request.query),
  );
  app.put(
    '/api/cultivation/settings/:provinceCode/:tier/:year',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: "Set a tier's settings of a year for my province (on the version read)",
        params: SettingsParams,
        body: SettingsBody,
        response: { 200: TierSettingsSchema, ...errorResponses },
      },
    },
    async (request) => putSettings(db, callerOf(request), request.params, request.body),
  );
}
