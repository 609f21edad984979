import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AclFile } from '@oig/shared';
import { startFakeMcs, type FakeMcs } from '../../../test/fake-mcs.js';
import { AclRegistry, aclSnapshotSchema, snapshotOf } from '../acl-registry.js';
import { displayUrl, fetchAclFromMcs, McsFetchError, parseAcl } from '../mcs-client.js';

const FILE: AclFile = {
  applications: [
    {
      companyName: 'Acme',
      applicationName: 'Call Recorder',
      applicationPassword: 'acme-secret-1',
      serviceType: 'standard',
      licenseProfile: 'third-party',
    },
    {
      companyName: 'Mitel',
      applicationName: 'Google',
      applicationPassword: 'google-secret-1',
      serviceType: 'standard',
      licenseProfile: 'google',
    },
  ],
};

describe('AclRegistry', () => {
  const verify = (acl: AclRegistry, entry: Parameters<AclRegistry['passwordCheck']>[0], password: string) =>
    acl.passwordCheck(entry, password).run();

  it('verifies application passwords of a file list (fast, memory only) and keeps no clear text', async () => {
    const acl = new AclRegistry(FILE, 'test', 'file');
    const acme = acl.find('Acme', 'Call Recorder')!;
    expect(acl.passwordCheck(acme, 'anything').slow).toBe(false);
    expect(await verify(acl, acme, 'acme-secret-1')).toBe(true);
    expect(await verify(acl, acme, 'acme-secret-2')).toBe(false);
    expect(await verify(acl, acme, 'google-secret-1')).toBe(false);
    expect(await verify(acl, acme, '')).toBe(false);
    // An entry from elsewhere (not in this list) never verifies.
    expect(await verify(acl, { ...acme, applicationName: 'Other' }, 'acme-secret-1')).toBe(false);
    expect(JSON.stringify(acl.describe(() => false))).not.toContain('secret');
    expect(acl.find('Acme', 'Google')).toBeUndefined();
  });

  it('stores snapshots as salted slow hashes that still verify after a JSON round trip', async () => {
    const snap = await snapshotOf(
      FILE,
      'http://127.0.0.1:1/acl',
      'mcs',
      new Date('2026-01-02T03:04:05.000Z'),
    );
    const json = JSON.stringify(snap);
    expect(json).not.toContain('acme-secret-1');
    expect(json).not.toContain('google-secret-1');
    expect(json).not.toContain('applicationPassword"');
    const parsed = aclSnapshotSchema.parse(JSON.parse(json));
    expect(parsed.applications.every((a) => a.applicationPasswordHash.startsWith('scrypt$'))).toBe(true);

    const acl = new AclRegistry({ applications: [] }, 'bundled demo ACL', 'bundled');
    expect(acl.find('Acme', 'Call Recorder')).toBeUndefined();
    acl.load(parsed);
    expect(acl.source).toBe('http://127.0.0.1:1/acl');
    expect(acl.sourceKind).toBe('mcs');
    expect(acl.loadedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    const acme = acl.find('Acme', 'Call Recorder')!;
    expect(acme).toEqual({
      companyName: 'Acme',
      applicationName: 'Call Recorder',
      serviceType: 'standard',
      licenseProfile: 'third-party',
    });
    // The first check of a password costs a slow hash (so the caller throttles it first); a verified one does not.
    expect(acl.passwordCheck(acme, 'acme-secret-1').slow).toBe(true);
    expect(await verify(acl, acme, 'acme-secret-1')).toBe(true);
    expect(acl.passwordCheck(acme, 'acme-secret-1').slow).toBe(false);
    expect(await verify(acl, acme, 'acme-secret-1 ')).toBe(false);
    expect(acl.passwordCheck(acme, 'acme-secret-1 ').slow).toBe(true);

    // Every hash has its own salt: equal passwords give different hashes.
    const again = await snapshotOf(FILE, 'x', 'mcs', new Date());
    expect(again.applications[0]!.applicationPasswordHash).not.toBe(
      snap.applications[0]!.applicationPasswordHash,
    );
  });

  it('refuses stored snapshots whose passwords are not slow hashes', async () => {
    const snap = await snapshotOf(FILE, 'x', 'mcs', new Date());
    const bad = { ...snap, applications: [{ ...snap.applications[0]!, applicationPasswordHash: 'c2hvcnQ' }] };
    expect(aclSnapshotSchema.safeParse(bad).success).toBe(false);
    expect(aclSnapshotSchema.safeParse({ ...snap, version: 1 }).success).toBe(false);
  });
});

describe('MCS client', () => {
  let mcs: FakeMcs;
  beforeAll(async () => {
    mcs = await startFakeMcs();
  });
  afterAll(() => mcs.close());

  it('fetches and checks an ACL', async () => {
    mcs.set({ kind: 'json', body: FILE });
    expect(await fetchAclFromMcs(mcs.url, 2000)).toEqual(FILE);
    expect(mcs.lastAuthorization).toBeUndefined();
  });

  it('sends credentials in the URL as HTTP Basic authentication, and never shows them', async () => {
    mcs.set({ kind: 'json', body: FILE });
    const url = mcs.url.replace('http://', 'http://mcs%20user:p%40ss@');
    expect(await fetchAclFromMcs(url, 2000)).toEqual(FILE);
    expect(mcs.lastAuthorization).toBe(`Basic ${Buffer.from('mcs user:p@ss').toString('base64')}`);
    expect(displayUrl(url)).toBe(mcs.url);
  });

  it('caps the body even below the default limit', async () => {
    mcs.set({ kind: 'json', body: FILE });
    const err = await fetchAclFromMcs(mcs.url, 2000, 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McsFetchError);
    expect((err as McsFetchError).reason).toMatch(/larger than/);
  });

  it('explains answers that are not a usable ACL', () => {
    const reason = (text: string) => {
      try {
        parseAcl(text);
        return 'accepted';
      } catch (e) {
        return (e as McsFetchError).reason;
      }
    };
    expect(reason('')).toMatch(/^the answer is not JSON/);
    expect(reason('{"applications":{}}')).toMatch(
      /^the answer is not an Access Control List: applications: /,
    );
    expect(
      reason(JSON.stringify({ applications: [{ ...FILE.applications[0], companyName: 'bad\u0001name' }] })),
    ).toMatch(/applications\.0\.companyName: .*control characters/);
    expect(reason(JSON.stringify({ applications: [FILE.applications[1], FILE.applications[1]] }))).toBe(
      'the answer is not an Access Control List: applications.1: "Google" of "Mitel" is listed twice',
    );
    expect(reason(JSON.stringify(FILE))).toBe('accepted');
  });
});
