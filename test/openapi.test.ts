/**
 * The OpenAPI document generated from the route schemas (ADR 0033: generated, not committed): what `npm run openapi`
 * writes is what the server serves, and it is a sound document.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildCli, generateOpenApi } from '../src/cli/main.ts';
import { operationIdOf, securityOf } from '../src/server/http/openapi.ts';
import { createTestApp } from './helpers/app.ts';

describe('OpenAPI document', () => {
  it('is written by `huiqi openapi` as the server serves it at /api/openapi.json', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'huiqi-openapi-'));
    try {
      const out = path.join(dir, 'openapi.json');
      await buildCli().parseAsync(['node', 'huiqi', 'openapi', '--out', out]);
      const written = readFileSync(out, 'utf8');
      const t = await createTestApp();
      try {
        const served = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
        expect(served.statusCode).toBe(200);
        expect(served.json()).toEqual(JSON.parse(written));
      } finally {
        await t.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('documents every API route with its error shape', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/admin/users']?.post?.responses['400']).toBeDefined();
    expect(Object.keys(document.paths)).toContain('/api/audit/verify');
  });

  it('lists the named shared schemas once as components, and every $ref points at one', async () => {
    const text = await generateOpenApi();
    const document = JSON.parse(text) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'CaseDetail', 'EnterpriseDetail', 'PolicyAdmin', 'ClaimAssessment']),
    );
    expect(document.paths['/api/cases/{id}']?.get?.responses['200']).toEqual({
      description: 'Default Response',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDetail' } } },
    });
    const refs = [...text.matchAll(/"\$ref": "([^"]*)"/g)].map((match) => match[1]);
    expect(refs.length).toBeGreaterThan(500);
    const dangling = refs.filter(
      (ref) => !ref?.startsWith('#/components/schemas/') || !(ref.slice(21) in document.components.schemas),
    );
    expect(dangling).toEqual([]);
  });

  it("passes Redocly's recommended rules with no error and no warning (the linter integrators run)", async () => {
    const problems = await lintFromString({
      source: await generateOpenApi(),
      absoluteRef: 'openapi.json',
      config: await createConfig({ extends: ['recommended'] }),
    });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    ).toEqual([]);
  });

  it('names every operation, each name once', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((o) => o.operationId),
    );
    expect(ids.length).toBeGreaterThan(90);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/cases/{id}/handlers']?.get?.operationId).toBe('getCasesByIdHandlers');
  });

  it('declares how each operation is called: the session cookie, the CSRF header for a change, anonymous when public', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      components: { securitySchemes: Record<string, { in: string; name: string }> };
      paths: Record<string, Record<string, { security?: unknown; 'x-roles'?: string[] }>>;
    };
    expect(document.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'huiqi_sid' });
    expect(document.components.securitySchemes.csrf).toMatchObject({ in: 'header', name: 'x-csrf-token' });
    expect(document.paths['/api/admin/users']?.post).toMatchObject({
      security: [{ session: [], csrf: [] }],
      'x-roles': ['admin'],
    });
    expect(document.paths['/api/cases/{id}']?.get?.security).toEqual([{ session: [] }]);
    expect(document.paths['/api/public/policies']?.get?.security).toEqual([{}, { session: [] }]);
  });
});

describe('operation names and security requirements', () => {
  it.each([
    ['GET', '/api/cases/:id/handlers', 'getCasesByIdHandlers'],
    ['POST', '/api/my/cases/demands', 'postMyCasesDemands'],
    ['GET', '/api/registry/import-template', 'getRegistryImportTemplate'],
    [
      'POST',
      '/api/cases/:id/supervisions/:supervisionId/acknowledge',
      'postCasesByIdSupervisionsBySupervisionIdAcknowledge',
    ],
  ])('%s %s is %s', (method, url, id) => {
    expect(operationIdOf(method, url)).toBe(id);
  });

  it('asks a public change for the CSRF header only of a signed-in caller', () => {
    expect(securityOf('POST', 'public')).toEqual({ security: [{}, { session: [], csrf: [] }] });
    expect(securityOf('DELETE', { roles: ['official'] })).toEqual({
      security: [{ session: [], csrf: [] }],
      'x-roles': ['official'],
    });
  });
});
