import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_DIRECTORY_MAX_USERS } from '@oig/shared';
import { AppError } from '../../../../http/app-error.js';
import {
  DIRECTORY_USER_READONLY_SCOPE,
  generateUsers,
  startFakeGoogle,
  type FakeGoogle,
} from '../../../../test/fake-google.js';
import {
  DIRECTORY_SCOPE,
  GoogleDirectoryError,
  listDomainUsers,
  parseServiceAccountKey,
  toDirectoryUser,
} from '../google-client.js';

const rsaPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
const keyText = (over: Record<string, unknown> = {}, pem = rsaPem()) =>
  JSON.stringify({
    type: 'service_account',
    project_id: 'p',
    private_key_id: 'abc123',
    private_key: pem,
    client_email: 'sa@p.iam.gserviceaccount.com',
    ...over,
  });

/** The AppError a bad key gives: 400 naming serviceAccountKey. */
function keyProblem(text: string): string {
  try {
    parseServiceAccountKey(text);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.status).toBe(400);
    expect(Object.keys(e.fields ?? {})).toEqual(['serviceAccountKey']);
    expect(e.message).toContain('serviceAccountKey');
    return e.fields!.serviceAccountKey!;
  }
  throw new Error('accepted');
}

describe('service-account key check', () => {
  it('accepts a key file as downloaded (BOM too) and keeps e-mail, key and key id', () => {
    const pem = rsaPem();
    expect(parseServiceAccountKey(keyText({}, pem))).toEqual({
      clientEmail: 'sa@p.iam.gserviceaccount.com',
      privateKey: pem,
      privateKeyId: 'abc123',
    });
    expect(
      parseServiceAccountKey(`\uFEFF${keyText({ private_key_id: undefined }, pem)}`).privateKeyId,
    ).toBeNull();
  });

  it('names what is wrong', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const rsaTraditional = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', 'not json {', /not valid JSON/],
      ['empty', '', /not valid JSON/],
      ['an array', '[1,2]', /must be a JSON object/],
      ['a string', '"service_account"', /must be a JSON object/],
      [
        'user credentials',
        keyText({ type: 'authorized_user' }),
        /"type" is "authorized_user", not "service_account"/,
      ],
      ['no type', keyText({ type: undefined }), /"type" is missing, not "service_account"/],
      ['no client_email', keyText({ client_email: undefined }), /no "client_email"/],
      ['client_email not a string', keyText({ client_email: 42 }), /no "client_email"/],
      [
        'client_email not an e-mail',
        keyText({ client_email: 'service account' }),
        /"client_email" is not an e-mail address/,
      ],
      ['no private_key', keyText({ private_key: undefined }), /no "private_key"/],
      [
        'private_key not PEM',
        keyText({ private_key: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }),
        /not a PEM private key/,
      ],
      [
        'PKCS#1 PEM (not what Google issues)',
        keyText({ private_key: rsaTraditional }),
        /not a PEM private key/,
      ],
      [
        'damaged PEM',
        keyText({
          private_key:
            '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n',
        }),
        /cannot be read/,
      ],
      ['EC key', keyText({ private_key: ec }), /ec key; Google service accounts sign with RSA/],
      ['private_key_id not a string', keyText({ private_key_id: 7 }), /"private_key_id" must be a string/],
    ];
    for (const [what, text, message] of cases) expect(keyProblem(text), what).toMatch(message);
  });
});

describe('users.list entry → contact', () => {
  it('fills missing fields with empty values (fullName too) and keeps phone values and types', () => {
    expect(toDirectoryUser({ id: '1' })).toEqual({
      id: '1',
      primaryEmail: '',
      fullName: '',
      givenName: '',
      familyName: '',
      phones: [],
    });
    expect(
      toDirectoryUser({
        id: '2',
        primaryEmail: 'a@example.com',
        name: { givenName: '太郎', familyName: '山田' },
        phones: [
          { value: ' +1 555 0100 ', type: 'work' },
          { value: '', type: 'home' },
          { value: 'x12', type: 'custom', customType: 'desk' },
          { value: '123' },
          null,
          'junk',
        ],
      }),
    ).toEqual({
      id: '2',
      primaryEmail: 'a@example.com',
      fullName: '',
      givenName: '太郎',
      familyName: '山田',
      phones: [
        { value: '+1 555 0100', type: 'work' },
        { value: 'x12', type: 'desk' },
        { value: '123', type: '' },
      ],
    });
    expect(toDirectoryUser({ primaryEmail: 'no-id@example.com' })).toBeNull();
    expect(toDirectoryUser(null)).toBeNull();
  });
});

describe('Directory API client against the fake Google', () => {
  let fake: FakeGoogle;
  const cfg = () => ({ apiRoot: fake.apiRoot, tokenUrl: fake.tokenUrl, timeoutMs: 2_000 });
  beforeAll(async () => {
    fake = await startFakeGoogle({ users: generateUsers(1_001, 'example.com') });
  });
  afterAll(async () => fake?.close());
  beforeEach(() => fake.reset());

  it('signs the JWT grant for the token URL it posts to, impersonating the administrator, then pages through the users', async () => {
    expect(DIRECTORY_SCOPE).toBe(DIRECTORY_USER_READONLY_SCOPE);
    const users = await listDomainUsers(
      cfg(),
      parseServiceAccountKey(fake.keyJson),
      fake.adminEmail,
      fake.domain,
    );
    expect(users).toHaveLength(1_001);
    expect(new Set(users.map((u) => u.id)).size).toBe(1_001);
    const [token, ...pages] = fake.requests;
    expect(token).toMatchObject({
      method: 'POST',
      path: '/token',
      status: 200,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    });
    expect(token!.jwtHeader).toMatchObject({ alg: 'RS256' });
    expect(token!.claims).toMatchObject({
      iss: fake.clientEmail,
      sub: fake.adminEmail,
      aud: fake.tokenUrl,
      scope: DIRECTORY_SCOPE,
    });
    expect(
      pages.map((p) => [
        p.path,
        p.status,
        p.page,
        p.query.domain,
        p.query.maxResults,
        p.query.orderBy,
        !!p.query.pageToken,
      ]),
    ).toEqual([
      ['/admin/directory/v1/users', 200, 1, 'example.com', '500', 'email', false],
      ['/admin/directory/v1/users', 200, 2, 'example.com', '500', 'email', true],
      ['/admin/directory/v1/users', 200, 3, 'example.com', '500', 'email', true],
    ]);
    for (const p of pages) expect(p.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it('a refused connection is "Google did not answer", with no retry', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await listDomainUsers(
      { ...cfg(), tokenUrl: `http://127.0.0.1:${port}/token` },
      parseServiceAccountKey(fake.keyJson),
      fake.adminEmail,
      fake.domain,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleDirectoryError);
    expect((err as Error).message).toMatch(/^Google did not answer the token request \(connection refused\)/);
    const err2 = await listDomainUsers(
      { ...cfg(), apiRoot: `http://127.0.0.1:${port}/` },
      parseServiceAccountKey(fake.keyJson),
      fake.adminEmail,
      fake.domain,
    ).catch((e: unknown) => e);
    expect((err2 as Error).message).toMatch(
      /^Google did not answer users\.list page 1 \(connection refused\)/,
    );
  });

  it('a server error is not retried (one request each) and a hung token request ends at the timeout', async () => {
    fake.setBehaviour({ token: 500 });
    await expect(
      listDomainUsers(cfg(), parseServiceAccountKey(fake.keyJson), fake.adminEmail, fake.domain),
    ).rejects.toThrow(/Google did not answer the token request \(500: internal_failure/);
    expect(fake.requests).toHaveLength(1);
    fake.reset();
    fake.setBehaviour({ token: 'hang' });
    const t0 = Date.now();
    await expect(
      listDomainUsers(
        { ...cfg(), timeoutMs: 300 },
        parseServiceAccountKey(fake.keyJson),
        fake.adminEmail,
        fake.domain,
      ),
    ).rejects.toThrow('Google did not answer the token request within 0.3 s');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('a key the fake does not trust, another administrator or another domain are refused as Google would', async () => {
    await expect(
      listDomainUsers(cfg(), parseServiceAccountKey(fake.foreignKeyJson), fake.adminEmail, fake.domain),
    ).rejects.toThrow(
      /^Google refused the service account: check the key and domain-wide delegation for admin@example\.com \(400: invalid_grant: Invalid JWT Signature\.\)/,
    );
    await expect(
      listDomainUsers(cfg(), parseServiceAccountKey(fake.keyJson), 'someone@example.com', fake.domain),
    ).rejects.toThrow(/for someone@example\.com \(400: invalid_grant: Invalid email or User ID\)/);
    await expect(
      listDomainUsers(cfg(), parseServiceAccountKey(fake.keyJson), fake.adminEmail, 'example.org'),
    ).rejects.toThrow('Google does not know the domain example.org (404: Domain not found.)');
  });
});

describe('Directory API client: the most users a sync reads', () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    fake = await startFakeGoogle({ users: generateUsers(1_001, 'example.com') });
  });
  afterAll(async () => fake?.close());

  it('a domain with more users than the maximum is refused, naming the domain and the limit', async () => {
    const cfg = { apiRoot: fake.apiRoot, tokenUrl: fake.tokenUrl, timeoutMs: 2_000 };
    const read = (maxUsers: number) =>
      listDomainUsers(
        { ...cfg, maxUsers },
        parseServiceAccountKey(fake.keyJson),
        fake.adminEmail,
        fake.domain,
      );
    expect(await read(1_001)).toHaveLength(1_001);
    const err = await read(1_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleDirectoryError);
    expect((err as Error).message).toBe(
      'The domain example.com has more than 1,000 users, the most a sync reads: nothing was changed',
    );
    expect(GOOGLE_DIRECTORY_MAX_USERS).toBe(50_000);
  });
});
