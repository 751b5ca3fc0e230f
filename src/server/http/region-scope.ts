/**
 * The region subtree a request looks at, checked once for every module (issue 13): the region asked for, if it lies
 * in the actor's scope, or else the actor's own. Officials see their subtree; admins and auditors see everything.
 */
import { findRegion, regionScopePrefix } from '../../reference/regions.ts';
import type { Actor } from './auth.ts';
import { AppError } from './errors.ts';

/** A resolved region scope: the region code (null = the whole country) and its GB/T 2260 code prefix. */
export interface RegionScope {
  code: string | null;
  prefix: string;
}

// Never a prefix of a region code: an official without a region sees nothing (the users table forbids one anyway).
const NOTHING = '\u0000';

/**
 * Resolves the region a request asks for (a query or body `field`) within the actor's scope: 400
 * VALIDATION_FAILED when it is not a GB/T 2260 code, 403 OUT_OF_SCOPE naming the field when it lies outside the
 * official's subtree. Without one, the official's own region, or the whole country for anyone else.
 */
export function resolveRegionScope(
  actor: Actor,
  requested: string | undefined,
  field = 'region',
): RegionScope {
  const own: RegionScope =
    actor.role === 'official'
      ? { code: actor.regionCode, prefix: actor.regionPrefix ?? NOTHING }
      : { code: null, prefix: '' };
  if (requested === undefined || requested === '') return own;
  if (!findRegion(requested))
    throw AppError.field(field, { zh: '不是有效的行政区划代码', en: 'is not a GB/T 2260 region code' });
  if (!requested.startsWith(own.prefix))
    throw new AppError('OUT_OF_SCOPE', [
      { field, message: { zh: '不在您的管辖范围内', en: 'is outside your scope' } },
    ]);
  return { code: requested, prefix: regionScopePrefix(requested) };
}
