/**
 * Common ownership types as the registry stores them (in Chinese, like its data) with their message keys; the
 * field is free text, so another value is shown as it is.
 */
import type { MessageKey } from '../i18n/core.ts';

export const OWNERSHIP_TYPES = [
  ['私营', 'ownership.private'],
  ['国有', 'ownership.state'],
  ['集体', 'ownership.collective'],
  ['股份制', 'ownership.shareholding'],
  ['外商投资', 'ownership.foreign'],
  ['港澳台投资', 'ownership.hkMacaoTaiwan'],
  ['个体', 'ownership.individual'],
] as const satisfies readonly (readonly [string, MessageKey])[];

const KEYS = new Map<string, MessageKey>(OWNERSHIP_TYPES);

/** A stored ownership type in the reader's language (a known type translated, free text as stored). */
export function ownershipLabel(value: string, t: (key: MessageKey) => string): string {
  const key = KEYS.get(value.trim());
  return key ? t(key) : value;
}
