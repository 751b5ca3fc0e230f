/** What each role sees first, and the public overview. */

import type { Kysely } from 'kysely';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { Home, PublicOverview } from '../../../shared/api/home.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { countLockedUsers, countUsersByRole } from '../accounts/index.ts';
import { auditLogSummary } from '../audit/index.ts';
import { deadlineDigest, payerSummary } from '../cases/index.ts';
import { findInstitutionView } from '../institutions/index.ts';
import { buyerYear } from '../procurement/index.ts';
import { findRegionRow } from '../reference-data/index.ts';
import {
  countByChildRegion,
  countBySection,
  countEnterprises,
  findEnterpriseView,
  hasDemoEnterprises,
} from '../registry/index.ts';

/** Published figures for the public home page. */
export async function publicOverview(db: Kysely<Database>): Promise<PublicOverview> {
  const [enterpriseCount, byRegion, bySection, isDemo] = await Promise.all([
    countEnterprises(db, ''),
    countByChildRegion(db, null),
    countBySection(db, ''),
    hasDemoEnterprises(db),
  ]);
  return { enterpriseCount, byRegion, bySection, isDemo };
}

/** The home page of a signed-in user. */
export async function homeOf(db: Kysely<Database>, actor: Actor): Promise<Home> {
  switch (actor.role) {
    case 'enterprise': {
      const enterprise =
        actor.enterpriseId === null ? undefined : await findEnterpriseView(db, actor.enterpriseId);
      if (!enterprise) throw new AppError('NOT_FOUND');
      return { role: actor.role, enterprise };
    }
    case 'bank': {
      const institution =
        actor.institutionId === null ? undefined : await findInstitutionView(db, actor.institutionId);
      if (!institution) throw new AppError('NOT_FOUND');
      return { role: actor.role, institution };
    }
    case 'official': {
      const code = actor.regionCode ?? '';
      const prefix = actor.regionPrefix ?? '';
      const [regionRow, enterpriseCount, byChildRegion, bySection, cases] = await Promise.all([
        findRegionRow(db, code),
        countEnterprises(db, prefix),
        countByChildRegion(db, code),
        countBySection(db, prefix),
        deadlineDigest(db, actor),
      ]);
      return {
        role: actor.role,
        region: {
          code,
          fullName: regionRow?.fullName ?? code,
          fullNameEn: regionFullNameEn(code) || (regionRow?.fullName ?? code),
          enterpriseCount,
          byChildRegion,
          bySection,
          cases,
        },
      };
    }
    case 'admin': {
      const [usersByRole, lockedUsers, audit] = await Promise.all([
        countUsersByRole(db),
        countLockedUsers(db, new Date()),
        auditLogSummary(db),
      ]);
      return { role: actor.role, admin: { usersByRole, lockedUsers, auditEntries: audit.entries } };
    }
    case 'payer':
      return { role: actor.role, organization: await payerSummary(db, actor) };
    case 'buyer': {
      const year = Number(todayInChina().slice(0, 4));
      return { role: actor.role, buyingBody: await buyerYear(db, actor, year) };
    }
    case 'auditor': {
      const { entries, lastEntryAt } = await auditLogSummary(db);
      return { role: actor.role, audit: { entries, lastEntryAt: lastEntryAt?.toISOString() ?? null } };
    }
  }
}
