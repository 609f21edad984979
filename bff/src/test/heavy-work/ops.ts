/**
 * The heavy console operations of the product, each at the largest size it accepts (issue 14,
 * item 1), run over HTTP as a console user does. Shared by the behaviour test and the benchmark.
 * Each op checks its own answer, so a fast wrong answer cannot pass.
 */
import { LOCALIZATION_MAX_BYTES, USER_LIST_MAX_LINES, USER_LIST_MAX_STORED } from '@oig/shared';
import { generateUsers, startFakeGoogle, type FakeGoogle } from '../fake-google.js';
import { userListFile } from '../user-list-data.js';
import type { HeavyWork } from './driver.js';

/** The stored user list at its maximum (phone numbers). */
export const HEAVY_USER_LIST_ROWS = USER_LIST_MAX_STORED;
/** Rows of the largest user-list file (its lines, less the header). */
export const HEAVY_FILE_ROWS = USER_LIST_MAX_LINES - 1;
/** Ended sessions in the history (all in one month: the usage report's worst case). */
export const HEAVY_HISTORY_ROWS = 1_000_000;
/** Users of the Google directory synced. */
export const HEAVY_GOOGLE_USERS = 50_000;
/** Live sessions (the most the product is sized for), REST logins of the keepers' application. */
export const HEAVY_LIVE_SESSIONS = 25_000;
/** Client address of seeded live session i (seed-live-sessions.ts's default). */
const seededAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
/** Lines of the largest localization file (its line limit, LOCALIZATION_MAX_LINES in the module). */
export const HEAVY_LOCALIZATION_LINES = 20_000;
/** Refused logins kept (OIG_REFUSED_LOGIN_MAX_ROWS at its maximum). */
export const HEAVY_REFUSED_ROWS = 100_000;
const GOOGLE_DOMAIN = 'heavy.example.com';
const MIVOICE_ADMIN = 'mivoice-admin@example.com';

type Need = 'userList' | 'history' | 'google' | 'liveSessions' | 'refused';

export interface HeavyOp {
  name: string;
  /** The size it runs at, in words (README, bench output). */
  size: string;
  needs: Need[];
  /** Runs the operation; throws when its answer is wrong. Returns a short summary. */
  run(w: HeavyWork, fx: HeavyFixtures): Promise<string>;
}

/** Data built once per run, outside any measurement. */
export class HeavyFixtures {
  private updating?: Buffer;
  private problems?: Buffer;
  private localization?: Buffer;
  /** The configuration backup the backup op made (the restore op restores it). */
  backup?: Buffer;
  private readonly ready = new Set<Need>();
  google?: FakeGoogle;

  /** The largest file (lines and bytes), updating every stored row. */
  updatingFile(): Buffer {
    return (this.updating ??= userListFile(HEAVY_FILE_ROWS));
  }

  /** The largest file with a problem on every other row (the others checked against the stored list). */
  problemFile(): Buffer {
    return (this.problems ??= userListFile(HEAVY_FILE_ROWS, { badEvery: 2 }));
  }

  /**
   * The largest localization file: LOCALIZATION_MAX_BYTES with its line limit, every value quoted
   * with doubled quotes inside and none of its keys known (each line a problem).
   */
  localizationFile(): Buffer {
    if (this.localization) return this.localization;
    const rows = HEAVY_LOCALIZATION_LINES - 1;
    const width = Math.floor((LOCALIZATION_MAX_BYTES - 1024) / rows) - 20;
    const value = `"${'""x'.repeat(Math.floor(width / 3))}"`;
    const lines = ['messageKey,languageValue'];
    for (let i = 0; i < rows; i++) lines.push(`heavy.key.${i},${value}`);
    return (this.localization = Buffer.from(lines.join('\r\n'), 'utf8'));
  }

  /** A fake Google (its URLs go into the product's environment) with the directory's users. */
  async startGoogle(): Promise<Record<string, string>> {
    this.google = await startFakeGoogle({ domain: GOOGLE_DOMAIN });
    this.google.setUsers(generateUsers(HEAVY_GOOGLE_USERS, GOOGLE_DOMAIN));
    return { OIG_GOOGLE_API_ROOT: this.google.apiRoot, OIG_GOOGLE_TOKEN_URL: this.google.tokenUrl };
  }

  /** Seeds what `op` needs that is not there yet (not measured). */
  async prepare(w: HeavyWork, op: HeavyOp): Promise<void> {
    for (const need of op.needs) {
      if (this.ready.has(need)) continue;
      if (need === 'userList')
        await w.target.call({ op: 'seed', what: 'userList', rows: HEAVY_USER_LIST_ROWS });
      if (need === 'history') await w.target.call({ op: 'seed', what: 'history', rows: HEAVY_HISTORY_ROWS });
      if (need === 'refused') await w.target.call({ op: 'seed', what: 'refused', rows: HEAVY_REFUSED_ROWS });
      if (need === 'liveSessions')
        await w.target.call({ op: 'seed', what: 'liveSessions', rows: HEAVY_LIVE_SESSIONS });
      if (need === 'google') {
        if (!this.google) throw new Error('startGoogle() first');
        await w.console.json('/mivoice/google', {
          method: 'PUT',
          body: JSON.stringify({
            adminEmail: this.google.adminEmail,
            domain: GOOGLE_DOMAIN,
            serviceAccountKey: this.google.keyJson,
          }),
        });
      }
      // The live-sessions op terminates what it seeded: seeded again for every run.
      if (need !== 'liveSessions') this.ready.add(need);
    }
  }

  async close(): Promise<void> {
    await this.google?.close();
  }
}

const expectEqual = (what: string, actual: unknown, expected: unknown) => {
  if (actual !== expected) throw new Error(`${what}: ${String(actual)}, expected ${String(expected)}`);
};

/** Reads a response body as a stream, counting bytes and lines (never held whole). */
async function drain(res: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let breaks = 0;
  let last = 10;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) breaks++;
    if (value.length) last = value[value.length - 1]!;
  }
  // A last line without its line break counts too.
  return { bytes, lines: breaks + (last === 10 ? 0 : 1) };
}

async function importFile(w: HeavyWork, query: string, file: Buffer) {
  const res = await w.console.upload(`/mivoice/users/import?${query}`, 'file', 'users.csv', file);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`import: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as { updated: number; errorCount: number; applied: boolean; rows: number };
}

const month = () => {
  const d = new Date();
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
};

const n = (x: number) => x.toLocaleString('en-US');
const BACKUP_PASSPHRASE = 'heavy work backup passphrase';

export const HEAVY_OPS: HeavyOp[] = [
  {
    name: 'user-list dry run',
    size: `${n(HEAVY_FILE_ROWS)}-row file (25 MiB) against ${n(HEAVY_USER_LIST_ROWS)} stored`,
    needs: ['userList'],
    async run(w, fx) {
      const r = await importFile(w, 'dryRun=true&mode=strict', fx.updatingFile());
      expectEqual('rows updated by the dry run', r.updated, HEAVY_FILE_ROWS);
      return `${n(r.updated)} would be updated`;
    },
  },
  {
    name: 'user-list problems report',
    size: `${n(Math.ceil(HEAVY_FILE_ROWS / 2))} problem rows in ${n(HEAVY_FILE_ROWS)} against ${n(HEAVY_USER_LIST_ROWS)} stored`,
    needs: ['userList'],
    async run(w, fx) {
      const res = await w.console.upload(
        '/mivoice/users/import/report',
        'file',
        'users.csv',
        fx.problemFile(),
      );
      const { lines } = await drain(res);
      expectEqual('report status', res.status, 200);
      expectEqual(
        'problems counted',
        Number(res.headers.get('x-error-count')),
        Math.ceil(HEAVY_FILE_ROWS / 2),
      );
      return `${n(lines)} report lines`;
    },
  },
  {
    name: 'configuration backup',
    size: `the configuration with ${n(HEAVY_USER_LIST_ROWS)} user-list rows`,
    needs: ['userList'],
    async run(w, fx) {
      const res = await w.console.fetch('/backup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ passphrase: BACKUP_PASSPHRASE }),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`backup: ${res.status} ${bytes.toString('utf8', 0, 500)}`);
      expectEqual('magic', bytes.toString('ascii', 0, 10), 'OIG-BACKUP');
      fx.backup = bytes;
      return `${n(bytes.length)} bytes`;
    },
  },
  {
    name: 'user-list import',
    size: `${n(HEAVY_FILE_ROWS)} rows updated in a list of ${n(HEAVY_USER_LIST_ROWS)}`,
    needs: ['userList'],
    async run(w, fx) {
      const r = await importFile(w, 'mode=strict', fx.updatingFile());
      expectEqual('rows updated', r.updated, HEAVY_FILE_ROWS);
      expectEqual('applied', r.applied, true);
      return `${n(r.updated)} updated`;
    },
  },
  {
    // After the import renamed every row: the restore (a dry run, then for real) writes them all back.
    name: 'configuration restore',
    size: `dry run, then ${n(HEAVY_FILE_ROWS)} user-list rows written back in one transaction`,
    needs: ['userList'],
    async run(w, fx) {
      if (!fx.backup) throw new Error('configuration restore needs the configuration backup op first');
      const restore = async (dryRun: boolean) => {
        const form = new FormData();
        form.append('passphrase', BACKUP_PASSPHRASE);
        form.append('file', new Blob([new Uint8Array(fx.backup!)]), 'heavy.oigbackup');
        const res = await w.console.fetch(`/backup/restore?dryRun=${dryRun}`, { method: 'POST', body: form });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`restore: ${res.status} ${text.slice(0, 500)}`);
        const report = JSON.parse(text) as { sections: { section: string; changed: number }[] };
        return report.sections.find((x) => x.section === 'userList')!.changed;
      };
      expectEqual('rows the dry run would change', await restore(true), HEAVY_FILE_ROWS);
      expectEqual('rows restored', await restore(false), HEAVY_FILE_ROWS);
      return `${n(HEAVY_FILE_ROWS)} rows restored`;
    },
  },
  {
    name: 'user-list export',
    size: `${n(HEAVY_USER_LIST_ROWS)} stored rows`,
    needs: ['userList'],
    async run(w) {
      const res = await w.console.fetch('/mivoice/users/export');
      const { bytes, lines } = await drain(res);
      expectEqual('export status', res.status, 200);
      expectEqual('export lines (header + rows)', lines, HEAVY_USER_LIST_ROWS + 1);
      return `${n(bytes)} bytes`;
    },
  },
  {
    name: 'Email User List (to delivery)',
    size: `${n(HEAVY_USER_LIST_ROWS)} stored rows`,
    needs: ['userList'],
    async run(w) {
      await w.console.json('/mivoice/settings', {
        method: 'PUT',
        body: JSON.stringify({ adminEmail: MIVOICE_ADMIN }),
      });
      const { mailId } = await w.console.json<{ mailId: string }>('/mivoice/users/email', {
        method: 'POST',
        expect: 202,
      });
      // Delivery is part of the operation: the mail worker builds and writes the message.
      const deadline = Date.now() + 180_000;
      for (;;) {
        const page = await w.console.json<{
          messages: Array<{ id: string; state: string; lastError: string | null }>;
        }>('/mail/outbox?limit=500');
        const m = page.messages.find((x) => x.id === mailId);
        if (m && m.state !== 'queued' && m.state !== 'sending') {
          if (m.state === 'failed') throw new Error(`mail failed: ${m.lastError}`);
          return `mail ${m.state}`;
        }
        if (Date.now() > deadline) throw new Error(`mail not delivered: ${m?.state} ${m?.lastError}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  },
  {
    name: 'session history (no match)',
    size: `${n(HEAVY_HISTORY_ROWS)} history rows`,
    needs: ['history'],
    async run(w) {
      const all = await w.console.json<{ total: number; sessions: unknown[] }>(
        '/sessions/history?limit=10000',
      );
      // The seeded rows, and the keepers' sessions of earlier operations.
      if (all.total < HEAVY_HISTORY_ROWS) throw new Error(`history total: ${all.total}`);
      expectEqual('history rows', all.sessions.length, 10_000);
      const none = await w.console.json<{ total: number }>(
        '/sessions/history?application=no-such-app&limit=10000',
      );
      expectEqual('filtered total', none.total, 0);
      return `${n(all.total)} counted twice`;
    },
  },
  {
    name: 'session history CSV',
    size: `10,000 of ${n(HEAVY_HISTORY_ROWS)} history rows, filtered`,
    needs: ['history'],
    async run(w) {
      const res = await w.console.fetch('/sessions/history.csv?application=Application%201&limit=10000');
      const { lines } = await drain(res);
      expectEqual('CSV status', res.status, 200);
      expectEqual('CSV lines (header + rows)', lines, 10_001);
      return `${n(lines)} lines`;
    },
  },
  {
    name: 'refused logins',
    size: `${n(HEAVY_REFUSED_ROWS)} rows: largest pages, filters, deepest offset, CSV of 10,000`,
    needs: ['refused'],
    async run(w) {
      type Page = { total: number; entries: unknown[] };
      const all = await w.console.json<Page>('/sessions/refused?limit=500');
      if (all.total < HEAVY_REFUSED_ROWS) throw new Error(`refused total: ${all.total}`);
      expectEqual('refused page', all.entries.length, 500);
      const none = await w.console.json<Page>('/sessions/refused?application=no-such-app&limit=500');
      expectEqual('no-match total', none.total, 0);
      const some = await w.console.json<Page>(
        '/sessions/refused?application=refused%20app%204999&reason=throttled&limit=500',
      );
      if (some.total === 0) throw new Error('filtered page: nothing matched');
      const deep = await w.console.json<Page>(
        `/sessions/refused?offset=${HEAVY_REFUSED_ROWS - 500}&limit=500`,
      );
      expectEqual('deepest page', deep.entries.length, 500);
      const res = await w.console.fetch('/sessions/refused.csv?application=refused%20app');
      const { lines } = await drain(res);
      expectEqual('CSV status', res.status, 200);
      expectEqual('CSV lines (header + rows)', lines, 10_001);
      return `${n(all.total)} counted 4 times, ${n(lines)} CSV lines`;
    },
  },
  {
    name: 'usage report, cold month',
    size: `${n(HEAVY_HISTORY_ROWS)} sessions in the month`,
    needs: ['history'],
    async run(w) {
      const res = await w.console.fetch(`/usage-report/report.csv?month=${month()}`);
      const { lines } = await drain(res);
      expectEqual('report status', res.status, 200);
      return `${n(lines)} CSV lines`;
    },
  },
  {
    name: 'localization file import',
    size: `${n(HEAVY_LOCALIZATION_LINES)} lines (the limit), ~1 MB`,
    needs: [],
    async run(w, fx) {
      const res = await w.console.upload(
        '/mivoice/localization/import',
        'file',
        'MiVoice Integration for Google_ja.csv',
        fx.localizationFile(),
      );
      const text = await res.text();
      expectEqual('import status', res.status, 200);
      const report = JSON.parse(text) as { stored: boolean; errorCount: number };
      expectEqual('problems (one per line)', report.errorCount, HEAVY_LOCALIZATION_LINES - 1);
      return `${n(report.errorCount)} problems, stored: ${report.stored}`;
    },
  },
  {
    name: 'Google sync',
    size: `${n(HEAVY_GOOGLE_USERS)} users`,
    needs: ['google'],
    async run(w) {
      await w.console.json('/mivoice/google/sync', { method: 'POST' });
      const status = await w.console.json<{ contactCount: number; lastError: string | null }>(
        '/mivoice/google',
      );
      if (status.lastError) throw new Error(`sync: ${status.lastError}`);
      if (status.contactCount < HEAVY_GOOGLE_USERS) throw new Error(`sync: ${status.contactCount} contacts`);
      return `${n(status.contactCount)} contacts`;
    },
  },
  {
    name: 'live sessions list',
    size: `${n(HEAVY_LIVE_SESSIONS)} live sessions: pages, filters, sorts, counts, terminate all matching`,
    needs: ['liveSessions'],
    async run(w) {
      type Page = {
        sessions: Array<{ id: string; clientAddress: string; createdAt: string; protocol: string }>;
        total: number;
        live: number;
      };
      const seeded = Array.from({ length: HEAVY_LIVE_SESSIONS }, (_, i) => seededAddress(i));
      // The console's first read: the default page, newest first.
      const first = await w.console.json<Page>('/sessions');
      // The seeded sessions and the keepers' (their number is the keepers' business).
      if (first.live < HEAVY_LIVE_SESSIONS) throw new Error(`live: ${first.live}`);
      expectEqual('unfiltered total', first.total, first.live);
      expectEqual('default page rows', first.sessions.length, 50);
      const created = first.sessions.map((s) => Date.parse(s.createdAt));
      if (created.some((t, i) => i > 0 && t > created[i - 1]!))
        throw new Error('first page not newest first');

      // A rare term: one client address (and the addresses it is a part of), counted here independently.
      const rare = '10.0.97.123';
      const rarePage = await w.console.json<Page>(`/sessions?term=${rare}&codes=`);
      expectEqual('rare term total', rarePage.total, seeded.filter((a) => a.includes(rare)).length);
      expectEqual('rare term rows', rarePage.sessions.map((s) => s.clientAddress).join(), rare);

      // A common term, matched by its code (the protocol label): every seeded session, the largest page.
      const rest = await w.console.json<Page>('/sessions?term=rest&codes=rest&limit=500');
      expectEqual('REST sessions', rest.total, HEAVY_LIVE_SESSIONS);
      expectEqual('REST page rows', rest.sessions.length, 500);
      if (rest.sessions.some((s) => s.protocol !== 'rest'))
        throw new Error('a non-REST session matched "rest"');

      // A sort by a column no index serves, last page: the smallest addresses (the keepers' sort first).
      const offset = first.live - 50;
      const last = await w.console.json<Page>(
        `/sessions?sort=clientAddress&order=desc&offset=${offset}&limit=50`,
      );
      const smallest = [...seeded]
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, 50)
        .reverse();
      expectEqual('last page by address', last.sessions.map((s) => s.clientAddress).join(), smallest.join());

      // The counts: the Overview's, and the Accounts tab's sessions of the application.
      const overview = await w.console.json<{ sessions: number }>('/overview');
      if (Math.abs(overview.sessions - first.live) > 20) throw new Error(`overview: ${overview.sessions}`);

      // Terminate every session matching "10." (the seeded addresses; the keepers' is 127.0.0.1).
      const done = await w.console.json<{ terminated: number }>('/sessions/terminate', {
        method: 'POST',
        body: JSON.stringify({ filter: { terms: [{ text: '10.', codes: [] }] } }),
      });
      expectEqual('terminated', done.terminated, HEAVY_LIVE_SESSIONS);
      const after = await w.console.json<Page>('/sessions?term=10.&codes=');
      expectEqual('matching after termination', after.total, 0);
      return `${n(first.live)} live, ${n(done.terminated)} terminated`;
    },
  },
];
