import { describe, expect, it } from 'vitest';
import type { Actor } from './auth.ts';
import { AppError } from './errors.ts';
import { resolveRegionScope } from './region-scope.ts';

const base: Actor = {
  userId: 1,
  username: 'u',
  displayName: 'U',
  role: 'official',
  enterpriseId: null,
  institutionId: null,
  regionCode: '320500',
  regionPrefix: '3205',
  departmentCode: null,
  organizationUscc: null,
  locale: 'zh-CN',
};
const cityOfficial = base;
const admin: Actor = { ...base, role: 'admin', regionCode: null, regionPrefix: null };

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('resolveRegionScope', () => {
  it('gives an official their own region when none is asked for', () => {
    expect(resolveRegionScope(cityOfficial, undefined)).toEqual({ code: '320500', prefix: '3205' });
  });

  it('gives an admin the whole country when none is asked for', () => {
    expect(resolveRegionScope(admin, undefined)).toEqual({ code: null, prefix: '' });
  });

  it("narrows to a region inside the official's subtree", () => {
    expect(resolveRegionScope(cityOfficial, '320505')).toEqual({ code: '320505', prefix: '320505' });
  });

  it('lets an admin ask for any region', () => {
    expect(resolveRegionScope(admin, '110101')).toEqual({ code: '110101', prefix: '110101' });
  });

  it('answers a region outside the subtree with 403 OUT_OF_SCOPE naming the field', () => {
    const error = failure(() => resolveRegionScope(cityOfficial, '110101', 'regionCode'));
    expect([error.status, error.code, error.errors[0]?.field]).toEqual([403, 'OUT_OF_SCOPE', 'regionCode']);
  });

  it('answers a code that is no region with 400 VALIDATION_FAILED naming the field', () => {
    const error = failure(() => resolveRegionScope(admin, '999999'));
    expect([error.status, error.code, error.errors[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'region']);
  });
});
