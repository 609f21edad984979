/**
 * The JSON control endpoint (same port as the service) for demos and tests:
 * `GET /control/state` is the model snapshot; `POST /control` with `{"action": …}` changes it.
 */
import { z } from 'zod';
import { MAX_FILL, type OpenMediaSim } from './sim.js';

const id = z.number().int().min(1).max(2_147_483_647);

export const controlActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('setGroupOpen'), serviceGroupId: id, open: z.boolean() }).strict(),
  z
    .object({
      action: z.literal('setAgent'),
      agentId: id,
      loggedOn: z.boolean().optional(),
      available: z.boolean().optional(),
    })
    .strict()
    .refine((a) => a.loggedOn !== undefined || a.available !== undefined, 'give loggedOn and/or available'),
  z.object({ action: z.literal('setTenantEnabled'), tenantId: id, enabled: z.boolean() }).strict(),
  z.object({ action: z.literal('setRouterConnected'), connected: z.boolean() }).strict(),
  z.object({ action: z.literal('setLicensed'), licensed: z.boolean() }).strict(),
  z
    .object({
      action: z.literal('advance'),
      ms: z
        .number()
        .int()
        .min(0)
        .max(366 * 86_400_000),
    })
    .strict(),
  z.object({ action: z.literal('restart') }).strict(),
  z.object({ action: z.literal('reset') }).strict(),
  z.object({ action: z.literal('resetStatistics') }).strict(),
  z
    .object({ action: z.literal('fill'), count: z.number().int().min(1).max(MAX_FILL), serviceGroupId: id })
    .strict(),
]);
export type ControlAction = z.infer<typeof controlActionSchema>;

export const CONTROL_ACTIONS = controlActionSchema.options.map((o) => o.shape.action.value);

export type ControlOutcome =
  { status: 200; body: { ok: true; ids?: string[] } } | { status: 400; body: { ok: false; error: string } };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      if (i.code === 'invalid_union' && i.path.length === 0) {
        return `action must be one of ${CONTROL_ACTIONS.join(', ')}`;
      }
      return `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`;
    })
    .join('; ');
}

/** Parses and applies one control body (already JSON-decoded). */
export function applyControl(sim: OpenMediaSim, body: unknown): ControlOutcome {
  const parsed = controlActionSchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { ok: false, error: describe(parsed.error) } };
  const a = parsed.data;
  try {
    switch (a.action) {
      case 'setGroupOpen':
        sim.setGroupOpen(a.serviceGroupId, a.open);
        break;
      case 'setAgent':
        sim.setAgent(a.agentId, { loggedOn: a.loggedOn, available: a.available });
        break;
      case 'setTenantEnabled':
        sim.setTenantEnabled(a.tenantId, a.enabled);
        break;
      case 'setRouterConnected':
        sim.setRouterConnected(a.connected);
        break;
      case 'setLicensed':
        sim.setLicensed(a.licensed);
        break;
      case 'advance':
        sim.advance(a.ms);
        break;
      case 'restart':
        sim.restart();
        break;
      case 'reset':
        sim.reset();
        break;
      case 'resetStatistics':
        sim.resetStatistics();
        break;
      case 'fill':
        return { status: 200, body: { ok: true, ids: sim.fill(a.count, a.serviceGroupId) } };
    }
  } catch (err) {
    if (err instanceof RangeError) return { status: 400, body: { ok: false, error: err.message } };
    throw err;
  }
  return { status: 200, body: { ok: true } };
}
