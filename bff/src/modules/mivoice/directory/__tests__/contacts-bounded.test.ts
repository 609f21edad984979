import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../../test/harness.js';
import { countTurns, watchStatements } from '../../../../test/statements.js';

const SCAN = { windowRows: 50, pageRows: 7 };
const N = 1_000;
const API = '/api/v1/mivoice/google/contacts';

interface Contact {
  id: string;
  primaryEmail: string;
  fullName: string;
  givenName: string;
  familyName: string;
  phones: Array<{ value: string; type: string }>;
}

/** A contact as the API shows it (no Google id). */
const view = ({ id: _id, ...c }: Contact) => c;

/** Contact i: e-mails in the order of i; one in 37 named "Rare", phones on two of three. */
const contact = (i: number): Contact => {
  const given = i % 37 === 36 ? 'Rare' : ['Ann', 'Bob', 'Chloé'][i % 3]!;
  return {
    id: String(900_000 + ((i * 7919) % N)),
    primaryEmail: `user${String(i).padStart(5, '0')}@example.com`,
    fullName: `${given} Smith${i % 10}`,
    givenName: given,
    familyName: `Smith${i % 10}`,
    phones: i % 3 === 2 ? [] : [{ value: `+1 613 555 ${String(i).padStart(4, '0')}`, type: 'work' }],
  };
};

describe.each(DB_KINDS)('filtered Google contacts in bounded statements (%s)', (kind) => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];
  const all = Array.from({ length: N }, (_, i) => contact(i));

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { context: { scan: SCAN, historyPruneMs: 0 } });
    admin = (await signIn(h)).agent;
    const rows = all.map((c) => ({
      id: c.id,
      primary_email: c.primaryEmail,
      full_name: c.fullName,
      given_name: c.givenName,
      family_name: c.familyName,
      phones: JSON.stringify(c.phones),
      synced_at: 1,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await h.ctx.db.db
        .insertInto('google_contacts')
        .values(rows.slice(i, i + 100))
        .execute();
  });
  afterAll(() => h.dispose());

  /** The answer of one statement over the whole cache (e-mails sort as their numbers). */
  const expected = (q: string, limit: number, offset: number) => {
    const t = q.toLowerCase();
    const match = all.filter(
      (c) =>
        [c.primaryEmail, c.fullName, c.givenName, c.familyName].some((v) => v.toLowerCase().includes(t)) ||
        c.phones.some((p) => p.value.toLowerCase().includes(t)),
    );
    return { total: match.length, items: match.slice(offset, offset + limit).map(view) };
  };

  it.each([
    ['rare', 50, 0],
    ['rare', 5, 10],
    ['rare', 500, 20],
    ['smith3', 40, 30],
    ['555 01', 7, 3],
    ['user00', 500, 0],
    ['user00', 100, 450],
    ['@example', 500, 999],
    ['nobody at all', 50, 0],
    ['CHLOÉ', 10, 300],
  ] as const)('q=%s limit=%i offset=%i: the page and total of one statement', async (q, limit, offset) => {
    const res = await admin.get(API).query({ q, limit, offset }).expect(200);
    expect(res.body).toEqual(expected(q, limit, offset));
  });

  it('unfiltered pages are as before', async () => {
    const res = await admin.get(API).query({ limit: 20, offset: 990 }).expect(200);
    expect(res.body).toEqual({ total: N, items: all.slice(990).map(view) });
  });

  it('a filter that matches nothing is read in windows (turns between them on SQLite)', async () => {
    const watch = watchStatements(kind);
    const turns = countTurns();
    try {
      const res = await admin.get(API).query({ q: 'nobody at all', limit: 500 }).expect(200);
      expect(res.body).toEqual({ total: 0, items: [] });
    } finally {
      watch.stop();
    }
    const turned = turns.stop();
    const counts = watch.statements.filter(
      (s) => /count\(\*\)/i.test(s.sql) && s.sql.includes('google_contacts'),
    );
    expect(counts.length).toBeGreaterThanOrEqual(N / SCAN.windowRows);
    if (kind === 'sqlite') expect(turned).toBeGreaterThanOrEqual(N / SCAN.windowRows);
  });
});
