/**
 * Admins' API of case routing rules (`/api/admin/case-routing-rules*`, src/server/modules/cases/cases.routes.ts):
 * the list (most specific first), adding a rule, and changing one with the `version` read (409 when someone
 * changed it meanwhile).
 */
import type { Static } from 'typebox';
import type { RoutingRuleBody, RoutingRuleSchema } from '../../shared/api/cases.ts';
import { get, post, put } from './client.ts';

/** A routing rule as the server returns it. */
export type RoutingRule = Static<typeof RoutingRuleSchema>;
/** The fields of a rule an admin sends (without the version). */
export type RoutingRuleInput = Omit<Static<typeof RoutingRuleBody>, 'version'>;

export const routingRulesApi = {
  list: (signal?: AbortSignal) => get('/api/admin/case-routing-rules', { signal }),
  create: (body: RoutingRuleInput) => post('/api/admin/case-routing-rules', { body }),
  /** Changes rule `id`; `version` is the one read with it. */
  update: (id: number, body: RoutingRuleInput, version: number) =>
    put('/api/admin/case-routing-rules/:id', { params: { id }, body: { ...body, version } }),
};
