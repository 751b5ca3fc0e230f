/**
 * The inbox over both kinds of notice: an enterprise's (read by all its users) and a user's own. Each lands in the
 * right inbox, and counts, the unread filter, paging and marking read work across the two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  type MadeUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { notify, notifyUsers } from './notifications.service.ts';

type Item = { id: string; kind: string; title: { zh: string }; readAt: string | null };
type InboxPage = { items: Item[]; total: number; unread: number; page: number; pageSize: number };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

async function inbox(session: Session, query = ''): Promise<InboxPage> {
  const response = await t.request('GET', `/api/my/notifications${query}`, { session });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** Notices to an enterprise. */
async function toEnterprise(enterpriseId: number, ...titles: string[]) {
  for (const title of titles)
    await t.handle.db
      .transaction()
      .execute((trx) =>
        notify(trx, [{ enterpriseId, kind: 'policy_match', title: { zh: title, en: title } }]),
      );
}

/** Notices to one user. */
async function toUser(user: MadeUser, ...titles: string[]) {
  for (const title of titles)
    await t.handle.db
      .transaction()
      .execute((trx) =>
        notifyUsers(trx, [{ userId: user.id, kind: 'case_reminder', title: { zh: title, en: title } }]),
      );
}

/** Who reads what in a world of its own. */
interface World {
  reader: Session;
  colleague: Session;
  official: Session;
  otherOfficial: Session;
}

/**
 * An enterprise with two users and two officials; the enterprise gets three notices, the first official one, the
 * reader one of its own — a minute apart in this order: 企业通知 1, 办理提醒 1, 企业通知 2, 个人通知, 企业通知 3.
 */
async function aWorld(): Promise<World> {
  const db = t.handle.db;
  const firm = await anEnterprise(db);
  const readerUser = await anEnterpriseUser(db, firm);
  const officialUser = await anOfficial(db);
  const notices: [string, () => Promise<void>][] = [
    ['企业通知 1', () => toEnterprise(firm.id, '企业通知 1')],
    ['办理提醒 1', () => toUser(officialUser, '办理提醒 1')],
    ['企业通知 2', () => toEnterprise(firm.id, '企业通知 2')],
    ['个人通知', () => toUser(readerUser, '个人通知')],
    ['企业通知 3', () => toEnterprise(firm.id, '企业通知 3')],
  ];
  for (const [i, [title, write]] of notices.entries()) {
    await write();
    // A minute apart, whatever the clock's resolution (titles repeat across worlds: the newest row of each).
    const at = new Date(Date.UTC(2026, 0, 5, 9, i));
    await db
      .updateTable('notifications')
      .set({ created_at: at })
      .where('title_zh', '=', title)
      .where('enterprise_id', '=', firm.id)
      .execute();
    await db
      .updateTable('user_notifications')
      .set({ created_at: at })
      .where('title_zh', '=', title)
      .where('user_id', 'in', [readerUser.id, officialUser.id])
      .execute();
  }
  return {
    reader: await signIn(t, readerUser),
    colleague: await signIn(t, await anEnterpriseUser(db, firm)),
    official: await signIn(t, officialUser),
    otherOfficial: await signIn(t, await anOfficial(db)),
  };
}

describe('an enterprise’s notice and a user’s notice', () => {
  let world: World;
  beforeAll(async () => {
    world = await aWorld();
  });

  it('shows an enterprise user its enterprise’s notices and its own, newest first', async () => {
    const page = await inbox(world.reader);
    expect(page.items.map((n) => n.title.zh)).toEqual(['企业通知 3', '个人通知', '企业通知 2', '企业通知 1']);
    expect({ total: page.total, unread: page.unread }).toEqual({ total: 4, unread: 4 });
  });

  it('shows the enterprise’s other users its notices but not the reader’s own', async () => {
    const page = await inbox(world.colleague);
    expect(page.items.map((n) => n.title.zh)).toEqual(['企业通知 3', '企业通知 2', '企业通知 1']);
  });

  it('shows an official only its own notices', async () => {
    expect((await inbox(world.official)).items.map((n) => n.title.zh)).toEqual(['办理提醒 1']);
    expect((await inbox(world.otherOfficial)).total).toBe(0);
  });

  it('gives every notice of an inbox an id of its own', async () => {
    const ids = (await inbox(world.reader)).items.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pages across both kinds in the same order', async () => {
    const pages = [
      await inbox(world.reader, '?pageSize=3&page=1'),
      await inbox(world.reader, '?pageSize=3&page=2'),
    ];
    expect(pages.map((p) => p.items.map((n) => n.title.zh))).toEqual([
      ['企业通知 3', '个人通知', '企业通知 2'],
      ['企业通知 1'],
    ]);
    expect(pages.map((p) => p.total)).toEqual([4, 4]);
  });

  it('refuses an id that names no kind of notice (400)', async () => {
    const marked = await t.request('POST', '/api/my/notifications/read', {
      session: world.official,
      body: { ids: ['12'] },
    });
    expect(marked.statusCode).toBe(400);
  });
});

describe('marking read across both kinds', () => {
  it('marks read a user’s notice and an enterprise’s notice by the ids the inbox gave', async () => {
    const { reader, colleague } = await aWorld();
    const before = await inbox(reader);
    const own = before.items.find((n) => n.title.zh === '个人通知') as Item;
    const firms = before.items.find((n) => n.title.zh === '企业通知 2') as Item;
    const marked = await t.request('POST', '/api/my/notifications/read', {
      session: reader,
      body: { ids: [own.id, firms.id] },
    });
    expect(marked.json()).toEqual({ updated: 2 });
    const unread = await inbox(reader, '?unread=true');
    expect(unread.items.map((n) => n.title.zh)).toEqual(['企业通知 3', '企业通知 1']);
    expect({ total: unread.total, unread: unread.unread }).toEqual({ total: 2, unread: 2 });
    // The enterprise's notice is read for its colleague too; the reader's own notice was never theirs.
    expect((await inbox(colleague)).unread).toBe(2);
  });

  it('changes nothing for an id of another reader’s notice', async () => {
    const { official, otherOfficial } = await aWorld();
    const theirs = (await inbox(official)).items[0] as Item;
    const marked = await t.request('POST', '/api/my/notifications/read', {
      session: otherOfficial,
      body: { ids: [theirs.id] },
    });
    expect(marked.json()).toEqual({ updated: 0 });
    expect((await inbox(official)).unread).toBe(1);
  });

  it('marks all read across both kinds, and only the reader’s', async () => {
    const { reader, official } = await aWorld();
    const marked = await t.request('POST', '/api/my/notifications/read', {
      session: reader,
      body: { all: true },
    });
    expect(marked.json()).toEqual({ updated: 4 });
    expect((await inbox(reader)).unread).toBe(0);
    expect((await inbox(official)).unread).toBe(1);
  });
});

describe('deliveries of both kinds', () => {
  it('sends a user’s notice and an enterprise’s notice by email with their own titles', async () => {
    const firm = await anEnterprise(t.handle.db);
    await anEnterpriseUser(t.handle.db, firm, { email: 'firm.inbox@test.huiqi.invalid' });
    const official = await anOfficial(t.handle.db);
    await t.handle.db
      .updateTable('users')
      .set({ email: 'official.inbox@test.huiqi.invalid' })
      .where('id', '=', official.id)
      .execute();
    await toEnterprise(firm.id, '企业的通知');
    await toUser(official, '官员的通知');
    await t.runJobs();
    const mail = (address: string) => t.sent.filter((m) => m.address === address).map((m) => m.subject);
    expect(mail('firm.inbox@test.huiqi.invalid')).toEqual(['企业的通知']);
    expect(mail('official.inbox@test.huiqi.invalid')).toEqual(['官员的通知']);
  });
});
