/**
 * The way of an application (issue 18; docs/reference/cultivation.md §6.2): who may do what at which stage, and
 * where it goes. Pure. The county (or the city over it) checks first and returns, recommends or rejects; the
 * province reviews and approves (innovative and 专精特新) or recommends to the ministry (little giants), whose
 * national review approves; an approved application goes on public notice for the province's days; when they are
 * over and no objection stands the province announces it and the recognition is granted for 3 years. A returned
 * application stops its stage's clock until the enterprise resubmits it. A recognition may be revoked with reasons.
 */
import { findRegion } from '../../../reference/regions.ts';
import type { Stage, TierCode } from './cultivation.table.ts';

/** The level of the reviewer an action needs: a county or city official, the province's, or the ministry (admin). */
export type ReviewLevel = 'county' | 'province' | 'national';

export type ReviewAction = 'return' | 'recommend' | 'approve' | 'reject' | 'announce' | 'revoke';

/** An action allowed at a stage: the level it needs, where it goes, and whether a comment is required. */
export interface StageMove {
  level: ReviewLevel;
  to: Stage;
  needsComment: boolean;
}

/** What each review action does at each stage for a tier (undefined: not allowed there). */
export function moveOf(stage: Stage, action: ReviewAction, tier: TierCode): StageMove | undefined {
  switch (stage) {
    case 'county_review':
      if (action === 'return') return { level: 'county', to: 'returned', needsComment: true };
      if (action === 'recommend') return { level: 'county', to: 'province_review', needsComment: false };
      if (action === 'reject') return { level: 'county', to: 'rejected', needsComment: true };
      return undefined;
    case 'province_review':
      if (action === 'return') return { level: 'province', to: 'returned', needsComment: true };
      if (action === 'reject') return { level: 'province', to: 'rejected', needsComment: true };
      if (tier === 'little_giant')
        return action === 'recommend'
          ? { level: 'province', to: 'national_review', needsComment: false }
          : undefined;
      return action === 'approve' ? { level: 'province', to: 'notice', needsComment: false } : undefined;
    case 'national_review':
      if (action === 'return') return { level: 'national', to: 'returned', needsComment: true };
      if (action === 'reject') return { level: 'national', to: 'rejected', needsComment: true };
      if (action === 'approve') return { level: 'national', to: 'notice', needsComment: false };
      return undefined;
    case 'notice':
      // After the notice: announced, or rejected on an objection upheld. The decider of the tier acts.
      if (action === 'announce')
        return {
          level: tier === 'little_giant' ? 'national' : 'province',
          to: 'recognised',
          needsComment: false,
        };
      if (action === 'reject')
        return {
          level: tier === 'little_giant' ? 'national' : 'province',
          to: 'rejected',
          needsComment: true,
        };
      return undefined;
    case 'recognised':
      if (action === 'revoke')
        return {
          level: tier === 'little_giant' ? 'national' : 'province',
          to: 'revoked',
          needsComment: true,
        };
      return undefined;
    default:
      return undefined;
  }
}

/** The actions a stage offers at a level (for the page's buttons). */
export function actionsAt(stage: Stage, tier: TierCode, level: ReviewLevel): ReviewAction[] {
  const all: ReviewAction[] = ['return', 'recommend', 'approve', 'reject', 'announce', 'revoke'];
  return all.filter((action) => moveOf(stage, action, tier)?.level === level);
}

/** The stages whose clock runs (a due date applies). */
export const TIMED_STAGES: readonly Stage[] = ['county_review', 'province_review', 'national_review'];

/** Stages an application is still open in (the enterprise may withdraw it). */
export const WITHDRAWABLE: readonly Stage[] = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
];

/** The level of a reviewer: admin is the ministry; an official's by the level of their region. */
export function reviewerLevel(
  role: string,
  regionLevel: 'province' | 'city' | 'county' | null,
): ReviewLevel | null {
  if (role === 'admin') return 'national';
  if (role !== 'official' || regionLevel === null) return null;
  return regionLevel === 'province' ? 'province' : 'county';
}

/** An actor's review level (county, province, ministry) from its role and region, or null when it reviews nothing. */
export function levelOf(actor: { role: string; regionCode: string | null }): ReviewLevel | null {
  const region = actor.regionCode ? findRegion(actor.regionCode) : undefined;
  return reviewerLevel(actor.role, region ? (region.level as 'province' | 'city' | 'county') : null);
}
