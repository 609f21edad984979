import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, ERROR_REASONS, VALIDATION_CODES, type ApiError } from '@oig/shared';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../test/harness.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

const REASONS = new Set<string>(ERROR_REASONS);
const FIELD_REASONS = new Set<string>([...ERROR_REASONS, ...VALIDATION_CODES]);

/**
 * The error of an answer, checked against the shared schema: a reason from the registry, every
 * English field message with its field reason (a registry reason or a validation code).
 */
function errorOf(res: { status: number; body: unknown }): ApiError['error'] {
  const parsed = apiErrorSchema.parse(res.body).error;
  expect(parsed.reason, JSON.stringify(res.body)).toBeDefined();
  expect(REASONS.has(parsed.reason!), `${parsed.reason} is in ERROR_REASONS`).toBe(true);
  expect(Object.keys(parsed.fieldReasons ?? {}).sort()).toEqual(Object.keys(parsed.fields ?? {}).sort());
  for (const why of Object.values(parsed.fieldReasons ?? {}))
    expect(FIELD_REASONS.has(why.reason), `${why.reason} is a reason or a validation code`).toBe(true);
  return parsed;
}

describe.each(DB_KINDS)('error reasons of the admin API (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      env: { OIG_LOG_LEVEL: 'error', OIG_PROBE_INTERVAL_S: '0', OIG_PROBE_TIMEOUT_MS: '50' },
    });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('a duplicate network element IP: conflict ip_address_in_use, its field ip_address_taken', async () => {
    const body = { type: 'mivb', setup: 'default', ipAddress: '127.0.0.1' };
    await admin.post('/api/v1/network-elements').send(body).expect(201);
    const res = await admin.post('/api/v1/network-elements').send(body).expect(409);
    expect(errorOf(res)).toEqual({
      code: 'conflict',
      message: 'IP Address 127.0.0.1 is already used by another network element',
      reason: 'ip_address_in_use',
      params: { ipAddress: '127.0.0.1' },
      fields: { ipAddress: 'Already used by another network element' },
      fieldReasons: { ipAddress: { reason: 'ip_address_taken' } },
    });
  });

  it('sign-in: wrong password invalid_credentials; then the lockout too_many_failures {minutes}', async () => {
    await admin
      .post('/api/v1/users')
      .send({ username: 'locked1', password: 'locked-password-1', role: 'support' })
      .expect(201);
    const attempt = () =>
      supertest(h.app).post('/api/v1/auth/login').send({ username: 'locked1', password: 'wrong-password-1' });
    const wrong = await attempt().expect(401);
    expect(errorOf(wrong)).toMatchObject({ code: 'invalid_credentials', reason: 'invalid_credentials' });
    let res = wrong;
    for (let i = 0; i < 10 && res.status !== 429; i++) res = await attempt();
    expect(res.status).toBe(429);
    expect(errorOf(res)).toMatchObject({
      code: 'rate_limited',
      reason: 'too_many_failures',
      params: { minutes: expect.stringMatching(/^[1-9]\d*$/) as string },
    });
  });

  it('not found: a network element (network_element_not_found), an endpoint (endpoint_not_found)', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const element = await admin.get(`/api/v1/network-elements/${id}`).expect(404);
    expect(errorOf(element)).toMatchObject({
      code: 'not_found',
      reason: 'network_element_not_found',
      params: { id },
    });
    const endpoint = await admin.get('/api/v1/no-such-thing').expect(404);
    expect(errorOf(endpoint)).toMatchObject({
      code: 'not_found',
      reason: 'endpoint_not_found',
      params: { method: 'GET', path: '/api/v1/no-such-thing' },
    });
  });

  it('a bad body: invalid_input {field}, each field with its validation code and params', async () => {
    const res = await admin
      .post('/api/v1/users')
      .send({ username: '   ', password: 'short', role: 'support' })
      .expect(400);
    expect(errorOf(res)).toMatchObject({
      code: 'validation_failed',
      reason: 'invalid_input',
      params: { field: 'username' },
      fieldReasons: {
        username: { reason: 'required' },
        password: { reason: 'tooShort', params: { min: expect.stringMatching(/^\d+$/) as string } },
      },
    });
    const long = await admin
      .post('/api/v1/users')
      .send({ username: 'x'.repeat(65), password: 'long-enough-password-1', role: 'nobody' })
      .expect(400);
    expect(errorOf(long).fieldReasons).toEqual({
      username: { reason: 'tooLong', params: { max: '64' } },
      role: { reason: 'invalidOption' },
    });
  });

  it('a body over the limit: payload_too_large body_too_large {limit}', async () => {
    const res = await admin
      .post('/api/v1/users')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(200_000) }))
      .expect(413);
    expect(errorOf(res)).toMatchObject({
      code: 'payload_too_large',
      reason: 'body_too_large',
      params: { limit: expect.stringMatching(/^\d+$/) as string },
    });
  });

  it('no CSRF token: csrf_failed csrf_token_invalid; no session: sign_in_required', async () => {
    const { cookie } = await signIn(h);
    const res = await supertest(h.app)
      .post('/api/v1/users')
      .set('Cookie', cookie)
      .send({ username: 'nocsrf', password: 'no-csrf-password-1', role: 'support' })
      .expect(403);
    expect(errorOf(res)).toMatchObject({ code: 'csrf_failed', reason: 'csrf_token_invalid' });
    const anonymous = await supertest(h.app).get('/api/v1/users').expect(401);
    expect(errorOf(anonymous)).toMatchObject({ code: 'unauthenticated', reason: 'sign_in_required' });
  });
});
