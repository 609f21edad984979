import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  AUDIT_MASK,
  canonicalIp,
  FACTORY_MICC_DEFAULTS,
  FACTORY_MIVB_DEFAULTS,
  MAX_MIVB_ELEMENTS,
  MICC_OPEN_MEDIA_PORT,
  miccSettingsSchema,
  mivbSettingsSchema,
  type MiccSettings,
  type MivbSettings,
  type NetworkElement,
  type NetworkElementInput,
  type NetworkElementType,
  type TransportProtocol,
} from '@oig/shared';
import { AppError, fieldProblem } from '../../http/app-error.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { SettingsStore } from '../../db/settings-store.js';
import type {
  ElementValues,
  NetworkElementRow,
  NetworkElementsRepo,
  WriteConflict,
} from './network-elements.repo.js';
import { miccProtocolOf, probeTargetKey, type Prober } from './probe.js';

/** Where Set Default Values keeps the values that Default elements inherit. */
export const DEFAULTS_KEYS = {
  mivb: 'network-elements.defaults.mivb',
  micc: 'network-elements.defaults.micc',
} as const;
export const TYPE_LABELS: Record<NetworkElementType, string> = {
  mivb: 'MiVoice Business',
  micc: 'MiContact Center',
};
export const PROBE_ALL_TARGET = 'All network elements';

export interface ElementDefaults {
  mivb: MivbSettings;
  micc: MiccSettings;
}
export type DefaultsOf<T extends NetworkElementType> = ElementDefaults[T];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const iso = (ms: number) => new Date(ms).toISOString();

/** Sorts addresses by value (IPv4 first, then IPv6), not as text: 9.0.0.1 comes before 10.0.0.1. */
export function ipSortKey(ip: string): string {
  if (/^\d+(\.\d+){3}$/.test(ip))
    return `4${ip
      .split('.')
      .map((n) => Number(n).toString(16).padStart(2, '0'))
      .join('')}`;
  const [head = '', tail] = ip.split('::');
  if (ip.includes('.')) return `7${ip}`;
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `6${groups.map((g) => g.toLowerCase().padStart(4, '0')).join('')}`;
}

function conflictError(c: WriteConflict, ipAddress: string): AppError {
  switch (c) {
    case 'duplicate_ip':
      return new AppError(
        'conflict',
        'ip_address_in_use',
        `IP Address ${ipAddress} is already used by another network element`,
        {
          params: { ipAddress },
          fields: { ipAddress: fieldProblem('ip_address_taken', 'Already used by another network element') },
        },
      );
    case 'micc_exists': {
      const m = 'Only one MiContact Center network element is allowed';
      return new AppError('conflict', 'micc_exists', m, { fields: { type: fieldProblem('micc_exists', m) } });
    }
    case 'mivb_full': {
      const m = `At most ${MAX_MIVB_ELEMENTS} MiVoice Business network elements are allowed`;
      const params = { max: String(MAX_MIVB_ELEMENTS) };
      return new AppError('conflict', 'mivb_limit', m, {
        params,
        fields: { type: fieldProblem('mivb_limit', m, params) },
      });
    }
  }
}

const notFound = (id: string) =>
  new AppError(
    'not_found',
    'network_element_not_found',
    `Network element ${JSON.stringify(id.slice(0, 64))} does not exist`,
    {
      params: { id: id.slice(0, 64) },
    },
  );

/**
 * The MiContact Center's Open Media Service as the product reaches it: the URL and the
 * credentials of its SOAP headers (null: no authentication). `key` changes whenever any of it
 * does, so whoever keeps state about that service knows to start again.
 */
export interface MiccTarget {
  elementId: string;
  protocol: TransportProtocol;
  ipAddress: string;
  port: number;
  url: string;
  logonId: string | null;
  password: string | null;
  key: string;
}

/** An empty text removes a credential; absent keeps it. */
const credential = (v: string | undefined): string | null | undefined => {
  if (v === undefined) return undefined;
  return v === '' ? null : v;
};

/** What is stored for an input: the custom values only (a Default element inherits). */
function valuesOf(input: NetworkElementInput): ElementValues {
  if (input.type === 'mivb') {
    const { type, setup, ipAddress, ...settings } = input;
    return { type, setup, ipAddress: canonicalIp(ipAddress), settings: setup === 'custom' ? settings : null };
  }
  const { type, setup, ipAddress, openMediaLogonId, openMediaPassword, ...settings } = input;
  return {
    type,
    setup,
    ipAddress: canonicalIp(ipAddress),
    settings: setup === 'custom' ? settings : null,
    openMedia: { logonId: credential(openMediaLogonId), password: credential(openMediaPassword) },
  };
}

/**
 * The audit snapshot of an element: what the administrator set (Default elements: no values);
 * for a MiCC its Open Media logon ID, and the mask in place of a password that is set.
 */
const snapshot = (v: ElementValues | NetworkElementRow, creds?: Partial<NetworkElementRow>) => ({
  type: v.type,
  setup: v.setup,
  ipAddress: v.ipAddress,
  ...(v.settings ?? {}),
  ...(v.type === 'micc' && creds
    ? {
        openMediaLogonId: creds.openMediaLogonId ?? null,
        openMediaPassword: creds.openMediaPassword ? AUDIT_MASK : null,
      }
    : {}),
});

/** A password needs a logon ID to go with it (the service authenticates the pair). */
function checkCredentials(input: NetworkElementInput, storedLogonId: string | null): void {
  if (input.type !== 'micc' || !input.openMediaPassword) return;
  const logonId = input.openMediaLogonId === undefined ? storedLogonId : input.openMediaLogonId;
  if (logonId) return;
  const [reason, m] =
    input.openMediaLogonId === ''
      ? ([
          'empty_logon_id_with_password',
          'An empty Open Media logon ID removes the credentials: leave the password empty too',
        ] as const)
      : (['password_needs_logon_id', 'An Open Media password needs an Open Media logon ID'] as const);
  throw new AppError('validation_failed', reason, `Network element is invalid: ${m}`, {
    fields: { openMediaPassword: fieldProblem(reason, m) },
  });
}

/**
 * A stored Open Media password goes only where it was given for: a MiCC edited to another address
 * or transport needs its password typed again (else it would be sent to the new host unasked).
 */
export const PASSWORD_AGAIN_MESSAGE =
  'The address or transport of the MiContact Center changed: type its Open Media password again';

/**
 * Network Elements tab: MiVoice Business and MiContact Center elements, the default values
 * Default elements inherit (computed on read, so they follow later changes of the defaults),
 * and background reachability probes (never awaited by a request).
 */
export function createNetworkElementsService(deps: {
  repo: NetworkElementsRepo;
  settings: SettingsStore;
  audit: AuditService;
  prober: Prober;
  logger: Logger;
  now?: () => number;
  /** Port of the MiCC's Open Media Service (OIG_MICC_PORT). */
  openMediaPort?: number;
}) {
  const { repo, settings, audit, prober, logger } = deps;
  const now = deps.now ?? Date.now;

  const readDefaults = async (): Promise<ElementDefaults> => {
    const [mivb, micc] = await Promise.all([
      settings.get(DEFAULTS_KEYS.mivb, mivbSettingsSchema),
      settings.get(DEFAULTS_KEYS.micc, miccSettingsSchema),
    ]);
    return { mivb: mivb ?? FACTORY_MIVB_DEFAULTS, micc: micc ?? FACTORY_MICC_DEFAULTS };
  };
  prober.useMiccDefaults(async () => (await readDefaults()).micc);

  /** An element as read back, with its effective values. */
  const view = (row: NetworkElementRow, d: ElementDefaults): NetworkElement => {
    const common = {
      id: row.id,
      ipAddress: row.ipAddress,
      setup: row.setup,
      version: row.version,
      status: row.status,
      statusDetail: row.statusDetail,
      statusReason: row.statusReason,
      lastCheckedAt: row.lastCheckedAt === null ? null : iso(row.lastCheckedAt),
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    };
    /** A Custom element's own values (undefined for a Default one, or if the stored values no longer fit). */
    const own = <T>(parsed: { success: true; data: T } | { success: false }): T | undefined => {
      if (row.setup !== 'custom') return undefined;
      if (!parsed.success)
        logger.warn(
          { id: row.id },
          'stored custom values of a network element are invalid; showing the defaults',
        );
      return parsed.success ? parsed.data : undefined;
    };
    if (row.type === 'mivb')
      return { type: 'mivb', ...common, ...(own(mivbSettingsSchema.safeParse(row.settings)) ?? d.mivb) };
    return {
      type: 'micc',
      ...common,
      ...(own(miccSettingsSchema.safeParse(row.settings)) ?? d.micc),
      openMediaLogonId: row.openMediaLogonId,
      // The password itself never leaves the server.
      openMediaPasswordSet: row.openMediaPassword !== null,
    };
  };

  const mustFind = async (id: string): Promise<NetworkElementRow> => {
    const row = UUID.test(id) ? await repo.find(id) : undefined;
    if (!row) throw notFound(id);
    return row;
  };

  const get = async (id: string): Promise<NetworkElement> => {
    const [row, d] = await Promise.all([mustFind(id), readDefaults()]);
    return view(row, d);
  };

  return {
    get,

    /** Network elements configured (the Overview). */
    count: (): Promise<number> => repo.count(),

    async list(): Promise<NetworkElement[]> {
      const [rows, d] = await Promise.all([repo.list(), readDefaults()]);
      const key = (r: NetworkElementRow) => `${r.type} ${ipSortKey(r.ipAddress)}`;
      return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((r) => view(r, d));
    },

    async create(input: NetworkElementInput, actor: Actor): Promise<NetworkElement> {
      checkCredentials(input, null);
      const values = valuesOf(input);
      const id = randomUUID();
      const outcome = await repo.insert(id, values, now());
      if (outcome !== 'ok') throw conflictError(outcome, values.ipAddress);
      const created = await repo.find(id);
      await audit.record(
        actor,
        'network-element.create',
        values.ipAddress,
        undefined,
        snapshot(values, created),
      );
      logger.info(
        { actor: actor.username, id, type: values.type, ipAddress: values.ipAddress },
        'network element added',
      );
      void prober.probeOne(id);
      return get(id);
    },

    /** Replaces an element's values; type and setup may change too. */
    async update(id: string, input: NetworkElementInput, actor: Actor): Promise<NetworkElement> {
      if (!UUID.test(id)) throw notFound(id);
      const stored = await mustFind(id);
      checkCredentials(input, stored.openMediaLogonId);
      const values = valuesOf(input);
      const d = await readDefaults();
      if (
        input.type === 'micc' &&
        stored.openMediaPassword !== null &&
        values.openMedia?.password === undefined &&
        values.openMedia?.logonId !== null &&
        probeTargetKey(stored, d.micc) !== probeTargetKey(values, d.micc)
      ) {
        throw new AppError(
          'validation_failed',
          'password_again',
          `Network element is invalid: ${PASSWORD_AGAIN_MESSAGE}`,
          {
            fields: { openMediaPassword: fieldProblem('password_again', PASSWORD_AGAIN_MESSAGE) },
          },
        );
      }
      const res = await repo.update(
        id,
        values,
        now(),
        (before) => probeTargetKey(before, d.micc) !== probeTargetKey(values, d.micc),
      );
      if (res.outcome === 'not_found') throw notFound(id);
      if (res.outcome !== 'ok') throw conflictError(res.outcome, values.ipAddress);
      // Saved unchanged (and no new password): no audit entry.
      await audit.recordChange(
        actor,
        'network-element.update',
        values.ipAddress,
        snapshot(res.before, res.before),
        {
          ...snapshot(values, res.after),
          // The mask alone would not show that a password was replaced by another one.
          ...(values.openMedia?.password ? { openMediaPasswordChanged: true } : {}),
        },
      );
      logger.info(
        { actor: actor.username, id, type: values.type, ipAddress: values.ipAddress },
        'network element changed',
      );
      if (res.targetChanged) void prober.probeOne(id);
      return get(id);
    },

    async remove(id: string, actor: Actor): Promise<void> {
      const row = UUID.test(id) ? await repo.remove(id) : undefined;
      if (!row) throw notFound(id);
      await audit.record(actor, 'network-element.delete', row.ipAddress, snapshot(row, row));
      logger.info(
        { actor: actor.username, id, type: row.type, ipAddress: row.ipAddress },
        'network element deleted',
      );
    },

    async getDefaults<T extends NetworkElementType>(type: T): Promise<DefaultsOf<T>> {
      return (await readDefaults())[type];
    },

    /** Set Default Values: every Default element of the type follows at once. */
    async setDefaults<T extends NetworkElementType>(
      type: T,
      value: DefaultsOf<T>,
      actor: Actor,
    ): Promise<DefaultsOf<T>> {
      const before = (await readDefaults())[type];
      await settings.set(DEFAULTS_KEYS[type], value, now());
      // Saved unchanged: no audit entry.
      await audit.recordChange(
        actor,
        'network-element.defaults.update',
        `${TYPE_LABELS[type]} defaults`,
        { ...before },
        { ...value },
      );
      logger.info({ actor: actor.username, type }, 'network element defaults changed');
      // A Default MiCC element is probed over the default transport: probe it again if that changed.
      if (
        type === 'micc' &&
        (before as MiccSettings).transportProtocol !== (value as MiccSettings).transportProtocol
      ) {
        for (const row of await repo.list())
          if (row.type === 'micc' && row.setup === 'default') void prober.probeOne(row.id);
      }
      return value;
    },

    /** Starts a probe of every element in the background; the caller does not wait for it. */
    async probeAll(actor: Actor): Promise<void> {
      await audit.record(actor, 'network-element.probe', PROBE_ALL_TARGET);
      void prober.probeAll();
    },

    /** Where the MiCC's Open Media Service is and how to sign in to it; undefined without a MiCC. */
    async miccTarget(): Promise<MiccTarget | undefined> {
      const [row, d] = await Promise.all([repo.micc(), readDefaults()]);
      if (!row) return undefined;
      const protocol = miccProtocolOf(row, d.micc);
      const port = deps.openMediaPort ?? MICC_OPEN_MEDIA_PORT;
      const host = row.ipAddress.includes(':') ? `[${row.ipAddress}]` : row.ipAddress;
      const secret =
        row.openMediaPassword === null
          ? '-'
          : createHash('sha256').update(row.openMediaPassword).digest('hex');
      return {
        elementId: row.id,
        protocol,
        ipAddress: row.ipAddress,
        port,
        url: `${protocol}://${host}:${port}/OpenMediaService`,
        logonId: row.openMediaLogonId,
        password: row.openMediaPassword,
        // The password is in the key only as a digest: keys may be compared or logged.
        key: JSON.stringify([row.id, protocol, row.ipAddress, port, row.openMediaLogonId, secret]),
      };
    },

    /** Resolves once no probe is under way (for tests; a request never waits for probes). */
    probesIdle(): Promise<void> {
      return prober.idle();
    },
  };
}
export type NetworkElementsService = ReturnType<typeof createNetworkElementsService>;
