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
});
