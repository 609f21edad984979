import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { aclEntrySchema, type AclApplication, type AclFile, type LicenseProfile, type ServiceType } from '@oig/shared';

export interface AclEntry {
  companyName: string;
  applicationName: string;
  serviceType: ServiceType;
  licenseProfile: LicenseProfile;
  certificateSubject?: string;
}

export type AclSourceKind = 'bundled' | 'file' | 'mcs';

const keyOf = (company: string, app: string) => `${company}\u0000${app}`;

/** SHA-256 digests and 32-byte salts, base64url without padding: 43 characters. */
const b64Digest = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url');

/**
 * An ACL as it may be stored: every application password only as SHA-256(salt ‖ password)
 * under one random salt per snapshot. This is what a fetched MCS list is persisted as
 * (settings key `acl.mcs`), so a restart and the other processes can use it.
 */
export const aclSnapshotSchema = z.object({
  version: z.literal(1),
  source: z.string().min(1),
  sourceKind: z.enum(['bundled', 'file', 'mcs']),
  /** When the list was obtained (ISO 8601). */
  loadedAt: z.iso.datetime(),
  salt: b64Digest,
  applications: z.array(aclEntrySchema.extend({ applicationPasswordDigest: b64Digest })),
});
export type AclSnapshot = z.infer<typeof aclSnapshotSchema>;

const digestOf = (salt: Buffer, password: string): Buffer => createHash('sha256').update(salt).update(password, 'utf8').digest();

/** Hashes the application passwords of a clear-text ACL under a fresh random salt. */
export function snapshotOf(file: AclFile, source: string, sourceKind: AclSourceKind, loadedAt: Date): AclSnapshot {
  const salt = randomBytes(32);
  return {
    version: 1,
    source,
    sourceKind,
    loadedAt: loadedAt.toISOString(),
    salt: salt.toString('base64url'),
    applications: file.applications.map(({ applicationPassword, ...entry }) => ({
      ...entry,
      applicationPasswordDigest: digestOf(salt, applicationPassword).toString('base64url'),
    })),
  };
}

interface Stored {
  entry: AclEntry;
  digest: Buffer;
}

/**
 * The Access Control List in use. Application passwords are never kept in clear text: only a
 * salted SHA-256 digest per entry, compared in constant time. The list is replaced as a whole
 * (the MCS fetch, or another process's fetch), so readers always see one consistent list.
 */
export class AclRegistry {
  private state!: { entries: Map<string, Stored>; salt: Buffer; source: string; sourceKind: AclSourceKind; loadedAt: Date };

  constructor(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()) {
    this.replace(file, source, sourceKind, now);
  }

  /** Uses a clear-text ACL (file, bundled demo): its passwords are hashed at once. */
  replace(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()): void {
    this.load(snapshotOf(file, source, sourceKind, now));
  }

  /** Uses a stored snapshot (application passwords as digests only). */
  load(snapshot: AclSnapshot): void {
    const entries = new Map<string, Stored>();
    for (const a of snapshot.applications) {
      const { applicationPasswordDigest, ...entry } = a;
      entries.set(keyOf(a.companyName, a.applicationName), { entry, digest: Buffer.from(applicationPasswordDigest, 'base64url') });
    }
    this.state = {
      entries,
      salt: Buffer.from(snapshot.salt, 'base64url'),
      source: snapshot.source,
      sourceKind: snapshot.sourceKind,
      loadedAt: new Date(snapshot.loadedAt),
    };
  }

  get source(): string {
    return this.state.source;
  }

  get sourceKind(): AclSourceKind {
    return this.state.sourceKind;
  }

  get loadedAt(): Date {
    return this.state.loadedAt;
  }

  find(companyName: string, applicationName: string): AclEntry | undefined {
    return this.state.entries.get(keyOf(companyName, applicationName))?.entry;
  }

  verifyApplicationPassword(entry: AclEntry, presented: string): boolean {
    // One read of the state: a list replaced meanwhile cannot mix one salt with another digest.
    const { entries, salt } = this.state;
    const stored = entries.get(keyOf(entry.companyName, entry.applicationName));
    if (!stored) return false;
    const given = digestOf(salt, presented);
    return stored.digest.length === given.length && timingSafeEqual(stored.digest, given);
  }

  list(): AclEntry[] {
    return [...this.state.entries.values()].map((e) => e.entry);
  }

  describe(hasLocalPassword: (e: AclEntry) => boolean): { source: string; sourceKind: AclSourceKind; loadedAt: string; applications: AclApplication[] } {
    return {
      source: this.state.source,
      sourceKind: this.state.sourceKind,
      loadedAt: this.state.loadedAt.toISOString(),
      applications: this.list().map((e) => ({ ...e, hasLocalPassword: hasLocalPassword(e) })),
    };
  }
}
