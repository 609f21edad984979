import { appKey } from '../../lib/app-key.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  aclEntrySchema,
  type AclApplication,
  type AclFile,
  type LicenseProfile,
  type ServiceType,
} from '@oig/shared';
import { hashPassword, VerifiedPasswordCache, type SlowGuard, type Verdict } from '../../lib/passwords.js';

export interface AclEntry {
  companyName: string;
  applicationName: string;
  serviceType: ServiceType;
  licenseProfile: LicenseProfile;
  certificateSubject?: string;
}

export type AclSourceKind = 'bundled' | 'file' | 'mcs';

/**
 * An ACL as it may be stored: every application password only as a salted slow hash (scrypt,
 * as for local passwords). This is what a fetched MCS list is persisted as (settings key
 * `acl.mcs`), so a restart and the other processes can use it, and a copy of the database
 * does not give the passwords away to a fast offline search.
 */
export const aclSnapshotSchema = z.object({
  version: z.literal(2),
  source: z.string().min(1),
  sourceKind: z.enum(['bundled', 'file', 'mcs']),
  /** When the list was obtained (ISO 8601). */
  loadedAt: z.iso.datetime(),
  applications: z.array(aclEntrySchema.extend({ applicationPasswordHash: z.string().startsWith('scrypt$') })),
});
export type AclSnapshot = z.infer<typeof aclSnapshotSchema>;

/** Hashes the application passwords of a clear-text ACL for storage. */
export async function snapshotOf(
  file: AclFile,
  source: string,
  sourceKind: AclSourceKind,
  loadedAt: Date,
): Promise<AclSnapshot> {
  return {
    version: 2,
    source,
    sourceKind,
    loadedAt: loadedAt.toISOString(),
    applications: await Promise.all(
      file.applications.map(async ({ applicationPassword, ...entry }) => ({
        ...entry,
        applicationPasswordHash: await hashPassword(applicationPassword),
      })),
    ),
  };
}

/** An entry's password: a per-process keyed digest (clear-text file, never stored) or a stored slow hash. */
type Stored =
  { entry: AclEntry; mac: Buffer; hash?: undefined } | { entry: AclEntry; hash: string; mac?: undefined };

/**
 * How to check one presented application password; `slow` when it will cost a slow hash. `run`
 * runs `guard` around that slow hash only (see VerifiedPasswordCache.verify).
 */
export interface PasswordCheck {
  slow: boolean;
  run(guard?: SlowGuard): Promise<Verdict>;
}

/**
 * The Access Control List in use. Application passwords are never kept in clear text: a list
 * read from a file is kept as HMACs under a per-process key (memory only); a stored snapshot
 * keeps scrypt hashes, checked once per process and password through a cache of successes.
 * The list is replaced as a whole, so readers always see one consistent list.
 */
export class AclRegistry {
  private readonly macKey = randomBytes(32);
  private readonly verified = new VerifiedPasswordCache();
  private state!: { entries: Map<string, Stored>; source: string; sourceKind: AclSourceKind; loadedAt: Date };

  constructor(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()) {
    this.replace(file, source, sourceKind, now);
  }

  private mac(password: string): Buffer {
    return createHmac('sha256', this.macKey).update(password, 'utf8').digest();
  }

  /** Uses a clear-text ACL (file, bundled demo): its passwords are kept as keyed digests only. */
  replace(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()): void {
    const entries = new Map<string, Stored>();
    for (const { applicationPassword, ...entry } of file.applications) {
      entries.set(appKey(entry.companyName, entry.applicationName), {
        entry,
        mac: this.mac(applicationPassword),
      });
    }
    this.state = { entries, source, sourceKind, loadedAt: now };
  }

  /** Uses a stored snapshot (application passwords as slow hashes only). */
  load(snapshot: AclSnapshot): void {
    const entries = new Map<string, Stored>();
    for (const { applicationPasswordHash, ...entry } of snapshot.applications) {
      entries.set(appKey(entry.companyName, entry.applicationName), { entry, hash: applicationPasswordHash });
    }
    this.state = {
      entries,
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
    return this.state.entries.get(appKey(companyName, applicationName))?.entry;
  }

  /** The check of a presented application password (the caller throttles slow ones first). */
  passwordCheck(entry: AclEntry, presented: string): PasswordCheck {
    const stored = this.state.entries.get(appKey(entry.companyName, entry.applicationName));
    if (!stored) return { slow: false, run: async () => false };
    if (stored.mac) {
      const mac = stored.mac;
      return { slow: false, run: async () => timingSafeEqual(mac, this.mac(presented)) };
    }
    const hash = stored.hash;
    return {
      slow: this.verified.state(presented, hash) === 'unknown',
      run: (guard) => this.verified.verify(presented, hash, guard),
    };
  }

  list(): AclEntry[] {
    return [...this.state.entries.values()].map((e) => e.entry);
  }

  describe(hasLocalPassword: (e: AclEntry) => boolean): {
    source: string;
    sourceKind: AclSourceKind;
    loadedAt: string;
    applications: AclApplication[];
  } {
    return {
      source: this.state.source,
      sourceKind: this.state.sourceKind,
      loadedAt: this.state.loadedAt.toISOString(),
      applications: this.list().map((e) => ({ ...e, hasLocalPassword: hasLocalPassword(e) })),
    };
  }
}
