import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../i18n/core.ts';
import { en } from '../i18n/en.ts';
import { ownershipLabel } from './ownership.ts';

const t = (key: MessageKey) => en[key];

describe('ownershipLabel', () => {
  it('translates a known stored type and shows free text as stored', () => {
    expect(ownershipLabel('私营', t)).toBe('Private (私营)');
    expect(ownershipLabel(' 国有 ', t)).toBe('State-owned (国有)');
    expect(ownershipLabel('民营控股', t)).toBe('民营控股');
  });
});
