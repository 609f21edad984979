import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../api-router.js';
import { listRoutes } from '../../http/route-list.js';
import { freshDb, startHarness, type Harness } from '../../test/harness.js';
import { OPERATIONS } from '../operations.js';

describe('OpenAPI at /api/docs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb('sqlite'), { start: false });
  });
  afterAll(() => h.dispose());

  it('documents exactly the routes the admin API serves', () => {
    const served = listRoutes(createApiRouter(h.ctx)).map(
      (r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
    );
    const documented = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('serves an OpenAPI 3.1 document with request and response schemas from the shared zod schemas', async () => {
    const res = await supertest(h.app)
      .get('/api/docs/openapi.json')
      .expect(200)
      .expect('content-type', /json/);
    const doc = res.body as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              required: boolean;
              content: Record<string, { schema: Record<string, unknown> }>;
            };
            responses: Record<string, unknown>;
            description: string;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toHaveLength(new Set(OPERATIONS.map((o) => o.path)).size);
    const create = doc.paths['/api/v1/network-elements']!.post!;
    const body = JSON.stringify(create.requestBody!.content['application/json']!.schema);
    // The Custom MiVB fields and their digit rules come straight from the shared schema.
    for (const field of [
      'localCountryCode',
      'maxExtensionLength',
      'inboundTrunkServiceDigits',
      'transportProtocol',
    ])
      expect(body).toContain(field);
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['403']).toBeDefined();
    expect(create.description).toMatch(/Administrators only/);
    expect(doc.paths['/api/v1/audit']!.get!.description).toMatch(/administrator or support/);
    expect(doc.paths['/api/v1/auth/password']!.post!.description).toMatch(/own account/);
    expect(create.requestBody!.required).toBe(true);
    // "Send Now" takes an optional body: {month} for a past month, nothing for month to date.
    const send = doc.paths['/api/v1/usage-report/send']!.post!;
    expect(send.requestBody!.required).toBe(false);
    expect(JSON.stringify(send.requestBody!.content['application/json']!.schema)).toContain('"month"');
    expect(send.responses['400']).toBeDefined();
    expect(send.responses['409']).toBeDefined();
  });

  it('serves Swagger UI under a CSP that allows no inline or foreign script', async () => {
    const page = await supertest(h.app).get('/api/docs').expect(200).expect('content-type', /html/);
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/<script>[^<]/);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    await supertest(h.app)
      .get('/api/docs/assets/swagger-ui-bundle.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const init = await supertest(h.app).get('/api/docs/init.js').expect(200);
    expect(init.text).toContain('/api/docs/openapi.json');
    // No badge from validator.swagger.io: the console calls no outside service.
    expect(init.text).toContain('validatorUrl: null');
    await supertest(h.app).get('/api/docs/nope').expect(404);
    // Only what the page needs: not the package's demo pages.
    for (const extra of ['index.html', 'oauth2-redirect.html', 'swagger-initializer.js'])
      await supertest(h.app).get(`/api/docs/assets/${extra}`).expect(404);
  });
});
