/** The committed OpenAPI document is exactly what the route schemas generate (CI fails on drift). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../src/cli/main.ts';

describe('OpenAPI document', () => {
  it('matches openapi.json; run `npm run openapi` after changing a route', async () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../openapi.json'), 'utf8');
    expect(await generateOpenApi()).toBe(committed);
  });

  it('documents every API route with its error shape', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toMatch(/^3\./);
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
});
