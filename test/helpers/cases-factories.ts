/**
 * Factories for the case engine's tests: the SME offices of a province, a city and a county, signed-in admins and
 * auditors, a signed-in enterprise, and a case brought to a state (style habit 18).
 */
import type { Session, TestApp } from './app.ts';
import {
  anActionOn,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type CaseReply,
  signIn,
} from './factories.ts';

/** Signed-in SME officials of a county, of its city and of its province: the offices that handle and supervise (ADR 0016). */
export async function anSmeOfficeLadder(
  t: TestApp,
  county = '320583',
): Promise<{ province: Session; city: Session; county: Session }> {
  const { db } = t.handle;
  const [provinceUser, cityUser, countyUser] = await Promise.all([
    anOfficial(db, { region: `${county.slice(0, 2)}0000`, department: 'sme' }),
    anOfficial(db, { region: `${county.slice(0, 4)}00`, department: 'sme' }),
    anOfficial(db, { region: county, department: 'sme' }),
  ]);
  const [province, city, countyOffice] = await Promise.all([
    signIn(t, provinceUser),
    signIn(t, cityUser),
    signIn(t, countyUser),
  ]);
  return { province, city, county: countyOffice };
}

/** A signed-in official of a region and department (the county's SME office unless told), named if told. */
export async function aSignedInOfficial(
  t: TestApp,
  options: { region?: string; department?: string; displayName?: string } = {},
): Promise<Session> {
  if (options.displayName === undefined) return signIn(t, await anOfficial(t.handle.db, options));
  const user = await aUser(t.handle.db, {
    role: 'official',
    regionCode: options.region ?? '320583',
    departmentCode: options.department ?? 'sme',
    displayName: options.displayName,
  });
  return signIn(t, user);
}

/** A signed-in administrator. */
export async function aSignedInAdmin(t: TestApp): Promise<Session> {
  return signIn(t, await aUser(t.handle.db, { role: 'admin' }));
}

/** A signed-in auditor. */
export async function aSignedInAuditor(t: TestApp): Promise<Session> {
  return signIn(t, await aUser(t.handle.db, { role: 'auditor' }));
}

/** A small enterprise of a region (12 employees, 8 million of revenue) and its signed-in user, named if told. */
export async function aSignedInEnterprise(
  t: TestApp,
  options: { region?: string; name?: string; displayName?: string } = {},
): Promise<{ id: number; uscc: string; name: string; regionCode: string; session: Session }> {
  const { db } = t.handle;
  const enterprise = await anEnterprise(db, {
    region: options.region ?? '320583',
    employees: 12,
    revenue: 800,
    ...(options.name !== undefined ? { name: options.name } : {}),
  });
  const user =
    options.displayName === undefined
      ? await anEnterpriseUser(db, enterprise)
      : await aUser(db, {
          role: 'enterprise',
          enterpriseId: enterprise.id,
          displayName: options.displayName,
          email: `${enterprise.uscc.toLowerCase()}@test.huiqi.invalid`,
        });
  return { ...enterprise, session: await signIn(t, user) };
}

/**
 * A case brought to a state by its handling office and its enterprise: `file` makes it (submitted), then it is
 * returned, merged into `mergeInto`, or accepted, assigned to the office, asked for information, replied to and
 * rated unsatisfied (closed) as far as `state` needs.
 */
export async function aCaseIn(
  t: TestApp,
  state: string,
  who: { office: Session; enterprise: Session; file: () => Promise<CaseReply>; mergeInto?: number },
): Promise<CaseReply> {
  let c = await who.file();
  if (state === 'submitted') return c;
  if (state === 'returned') return anActionOn(t, who.office, c, 'return', { note: '不属于受理范围' });
  if (state === 'merged') return anActionOn(t, who.office, c, 'merge', { mergeInto: who.mergeInto });
  c = await anActionOn(t, who.office, c, 'accept');
  if (state === 'accepted') return c;
  c = await anActionOn(t, who.office, c, 'assign', { assigneeId: who.office.userId });
  if (state === 'in_progress') return c;
  if (state === 'info_requested') return anActionOn(t, who.office, c, 'request_info', { note: '请补充合同' });
  c = await anActionOn(t, who.office, c, 'reply', { note: '已协调' });
  if (state === 'replied') return c;
  return anActionOn(t, who.enterprise, c, 'rate', { rating: 'unsatisfied' });
}
