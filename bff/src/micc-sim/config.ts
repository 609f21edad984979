/**
 * The peer's model as a JSON `--config` file describes it (tenants, Open Media service groups,
 * agents, pace, data expiration, license, router), validated with zod, and the default demo model
 * used when no file is given.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const MAX_INT = 2_147_483_647;
const recordId = z.number().int().min(1).max(MAX_INT);
const tenantRef = z.number().int().min(-1).max(MAX_INT);

const tenantSchema = z
  .object({ id: recordId, name: z.string().max(100).default(''), enabled: z.boolean().default(true) })
  .strict();

const serviceGroupSchema = z
  .object({
    id: recordId,
    name: z.string().min(1).max(20, 'a service group name is at most 20 characters'),
    /** -1: the non-tenanted system. */
    tenantId: tenantRef.default(-1),
    open: z.boolean().default(true),
    /** Whether the group has Preferred Agent configured (PreferredAgentID is ignored otherwise). */
    preferredAgent: z.boolean().default(false),
    /** How long a request waits for its preferred agent before any agent (or, when forced, failure). */
    preferredAgentWaitSeconds: z.number().int().min(0).max(86_400).default(30),
  })
  .strict();

const agentSchema = z
  .object({
    id: recordId,
    logonId: z.string().min(1).max(20),
    name: z.string().max(100).default(''),
    tenantId: tenantRef.default(-1),
    loggedOn: z.boolean().default(true),
    available: z.boolean().default(true),
    serviceGroups: z.array(recordId).max(1000).default([]),
    /** Concurrent Open Media sessions unless SetOptions says otherwise. */
    maxSessions: z.number().int().min(1).max(100).default(1),
  })
  .strict();

const paceSchema = z
  .object({
    /** From allocation (status 2) until the agent answers (status 3). */
    answerAfterMs: z.number().int().min(0).max(86_400_000).default(5_000),
    /** From answer until completion (status 4). */
    handleMs: z.number().int().min(0).max(86_400_000).default(45_000),
    /** How often the real-time clock advances the model. */
    tickMs: z.number().int().min(10).max(10_000).default(250),
  })
  .strict();

export const simConfigSchema = z
  .object({
    tenants: z.array(tenantSchema).max(1000).default([]),
    serviceGroups: z.array(serviceGroupSchema).max(10_000),
    agents: z.array(agentSchema).max(10_000).default([]),
    pace: paceSchema.default({ answerAfterMs: 5_000, handleMs: 45_000, tickMs: 250 }),
    /** Minutes a terminated request stays in the event cache (the service's DataExpiration). */
    dataExpirationMinutes: z.number().int().min(1).max(10_080).default(30),
    licensed: z.boolean().default(true),
    routerConnected: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    const problem = (message: string, path: (string | number)[]): void => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    const tenantIds = new Set<number>();
    c.tenants.forEach((t, i) => {
      if (tenantIds.has(t.id)) problem(`tenant ${t.id} is listed twice`, ['tenants', i, 'id']);
      tenantIds.add(t.id);
    });
    const knownTenant = (id: number): boolean => id === -1 || tenantIds.has(id);
    const groupIds = new Set<number>();
    const groupNames = new Set<string>();
    c.serviceGroups.forEach((g, i) => {
      if (groupIds.has(g.id)) problem(`service group ${g.id} is listed twice`, ['serviceGroups', i, 'id']);
      groupIds.add(g.id);
      const key = `${g.tenantId}/${g.name.toLowerCase()}`;
      if (groupNames.has(key))
        problem(`the name "${g.name}" is used twice in tenant ${g.tenantId}`, ['serviceGroups', i]);
      groupNames.add(key);
      if (!knownTenant(g.tenantId))
        problem(`tenant ${g.tenantId} is not listed`, ['serviceGroups', i, 'tenantId']);
    });
    const agentIds = new Set<number>();
    const logonIds = new Set<string>();
    c.agents.forEach((a, i) => {
      if (agentIds.has(a.id)) problem(`agent ${a.id} is listed twice`, ['agents', i, 'id']);
      agentIds.add(a.id);
      if (logonIds.has(a.logonId)) problem(`logon ID "${a.logonId}" is used twice`, ['agents', i, 'logonId']);
      logonIds.add(a.logonId);
      if (!knownTenant(a.tenantId)) problem(`tenant ${a.tenantId} is not listed`, ['agents', i, 'tenantId']);
      a.serviceGroups.forEach((g, j) => {
        if (!groupIds.has(g)) problem(`service group ${g} is not listed`, ['agents', i, 'serviceGroups', j]);
      });
    });
  });

/** The config file as written (defaults optional). */
export type SimConfigInput = z.input<typeof simConfigSchema>;
/** The parsed config, every default filled in. */
export type SimConfig = z.output<typeof simConfigSchema>;

/** A non-tenanted demo: two open groups, a closed one, agents on and off. */
export const DEFAULT_CONFIG_INPUT: SimConfigInput = {
  serviceGroups: [
    { id: 1001, name: 'Support', preferredAgent: true, preferredAgentWaitSeconds: 30 },
    { id: 1002, name: 'Sales' },
    { id: 1003, name: 'Billing', open: false },
  ],
  agents: [
    { id: 2001, logonId: '4001', name: 'Alice Martin', serviceGroups: [1001, 1002], maxSessions: 2 },
    { id: 2002, logonId: '4002', name: 'Bob Keller', serviceGroups: [1001] },
    { id: 2003, logonId: '4003', name: 'Chloé Durand', serviceGroups: [1002, 1003] },
    { id: 2004, logonId: '4004', name: 'David Osei', serviceGroups: [1001], available: false },
    { id: 2005, logonId: '4005', name: 'Eva Lind', serviceGroups: [1002], loggedOn: false },
  ],
};

export function defaultSimConfig(): SimConfig {
  return simConfigSchema.parse(DEFAULT_CONFIG_INPUT);
}

/** A config file that cannot be used; the message names the file and the problem. */
export class SimConfigError extends Error {
  override readonly name = 'SimConfigError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
}

/** Validates a parsed JSON value as a config. */
export function parseSimConfig(value: unknown, source = 'config'): SimConfig {
  const result = simConfigSchema.safeParse(value);
  if (!result.success)
    throw new SimConfigError(`${source} is not a valid model: ${describeIssues(result.error)}`);
  return result.data;
}

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Reads and validates a JSON config file. */
export async function loadSimConfig(path: string): Promise<SimConfig> {
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.byteLength > MAX_CONFIG_BYTES) {
      throw new SimConfigError(`${path} is larger than ${MAX_CONFIG_BYTES} bytes`);
    }
    text = buffer.toString('utf8');
  } catch (err) {
    if (err instanceof SimConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SimConfigError(`cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SimConfigError(
      `${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return parseSimConfig(json, path);
}
