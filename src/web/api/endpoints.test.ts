/** The client's route map: every path it names is a route of the API, and a path picks its types. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { generateOpenApi } from '../../cli/main.ts';
import { api, type CaseDetail, type CasePage, get, type PolicyAdmin, pathOf, post } from './client.ts';

const MAP_INTERFACES = {
  GetRoutes: 'get',
  PostRoutes: 'post',
  PutRoutes: 'put',
  PatchRoutes: 'patch',
} as const;

/** The `'/api/…'` keys of each method's interface in endpoints.ts. */
function mappedRoutes(): { method: string; path: string }[] {
  const text = readFileSync(path.join(import.meta.dirname, 'endpoints.ts'), 'utf8');
  const routes: { method: string; path: string }[] = [];
  for (const [name, method] of Object.entries(MAP_INTERFACES)) {
    const block = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? '';
    for (const [, key = ''] of block.matchAll(/^ {2}'(\/api\/[^']*)':/gm)) routes.push({ method, path: key });
  }
  return routes;
}

describe('the route map', () => {
  it('names only routes the API has, with their methods (the OpenAPI document)', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = mappedRoutes();
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter(
      (route) => !document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method],
    );
    expect(missing).toEqual([]);
  });

  it('fills a path with its parameters, encoded', () => {
    expect(
      pathOf('/api/cases/:id/supervisions/:supervisionId/acknowledge', { id: 7, supervisionId: 3 }),
    ).toBe('/api/cases/7/supervisions/3/acknowledge');
    expect(pathOf('/api/uscc/:code', { code: 'A B/1' })).toBe('/api/uscc/A%20B%2F1');
    expect(pathOf('/api/cases')).toBe('/api/cases');
  });

  it('refuses a path whose parameter has no value', () => {
    expect(() => pathOf('/api/cases/:id', {})).toThrow(':id');
  });

  it('types a call by its path (checked by tsc)', () => {
    expectTypeOf(api.case).returns.toEqualTypeOf<Promise<CaseDetail>>();
    expectTypeOf(api.caseQueue).returns.toEqualTypeOf<Promise<CasePage>>();
    expectTypeOf(api.policy).returns.toEqualTypeOf<Promise<PolicyAdmin>>();
    expectTypeOf(get<'/api/cases/:id'>).returns.toEqualTypeOf<Promise<CaseDetail>>();
    // Never called: only what tsc says of each line matters.
    const unchecked = () => {
      // @ts-expect-error a path parameter is required
      void get('/api/cases/:id');
      // @ts-expect-error the parameter is named by the path
      void get('/api/cases/:id', { params: { caseId: 1 } });
      // @ts-expect-error a route's body is typed by its schema
      void post('/api/cases/:id/actions', { params: { id: 1 }, body: { action: 'fly' } });
      // @ts-expect-error no such route
      void get('/api/nowhere');
    };
    expect(typeof unchecked).toBe('function');
  });
});
