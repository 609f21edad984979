import type { Logger } from 'pino';
import {
  BACKUP_DIFF_EXAMPLES,
  BACKUP_FORMAT_VERSION,
  BACKUP_PRODUCT_VERSION,
  BACKUP_SECTIONS,
  backupFileName,
  type BackupSection,
  type BackupUserRow,
  type RestoreReport,
  type SectionDiff,
} from '@oig/shared';
import { AppError } from '../../http/app-error.js';
import type { UploadedFile } from '../../http/upload.js';
import { createSerialQueue } from '../../lib/serial.js';
import { sliceClock, type SliceClock } from '../../lib/slices.js';
import type { Actor, AuditService } from '../audit/index.js';
import {
  decodeContent,
  encodeContent,
  invalid,
  open,
  seal,
  type BackupContent,
  type KdfCost,
} from './backup.file.js';
import {
  settingValue,
  type BackupRepo,
  type RestorePlan,
  type SettingPlace,
  type StoredConfig,
} from './backup.repo.js';

/** How one section's items are compared: their key, the name shown, and whether two are equal. */
interface Rule<T> {
  key: (v: T) => string;
  name: (v: T) => string;
  equal: (a: T, b: T) => boolean;
}

interface Compared<T> {
  diff: SectionDiff;
  removed: T[];
  changed: T[];
  added: T[];
  /** Stored items that are changed (the stored side). */
  changedStored: T[];
}

/**
 * The backup's items against the stored ones, in slices. No text is made per item (a user list of
 * 100,000 rows on each side would be 200,000 strings for the collector to reclaim).
 */
async function compare<T>(
  section: BackupSection,
  wanted: readonly T[],
  stored: readonly T[],
  rule: Rule<T>,
  clock: SliceClock,
): Promise<Compared<T>> {
  const before = new Map<string, T>();
  for (let i = 0; i < stored.length; i++) {
    before.set(rule.key(stored[i]!), stored[i]!);
    if (i % 1024 === 1023) await clock.pause();
  }
  const out: Compared<T> = { removed: [], changed: [], added: [], changedStored: [], diff: undefined! };
  const examples = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  const note = (list: string[], v: T) => {
    if (list.length < BACKUP_DIFF_EXAMPLES) list.push(rule.name(v));
  };
  let unchanged = 0;
  const seen = new Set<string>();
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i]!;
    const key = rule.key(w);
    if (seen.has(key)) throw invalid('duplicate', `${section} lists "${rule.name(w)}" twice`);
    seen.add(key);
    const s = before.get(key);
    if (s === undefined) {
      out.added.push(w);
      note(examples.added, w);
    } else if (!rule.equal(s, w)) {
      out.changed.push(w);
      out.changedStored.push(s);
      note(examples.changed, w);
    } else unchanged++;
    if (i % 1024 === 1023) await clock.pause();
  }
  let i = 0;
  for (const [key, s] of before) {
    if (!seen.has(key)) {
      out.removed.push(s);
      note(examples.removed, s);
    }
    if (++i % 4096 === 0) await clock.pause();
  }
  out.diff = {
    section,
    added: out.added.length,
    changed: out.changed.length,
    removed: out.removed.length,
    unchanged,
    examples,
  };
  return out;
}

/**
 * The user list: the backup's rows by phone key, against the stored list read a page at a time
 * (never whole: see the repo's `check`/`restore`). A stored row found in the backup is taken out
 * of the map, so what is left at the end was added.
 */
async function compareUserList(
  wanted: readonly BackupUserRow[],
  pages: AsyncGenerator<BackupUserRow[]>,
  clock: SliceClock,
): Promise<{ diff: SectionDiff; removed: string[]; changed: BackupUserRow[]; added: BackupUserRow[] }> {
  const byKey = new Map<string, BackupUserRow>();
  for (let i = 0; i < wanted.length; i++) {
    const r = wanted[i]!;
    if (byKey.has(r[0])) throw invalid('duplicate', `userList lists "${r[1]}" twice`);
    byKey.set(r[0], r);
    if (i % 1024 === 1023) await clock.pause();
  }
  const removed: string[] = [];
  const changed: BackupUserRow[] = [];
  const examples = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  const note = (list: string[], name: string) => {
    if (list.length < BACKUP_DIFF_EXAMPLES) list.push(name);
  };
  let unchanged = 0;
  for await (const page of pages) {
    for (const s of page) {
      const w = byKey.get(s[0]);
      if (w === undefined) {
        removed.push(s[0]);
        note(examples.removed, s[1]);
        continue;
      }
      byKey.delete(s[0]);
      if (sameRow(s, w)) unchanged++;
      else {
        changed.push(w);
        note(examples.changed, w[1]);
      }
    }
    await clock.pause();
  }
  const added: BackupUserRow[] = [];
  let i = 0;
  for (const w of byKey.values()) {
    added.push(w);
    note(examples.added, w[1]);
    if (++i % 4096 === 0) await clock.pause();
  }
  return {
    diff: {
      section: 'userList',
      added: added.length,
      changed: changed.length,
      removed: removed.length,
      unchanged,
      examples,
    },
    removed,
    changed,
    added,
  };
}

/** Ids are the database's keys: two items with one id would fail the restore on the key. */
function checkIds(content: BackupContent): void {
  const { networkElements, consoleUsers } = content.document.sections;
  for (const [section, items] of [
    ['networkElements', networkElements],
    ['consoleUsers', consoleUsers],
  ] as const) {
    const ids = new Set<string>();
    for (const { id } of items) {
      if (ids.has(id)) throw invalid('duplicate_id', `${section} has the id "${id}" twice`);
      ids.add(id);
    }
  }
}

/** Equal as JSON, timestamps aside (small sections only). */
const sameWithoutTimes = <T extends { createdAt: number; updatedAt: number }>(a: T, b: T) =>
  withoutTimes(a) === withoutTimes(b);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Two user-list rows are equal field by field. */
const sameRow = (a: readonly unknown[], b: readonly unknown[]) => a.every((v, i) => v === b[i]);

const withoutTimes = <T extends { createdAt: number; updatedAt: number }>({
  createdAt: _c,
  updatedAt: _u,
  ...rest
}: T) => JSON.stringify(rest);

/** The stored configuration as a backup's content. */
function contentOf(stored: StoredConfig, now: number): BackupContent {
  const s = stored.settings;
  return {
    document: {
      formatVersion: BACKUP_FORMAT_VERSION,
      productVersion: BACKUP_PRODUCT_VERSION,
      createdAt: new Date(now).toISOString(),
      sections: {
        accounts: stored.accounts,
        acl: settingValue(s.acl),
        networkElements: stored.networkElements,
        defaults: { mivb: settingValue(s.mivb), micc: settingValue(s.micc) },
        openMedia: stored.openMedia,
        options: settingValue(s.options),
        mail: settingValue(s.mail),
        consoleUsers: stored.consoleUsers,
        mivoiceSettings: { settings: settingValue(s.mivoice), google: settingValue(s.google) },
      },
      localizationLanguages: stored.localization.length,
      userListRows: stored.userList.length,
    },
    localization: stored.localization,
    userList: stored.userList,
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Configuration backup and restore: the whole configuration in one encrypted file, and back —
 * a dry run says per section what would change; a restore applies all of it in one transaction.
 */
export function createBackupService(deps: {
  repo: BackupRepo;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  now: () => number;
  /** Re-reads settings kept in memory (options, the fetched ACL) after a restore. */
  afterRestore: (keys: readonly SettingPlace[]) => Promise<void>;
  /** scrypt cost of new backups (tests: a small one). */
  kdf?: KdfCost;
}) {
  const { repo, logger } = deps;
  /** One restore or backup at a time in this process (each holds a whole configuration in memory). */
  const serialised = createSerialQueue();
  let restoring = false;

  /** What restoring `content` over `stored` changes: the diff per section and the plan. */
  const planOf = async (
    content: BackupContent,
    stored: StoredConfig,
    users: () => AsyncGenerator<BackupUserRow[]>,
    actor: Actor,
  ) => {
    const clock = sliceClock();
    const b = content.document.sections;
    const diffs: SectionDiff[] = [];
    const plan: RestorePlan = {
      accounts: { remove: [], put: [] },
      settings: {},
      networkElements: { remove: [], put: [] },
      openMedia: [],
      consoleUsers: { remove: [], update: [], insert: [] },
      localization: { remove: [], put: [] },
      userList: { remove: [], put: [] },
    };
    const appKey = (a: { companyName: string; applicationName: string }) =>
      JSON.stringify([a.companyName, a.applicationName]);
    const appName = (a: { companyName: string; applicationName: string }) =>
      `${a.companyName} / ${a.applicationName}`;
    const wantedSettings: Record<SettingPlace, string | null> = {
      acl: json(b.acl),
      mivb: json(b.defaults.mivb),
      micc: json(b.defaults.micc),
      options: json(b.options),
      mail: json(b.mail),
      mivoice: json(b.mivoiceSettings.settings),
      google: json(b.mivoiceSettings.google),
    };
    const settingsSection = async (section: BackupSection, places: [SettingPlace, string][]) => {
      const names = new Map(places);
      const set = (texts: Record<SettingPlace, string | null>) =>
        places.map(([p]) => p).filter((p) => texts[p] !== null);
      const c = await compare(
        section,
        set(wantedSettings),
        set(stored.settings),
        {
          key: (p) => p,
          name: (p) => names.get(p)!,
          equal: (p) => wantedSettings[p] === stored.settings[p],
        },
        clock,
      );
      for (const p of [...c.added, ...c.changed]) plan.settings[p] = wantedSettings[p];
      for (const p of c.removed) plan.settings[p] = null;
      diffs.push(c.diff);
    };

    for (const section of BACKUP_SECTIONS) {
      switch (section) {
        case 'accounts': {
          const c = await compare(
            section,
            b.accounts,
            stored.accounts,
            {
              key: appKey,
              name: appName,
              equal: sameWithoutTimes,
            },
            clock,
          );
          plan.accounts = { remove: c.removed, put: [...c.changed, ...c.added] };
          diffs.push(c.diff);
          break;
        }
        case 'acl':
          await settingsSection(section, [['acl', 'ACL']]);
          break;
        case 'networkElements': {
          const key = (e: { ipAddress: string }) => e.ipAddress;
          const c = await compare(
            section,
            b.networkElements,
            stored.networkElements,
            {
              key,
              name: key,
              equal: sameWithoutTimes,
            },
            clock,
          );
          plan.networkElements = { remove: c.removed, put: [...c.changed, ...c.added] };
          diffs.push(c.diff);
          break;
        }
        case 'defaults':
          await settingsSection(section, [
            ['mivb', 'MiVoice Business'],
            ['micc', 'MiContact Center'],
          ]);
          break;
        case 'openMedia': {
          const key = (o: { ipAddress: string }) => o.ipAddress;
          const has = (o: { logonId: string | null; password: string | null }) =>
            o.logonId !== null || o.password !== null;
          const c = await compare(
            section,
            b.openMedia.filter(has),
            stored.openMedia.filter(has),
            {
              key,
              name: key,
              equal: sameJson,
            },
            clock,
          );
          // Every MiCC of the backup gets its credentials (a rewritten element starts without).
          plan.openMedia = b.openMedia;
          diffs.push(c.diff);
          break;
        }
        case 'options':
          await settingsSection(section, [['options', 'Options']]);
          break;
        case 'mail':
          await settingsSection(section, [['mail', 'SMTP']]);
          break;
        case 'consoleUsers': {
          const key = (u: { username: string }) => u.username.toLowerCase();
          const name = (u: { username: string }) => u.username;
          const c = await compare(
            section,
            b.consoleUsers,
            stored.consoleUsers,
            {
              key,
              name,
              equal: ({ id: _a, ...x }, { id: _b, ...y }) => sameWithoutTimes(x, y),
            },
            clock,
          );
          const storedOf = new Map(c.changedStored.map((u) => [key(u), u]));
          plan.consoleUsers = {
            remove: c.removed,
            update: c.changed.map((u) => {
              const s = storedOf.get(key(u))!;
              // A new password ends the user's sessions, as a password change does (auth's setPassword).
              return { ...u, id: s.id, passwordChanged: s.passwordHash !== u.passwordHash };
            }),
            insert: c.added,
          };
          diffs.push(c.diff);
          break;
        }
        case 'mivoiceSettings':
          await settingsSection(section, [
            ['mivoice', 'MiVoice'],
            ['google', 'Google'],
          ]);
          break;
        case 'userList': {
          const c = await compareUserList(content.userList, users(), clock);
          plan.userList = { remove: c.removed, put: [...c.changed, ...c.added] };
          diffs.push(c.diff);
          break;
        }
        case 'localization': {
          const key = (l: { application: string; language: string }) => `${l.application}/${l.language}`;
          const c = await compare(
            section,
            content.localization,
            stored.localization,
            {
              key,
              name: key,
              equal: sameJson,
            },
            clock,
          );
          plan.localization = { remove: c.removed, put: [...c.changed, ...c.added] };
          diffs.push(c.diff);
          break;
        }
      }
    }
    const me = actor.username.toLowerCase();
    const signsYouOut = !b.consoleUsers.some((u) => !u.disabled && u.username.toLowerCase() === me);
    const passwordsChanged = plan.consoleUsers.update.filter((u) => u.passwordChanged).length;
    return { diffs, plan, signsYouOut, passwordsChanged };
  };

  const reportOf = (
    content: BackupContent,
    diffs: SectionDiff[],
    dryRun: boolean,
    { signsYouOut, passwordsChanged }: { signsYouOut: boolean; passwordsChanged: number },
  ): RestoreReport => ({
    dryRun,
    applied: !dryRun,
    formatVersion: content.document.formatVersion,
    productVersion: content.document.productVersion,
    createdAt: content.document.createdAt,
    sections: diffs,
    signsYouOut,
    passwordsChanged,
  });

  return {
    /** The whole configuration as an encrypted backup file. */
    async create(passphrase: string, actor: Actor): Promise<{ fileName: string; bytes: Buffer }> {
      const t0 = performance.now();
      const at = deps.now();
      const content = contentOf(await serialised(() => repo.read()), at);
      const bytes = await seal(await encodeContent(content), passphrase, deps.kdf);
      const counts = {
        accounts: content.document.sections.accounts.length,
        networkElements: content.document.sections.networkElements.length,
        consoleUsers: content.document.sections.consoleUsers.length,
        userList: content.userList.length,
        localization: content.localization.length,
        bytes: bytes.length,
      };
      await deps.audit.record(actor, 'backup.create', 'Configuration backup', undefined, counts);
      logger.info(
        { actor: actor.username, ...counts, ms: Math.round(performance.now() - t0) },
        'configuration backup made',
      );
      return { fileName: backupFileName(new Date(at)), bytes };
    },

    /**
     * Restores a backup file: a dry run answers what would change, section by section; otherwise
     * everything is applied in one transaction (or nothing is), then one audit entry is written
     * and the settings other modules keep in memory are re-read.
     */
    async restore(
      file: UploadedFile,
      passphrase: string,
      dryRun: boolean,
      actor: Actor,
      /** The restoring administrator's session (its token hash): kept when their password changes. */
      keepSession?: string,
    ): Promise<RestoreReport> {
      // One restore or dry run at a time, the KDF and the decoding included: each holds a pool
      // thread and hundreds of MiB for a while; a second one is refused rather than queued.
      if (restoring)
        throw AppError.withReason(
          'conflict',
          'backup_busy',
          'A restore or its dry run is already running; try again when it has finished',
        );
      restoring = true;
      try {
        return await restoreOne(file, passphrase, dryRun, actor, keepSession);
      } finally {
        restoring = false;
      }
    },
  };

  async function restoreOne(
    file: UploadedFile,
    passphrase: string,
    dryRun: boolean,
    actor: Actor,
    keepSession: string | undefined,
  ): Promise<RestoreReport> {
    const t0 = performance.now();
    const content = await decodeContent(await open(file.bytes, passphrase));
    const b = content.document.sections;
    if (!b.consoleUsers.some((u) => u.role === 'administrator' && !u.disabled))
      throw new AppError(
        'bad_request',
        'backup_no_administrator',
        'The backup has no enabled administrator: restoring it would leave nobody able to sign in',
      );
    checkIds(content);
    const report = await serialised(async () => {
      if (dryRun)
        return repo.check(async (stored, users) => {
          const { diffs, ...consequences } = await planOf(content, stored, users, actor);
          return reportOf(content, diffs, true, consequences);
        });
      return repo.restore(async (stored, users) => {
        const { diffs, plan, ...consequences } = await planOf(content, stored, users, actor);
        return { plan: { ...plan, keepSession }, result: reportOf(content, diffs, false, consequences) };
      });
    });
    const summary = Object.fromEntries(
      report.sections.map((d) => [
        d.section,
        { added: d.added, changed: d.changed, removed: d.removed, unchanged: d.unchanged },
      ]),
    );
    if (!dryRun) {
      await deps.audit.record(actor, 'backup.restore', `Configuration backup "${file.name}"`, undefined, {
        createdAt: report.createdAt,
        ...summary,
      });
      await deps.afterRestore(['options', 'acl']);
    }
    logger.info(
      { actor: actor.username, file: file.name, dryRun, ms: Math.round(performance.now() - t0) },
      dryRun ? 'configuration restore checked' : 'configuration restored',
    );
    return report;
  }
}
export type BackupService = ReturnType<typeof createBackupService>;
