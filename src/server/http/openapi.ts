/**
 * Named components of the OpenAPI document: each object schema exported by src/shared/api is listed once under
 * components.schemas by its export name, and the bodies and answers of routes (and other components) that use it
 * refer to it with `$ref` instead of repeating it; parameters stay inline (Swagger lists them one by one). Only the
 * document changes. The names are taken from the exports, by schema object, rather than set as `$id`s on the
 * schemas: an `$id` reaches validation and serialization too, and fast-json-stringify refuses an answer in which one
 * `$id` appears twice (an enterprise's policies list the same item schema in three arrays).
 */
import * as accounts from '../../shared/api/accounts.ts';
import * as attachments from '../../shared/api/attachments.ts';
import * as audit from '../../shared/api/audit.ts';
import * as cases from '../../shared/api/cases.ts';
import * as common from '../../shared/api/common.ts';
import * as home from '../../shared/api/home.ts';
import * as payments from '../../shared/api/payments.ts';
import * as policies from '../../shared/api/policies.ts';
import * as reference from '../../shared/api/reference.ts';
import * as registry from '../../shared/api/registry.ts';
import * as supervision from '../../shared/api/supervision.ts';
import type { Access } from './auth.ts';

const MODULES = [
  accounts,
  attachments,
  audit,
  cases,
  common,
  home,
  payments,
  policies,
  reference,
  registry,
  supervision,
];

/**
 * Every object schema exported by src/shared/api, by its export name without `Schema` (`CaseDetailSchema`:
 * CaseDetail), sorted by name: the order of a module's exports differs between Node and the test runner, and the
 * document must not. A schema exported under two names is named by the first.
 */
function sharedObjectSchemas(): Map<string, object> {
  const named = new Map<string, object>();
  for (const module of MODULES)
    for (const [exportName, value] of Object.entries(module)) {
      if (value === null || typeof value !== 'object' || (value as { type?: unknown }).type !== 'object')
        continue;
      const name = exportName.replace(/Schema$/, '');
      const known = named.get(name);
      if (known !== undefined && known !== value) throw new Error(`two shared schemas are named ${name}`);
      named.set(name, value);
    }
  return new Map([...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The named components, by name. */
const COMPONENTS = sharedObjectSchemas();

/** The name of each named schema object. */
const NAMES = new Map<object, string>();
for (const [name, schema] of COMPONENTS) if (!NAMES.has(schema)) NAMES.set(schema, name);

/**
 * A copy of a schema in which each named schema below the top (or at the top too, when `top` is false) is a `$ref`
 * to its component. A schema is named by identity: a derived copy (its properties spread into another object) is
 * another shape and stays inline.
 */
export function referToComponents(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.map((item) => referToComponents(item));
  if (node === null || typeof node !== 'object') return node;
  const name = NAMES.get(node);
  if (!top && name !== undefined) return { $ref: `#/components/schemas/${name}` };
  return Object.fromEntries(
    Object.entries(node)
      // An `$id` is no name of the document's (the schema is named here); swagger would not drop it everywhere.
      .filter(([key]) => !(top && key === '$id'))
      .map(([key, value]) => [key, referToComponents(value)]),
  );
}

/** A route's schema for the document: its body and answers refer to the components (parameters stay inline). */
export function referRouteToComponents<T>(schema: T): T {
  if (schema === null || typeof schema !== 'object') return schema;
  const { body, response, ...rest } = schema as { body?: unknown; response?: unknown };
  return {
    ...rest,
    ...(body === undefined ? {} : { body: referToComponents(body) }),
    ...(response === undefined ? {} : { response: referToComponents(response) }),
  } as T;
}

/** The document with only the components something refers to (a query's schema is named but never referred to). */
export function dropUnusedComponents<T extends { components?: { schemas?: Record<string, unknown> } }>(
  document: T,
): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const refsIn = (node: unknown) =>
    [...JSON.stringify(node).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    );
  const used = new Set(refsIn({ ...document, components: { ...document.components, schemas: {} } }));
  for (const name of used) for (const inner of refsIn(schemas[name])) used.add(inner);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}

/** The components.schemas of the document: each named shared schema, by its name. */
export function componentSchemas(): Record<string, object> {
  return Object.fromEntries(
    [...NAMES].map(([schema, name]) => [name, referToComponents(schema, true) as object]),
  );
}

/** A route as the document's transform sees it: its method(s), address and access declaration. */
interface DocumentedRoute {
  method: string | readonly string[];
  url: string;
  config?: { access?: Access } | undefined;
}

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The operation id of a route, from its method and address: `GET /api/cases/:id/handlers` is
 * `getCasesByIdHandlers`. Stable across releases as long as the address is, and unique because addresses are.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = segment.startsWith(':');
      const word = segment
        .replace(/^:/, '')
        .split(/[-_.]/)
        .filter(Boolean)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
      return param ? `By${word}` : word;
    });
  return method.toLowerCase() + words.join('');
}

/**
 * How a route is called, as the document's security requirement: a signed-in session (the `huiqi_sid` cookie),
 * and for a state-changing request its CSRF token (the `x-csrf-token` header) too; a public route may also be
 * called anonymously (`{}`). The roles a route admits go in `x-roles`.
 */
export function securityOf(
  method: string,
  access: Access | undefined,
): { security: Record<string, string[]>[]; 'x-roles'?: readonly string[] } {
  const signedIn: Record<string, string[]> = MUTATING_METHODS.has(method)
    ? { session: [], csrf: [] }
    : { session: [] };
  if (access === undefined || access === 'public') return { security: [{}, signedIn] };
  return { security: [signedIn], 'x-roles': access.roles };
}

/** A route's schema for the document: components referred to, an operation id, its security requirement. */
export function documentRoute<T>(schema: T, route: DocumentedRoute): T {
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) as string;
  const referred = referRouteToComponents(schema) as Record<string, unknown>;
  return {
    operationId: operationIdOf(method, route.url),
    ...securityOf(method, route.config?.access),
    ...referred,
  } as T;
}
