import { describe, expect, it } from 'vitest';
import type { User } from '../../api/client.ts';
import type { MessageKey } from '../../i18n/core.ts';
import { organizationText, scopeText } from './userScope.ts';

const t = (key: MessageKey) => (key === 'common.empty' ? '—' : key);

function user(changes: Partial<User>): User {
  return {
    id: 1,
    username: 'someone',
    displayName: 'Someone',
    role: 'payer',
    enterpriseId: null,
    enterpriseName: null,
    institutionId: null,
    institutionName: null,
    organizationUscc: null,
    organizationName: null,
    regionCode: null,
    regionName: null,
    departmentCode: null,
    locale: 'zh-CN',
    isActive: true,
    isDemo: false,
    lockedUntil: null,
    lastLoginAt: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...changes,
  };
}

describe('a user’s scope as shown to admins', () => {
  it('names a payer’s organisation with its credit code', () => {
    const payer = user({ organizationName: '（演示）某县直机关', organizationUscc: '11320583MB0000001H' });
    expect(scopeText(payer, t, (code) => code)).toBe('（演示）某县直机关（11320583MB0000001H）');
  });

  it('names a buyer’s buying body with its credit code', () => {
    const buyer = user({
      role: 'buyer',
      organizationName: '（演示）昆山市某局',
      organizationUscc: '11320583MB0000002F',
    });
    expect(scopeText(buyer, t, (code) => code)).toBe('（演示）昆山市某局（11320583MB0000002F）');
  });

  it('falls back to whichever of name and code is known, then to a dash', () => {
    expect(organizationText({ organizationName: null, organizationUscc: '11320583MB0000001H' })).toBe(
      '11320583MB0000001H',
    );
    expect(organizationText({ organizationName: '某局', organizationUscc: null })).toBe('某局');
    expect(scopeText(user({}), t, (code) => code)).toBe('—');
  });

  it('leaves the other roles as they were', () => {
    expect(scopeText(user({ role: 'enterprise', enterpriseName: '青禾纺织' }), t, (c) => c)).toBe('青禾纺织');
    expect(scopeText(user({ role: 'auditor', organizationName: 'x' }), t, (c) => c)).toBe('—');
  });
});
