import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AclApplication, AclFile, LicenseProfile, ServiceType } from '@oig/shared';

export interface AclEntry {
  companyName: string;
  applicationName: string;
  serviceType: ServiceType;
  licenseProfile: LicenseProfile;
  certificateSubject?: string;
}

export type AclSourceKind = 'bundled' | 'file' | 'mcs';

const keyOf = (company: string, app: string) => `${company}\u0000${app}`;

/**
 * The Access Control List in use. Application passwords arrive in clear text in the ACL JSON;
 * only an HMAC under a per-process key is kept in memory.
 */
export class AclRegistry {
  private readonly hmacKey = randomBytes(32);
  private entries = new Map<string, { entry: AclEntry; passwordMac: Buffer }>();
  private meta!: { source: string; sourceKind: AclSourceKind; loadedAt: Date };

  constructor(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()) {
    this.replace(file, source, sourceKind, now);
  }

  private mac(password: string): Buffer {
    return createHmac('sha256', this.hmacKey).update(password).digest();
  }

  replace(file: AclFile, source: string, sourceKind: AclSourceKind, now = new Date()): void {
    const next = new Map<string, { entry: AclEntry; passwordMac: Buffer }>();
    for (const a of file.applications) {
      const { applicationPassword, ...entry } = a;
      next.set(keyOf(a.companyName, a.applicationName), { entry, passwordMac: this.mac(applicationPassword) });
    }
    this.entries = next;
    this.meta = { source, sourceKind, loadedAt: now };
  }

  find(companyName: string, applicationName: string): AclEntry | undefined {
    return this.entries.get(keyOf(companyName, applicationName))?.entry;
  }

  verifyApplicationPassword(entry: AclEntry, presented: string): boolean {
    const stored = this.entries.get(keyOf(entry.companyName, entry.applicationName));
    return !!stored && timingSafeEqual(stored.passwordMac, this.mac(presented));
  }

  list(): AclEntry[] {
    return [...this.entries.values()].map((e) => e.entry);
  }

  describe(hasLocalPassword: (e: AclEntry) => boolean): { source: string; sourceKind: AclSourceKind; loadedAt: string; applications: AclApplication[] } {
    return {
      source: this.meta.source,
      sourceKind: this.meta.sourceKind,
      loadedAt: this.meta.loadedAt.toISOString(),
      applications: this.list().map((e) => ({ ...e, hasLocalPassword: hasLocalPassword(e) })),
    };
  }
}
