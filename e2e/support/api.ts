import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };
export const ACME = {
  companyName: 'Acme',
  applicationName: 'Call Recorder',
  applicationPassword: 'demo-acme-app-password',
};
export const LOCAL_PASSWORD = 'e2e-local-password';
const REST = '/mitel/oig/rest/resources/v1/sessions';
const S = 'http://mitel.com/oig/session/SessionService';
const T = 'http://mitel.com/oig/session';

/** Signs in through the API and returns the CSRF token (the request context keeps the cookie). */
export async function apiSignIn(request: APIRequestContext, user = ADMIN): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: user });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Gives the demo application its local password unless it already has one. */
export async function ensureAccount(request: APIRequestContext, csrf: string): Promise<void> {
  const res = await request.post('/api/v1/accounts', {
    data: { ...pick(ACME), localPassword: LOCAL_PASSWORD },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect([201, 409]).toContain(res.status());
}

export async function ensureSupportUser(
  request: APIRequestContext,
  csrf: string,
  username = 'support1',
  password = 'support-password-1',
) {
  const res = await request.post('/api/v1/users', {
    data: { username, password, role: 'support' },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect([201, 409]).toContain(res.status());
  return { username, password };
}

const pick = (a: typeof ACME) => ({ companyName: a.companyName, applicationName: a.applicationName });

/** An application logging in over REST, as a Data Access client would. */
export async function restLogin(request: APIRequestContext): Promise<string> {
  const res = await request.get(REST, {
    params: { applicationName: ACME.applicationName, companyName: ACME.companyName },
    headers: { Authorization: LOCAL_PASSWORD, ApplicationInfo: ACME.applicationPassword },
  });
  const body = (await res.json()) as { result: boolean; sessionId: string };
  expect(body.result).toBe(true);
  return body.sessionId;
}

export async function restKeepAlive(request: APIRequestContext, sessionId: string): Promise<number> {
  return (await request.put(REST, { headers: { Authorization: sessionId } })).status();
}

/** An application logging in over SOAP with the envelope an Axis2 client sends. */
export async function soapLogin(request: APIRequestContext): Promise<string> {
  const field = (k: string, v: string) => `<ax:${k} xmlns:ax="${T}">${v}</ax:${k}>`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
    `<ns:loginEx xmlns:ns="${S}"><ns:req xmlns:ns="${S}">${field('applicationName', ACME.applicationName)}${field('companyName', ACME.companyName)}` +
    `${field('applicationPassword', ACME.applicationPassword)}${field('localPassword', LOCAL_PASSWORD)}${field('version', '4.0')}</ns:req></ns:loginEx></soapenv:Body></soapenv:Envelope>`;
  const res = await request.post('/axis2/services/SessionService', {
    data: xml,
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"urn:loginEx"' },
  });
  const text = await res.text();
  expect(text).toContain('result="true"');
  return /sessionId="(\d+)"/.exec(text)![1]!;
}

export async function uiSignIn(page: Page, user = ADMIN): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/user name/i).fill(user.username);
  await page.getByLabel(/password/i).fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/overview$/);
}

/** Runs axe on the page (or an open dialog) and fails on serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page, include?: string): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Switches the fake Mitel Certificate Server between answering the ACL and failing (HTTP 500). */
export async function setMcsMode(
  request: APIRequestContext,
  mcsPort: number,
  mode: 'ok' | 'fail',
): Promise<void> {
  const res = await request.post(`http://127.0.0.1:${mcsPort}/control`, { data: { mode } });
  expect(res.ok()).toBe(true);
}

/** A mutating admin API call with the CSRF token. */
export function apiWrite(
  request: APIRequestContext,
  csrf: string,
  method: 'post' | 'put' | 'patch' | 'delete',
  path: string,
  data?: unknown,
) {
  return request[method](path, {
    headers: { 'X-CSRF-Token': csrf },
    ...(data === undefined ? {} : { data }),
  });
}

/** Switches the fake Google's users endpoint between answering and failing with an HTTP status. */
export async function setGoogleUsers(
  request: APIRequestContext,
  peersPort: number,
  users: 'ok' | 500 | 403,
): Promise<void> {
  const res = await request.post(`http://127.0.0.1:${peersPort}/google/control`, { data: { users } });
  expect(res.ok()).toBe(true);
}

/** A mail the fake SMTP peer received (GET /mails on the peers' port), attachments as text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

/** Every mail the fake SMTP peer received so far. */
export async function receivedMails(request: APIRequestContext, peersPort: number): Promise<ReceivedMail[]> {
  return (await (await request.get(`http://127.0.0.1:${peersPort}/mails`)).json()) as ReceivedMail[];
}
