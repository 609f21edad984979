import { mivoiceUsersPageSchema, userListImportReportSchema } from '@oig/shared';
import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../../test/smtp-peer.js';
import { BASE, csv, HEADER, row, seed, stored, upload, type Agent } from './user-list-fixtures.js';

const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 300, socketTimeoutMs: 2_000 };
const ADMIN_MAIL = 'mivoice-admin@example.com';

/** Reads a response body as raw bytes (the BOM and CRLFs exactly as sent). */
const bytes = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
  res.on('error', (e: Error) => cb(e, Buffer.alloc(0)));
};
const exportBytes = async (agent: Agent): Promise<{ res: Response; body: Buffer }> => {
  const res = await agent
    .get('/api/v1/mivoice/users/export')
    .buffer(true)
    .parse(bytes as never)
    .expect(200);
  return { res, body: res.body as Buffer };
};

const LIST: ReturnType<typeof row>[] = [
  ...BASE,
  row({
    primary_email: 'zed@example.com',
    phone_number: '+44 20 7946 0000',
    full_name: '=HYPERLINK("http://evil")',
    given_name: '+Zed',
    family_name: '@Zed',
    record_source: '-csv',
  }),
  row({
    primary_email: 'carol@example.com',
    phone_number: '+1 (555) 02-00',
    full_name: 'Carol "CJ" Smith, Jr.',
    given_name: 'Carol\r\nJane',
    family_name: '王',
    phone_type: 'work',
  }),
  row({
    primary_email: 'dan_100@example.com',
    phone_number: '007',
    full_name: 'Dan 100%',
    given_name: '',
    family_name: '',
  }),
];

describe.each(DB_KINDS)('user-list routes (%s)', (kind) => {
  let h: Harness;
  let peer: SmtpPeer;
  let admin: Agent;
  let support: Agent;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await startHarness(freshDb(kind), {
      start: false,
      env: { OIG_SMTP_URL: peer.url },
      context: { mail: { timeouts: FAST, pollMs: 0 } },
    });
    admin = (await signIn(h)).agent;
    support = (await signInSupport(h, admin)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    await seed(h, LIST);
    await h.ctx.db.db.deleteFrom('mail_outbox').execute();
    await h.ctx.db.db.deleteFrom('audit_log').execute();
    await admin.put('/api/v1/mivoice/settings').send({ adminEmail: null }).expect(200);
    peer.messages.length = 0;
  });

  describe('GET /mivoice/users', () => {
    it('pages in e-mail then phone order, with the total; support may read', async () => {
      const page = await support.get('/api/v1/mivoice/users').query({ limit: 2, offset: 1 }).expect(200);
      expect(mivoiceUsersPageSchema.parse(page.body)).toEqual(page.body);
      expect(page.body.total).toBe(LIST.length);
      expect(page.body.items.map((u: { phoneNumber: string }) => u.phoneNumber)).toEqual([
        '+1 555 0101',
        '0612345678',
      ]);
      const all = await admin.get('/api/v1/mivoice/users').expect(200);
      expect(all.body.items.map((u: { primaryEmail: string }) => u.primaryEmail)).toEqual([
        'alice@example.com',
        'alice@example.com',
        'Bob@Example.com',
        'carol@example.com',
        'dan_100@example.com',
        'zed@example.com',
      ]);
      expect(all.body.items[3]).toEqual({
        primaryEmail: 'carol@example.com',
        fullName: 'Carol "CJ" Smith, Jr.',
        givenName: 'Carol\r\nJane',
        familyName: '王',
        phoneNumber: '+1 (555) 02-00',
        phoneType: 'work',
        recordSource: 'csv',
        updatedAt: new Date(1_700_000_000_000).toISOString(),
      });
    });

    it.each([
      ['BOB@', ['0612345678']],
      ['martin', ['+1 555 0100', '+1 555 0101']],
      ['王', ['+1 (555) 02-00']],
      ['555 0200', ['+1 (555) 02-00']],
      ['(555) 02', ['+1 (555) 02-00']],
      ['100%', ['007']],
      ['_100', ['007']],
      ['%', ['007']],
      ['dan%100', []],
      ['nobody', []],
    ])('filters on e-mail, names and phone, case-insensitively: %j', async (q, phones) => {
      const res = await admin.get('/api/v1/mivoice/users').query({ q }).expect(200);
      expect(res.body.items.map((u: { phoneNumber: string }) => u.phoneNumber)).toEqual(phones);
      expect(res.body.total).toBe(phones.length);
    });

    it('bad paging: 400 naming the field', async () => {
      const res = await admin.get('/api/v1/mivoice/users').query({ limit: 0 }).expect(400);
      expect(res.body.error.message).toBe('User list query is invalid: limit: limit must be 1–500');
    });
  });

  describe('GET /mivoice/users/export', () => {
    it('a CSV attachment: BOM, header in order, CRLF, e-mail then phone order, formula cells neutralised, + phones intact', async () => {
      const { res, body } = await exportBytes(support);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename=mivoice-users.csv');
      expect(body.toString('utf8')).toBe(
        '\uFEFF' +
          [
            HEADER,
            'alice@example.com,Alice Martin,Alice,Martin,+1 555 0100,work,,csv',
            'alice@example.com,Alice Martin,Alice,Martin,+1 555 0101,mobile,,csv',
            'Bob@Example.com,Bob Durand,Bob,Durand,0612345678,home,,google',
            'carol@example.com,"Carol ""CJ"" Smith, Jr.","Carol\r\nJane",王,+1 (555) 02-00,work,,csv',
            'dan_100@example.com,Dan 100%,,,007,,,csv',
            `zed@example.com,"'=HYPERLINK(""http://evil"")",'+Zed,'@Zed,+44 20 7946 0000,,,'-csv`,
          ].join('\r\n'),
      );
    });

    it('export → import of that file: every row unchanged, nothing written', async () => {
      const before = await stored(h);
      const { body } = await exportBytes(admin);
      const res = await upload(admin, body, {}, 'mivoice-users.csv').expect(200);
      expect(userListImportReportSchema.parse(res.body)).toEqual({
        added: 0,
        updated: 0,
        deleted: 0,
        unchanged: LIST.length,
        errors: [],
        errorCount: 0,
        badRows: 0,
        errorsTruncated: false,
        limitExceeded: null,
        rows: LIST.length,
        dryRun: false,
        mode: 'strict',
        applied: false,
        delimiter: ',',
        encoding: 'utf-8',
      });
      expect(await stored(h)).toEqual(before);
    });

    it('an empty list: the header only', async () => {
      await seed(h, []);
      expect((await exportBytes(admin)).body.toString('utf8')).toBe(`\uFEFF${HEADER}\r\n`);
    });
  });

  describe('support role and the administrator e-mail', () => {
    it('support: 403 on import and on email, nothing changes, nothing queued', async () => {
      await admin.put('/api/v1/mivoice/settings').send({ adminEmail: ADMIN_MAIL }).expect(200);
      const imp = await upload(support, csv(['primary_email,phone_number', 'evil@example.com,+1 555 0999']));
      expect(imp.status).toBe(403);
      expect(imp.body.error.code).toBe('forbidden');
      const del = await upload(
        support,
        csv(['primary_email,phone_number,mark_as_delete', 'alice@example.com,+1 555 0100,yes']),
        { mode: 'skip' },
      );
      expect(del.status).toBe(403);
      const mail = await support.post('/api/v1/mivoice/users/email');
      expect(mail.status).toBe(403);
      expect(mail.body.error.code).toBe('forbidden');
      expect(await stored(h)).toEqual(
        LIST.map((r) => r).sort((a, b) => (a.phone_key < b.phone_key ? -1 : 1)),
      );
      expect(await h.ctx.db.db.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
      const audit = await admin.get('/api/v1/audit').query({ q: 'mivoice.users' }).expect(200);
      expect(audit.body.total).toBe(0);
    });

    it('Email User List without an administrator e-mail: 409 naming it, nothing queued or audited', async () => {
      const res = await admin.post('/api/v1/mivoice/users/email').expect(409);
      expect(res.body.error).toMatchObject({
        code: 'conflict',
        message: 'Set the administrator e-mail of the MiVoice tab first (Email field, then Save)',
        fields: { adminEmail: 'Not set' },
      });
      expect(await h.ctx.db.db.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
      expect(
        (await admin.get('/api/v1/audit').query({ action: 'mivoice.users.email' }).expect(200)).body.total,
      ).toBe(0);
    });
  });

  it('Email User List: 202, queued, delivered over SMTP with the export as attachment, audited', async () => {
    await admin.put('/api/v1/mivoice/settings').send({ adminEmail: ADMIN_MAIL }).expect(200);
    const res = await admin.post('/api/v1/mivoice/users/email').expect(202);
    expect(res.body).toEqual({
      mailId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      to: ADMIN_MAIL,
      mail: { id: res.body.mailId, state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null },
    });
    const outbox = await h.ctx.db.db
      .selectFrom('mail_outbox')
      .select(['id', 'kind', 'subject', 'to_addresses', 'state'])
      .execute();
    expect(outbox).toEqual([
      {
        id: res.body.mailId,
        kind: 'mivoice-user-list',
        subject: 'MiVoice Integration for Google user list (5 users)',
        to_addresses: JSON.stringify([ADMIN_MAIL]),
        state: 'queued',
      },
    ]);
    expect((await admin.get('/api/v1/mail/outbox').expect(200)).body.messages[0]).toMatchObject({
      kind: 'mivoice-user-list',
      subjectParams: { users: 5 },
    });
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(1);
    const m = peer.messages[0]!;
    expect(m.envelope.to).toEqual([ADMIN_MAIL]);
    expect(m.parsed.subject).toBe('MiVoice Integration for Google user list (5 users)');
    expect(m.parsed.text).toContain('mivoice-users.csv: 5 users, 6 phone numbers');
    expect(m.parsed.attachments).toHaveLength(1);
    const a = m.parsed.attachments[0]!;
    expect(a.filename).toBe('mivoice-users.csv');
    expect(a.contentType).toBe('text/csv');
    expect(a.content.equals((await exportBytes(admin)).body)).toBe(true);
    // The attachment imports back unchanged.
    const back = await upload(admin, a.content).expect(200);
    expect(back.body).toMatchObject({ unchanged: LIST.length, added: 0, updated: 0, deleted: 0, errors: [] });
    const audit = await admin.get('/api/v1/audit').query({ action: 'mivoice.users.email' }).expect(200);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'admin',
      target: 'MiVoice user list',
      after: { to: ADMIN_MAIL, users: 5, phoneNumbers: 6, mailId: res.body.mailId },
    });
  });
});
