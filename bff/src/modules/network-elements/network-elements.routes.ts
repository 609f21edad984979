import { Router } from 'express';
import {
  NE_TYPES,
  networkElementDefaultsSchema,
  networkElementInputSchema,
  type NetworkElementType,
} from '@oig/shared';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../http/app-error.js';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import { TYPE_LABELS, type NetworkElementsService } from './network-elements.service.js';

/**
 * Parses a body with a strict shared schema. A key that does not belong (e.g. a custom value
 * in a Default element) is reported under its own name rather than the body as a whole.
 */
function parseStrict<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  owner: () => string,
): z.infer<S> {
  const r = schema.safeParse(body);
  const first = r.error?.issues[0];
  if (first?.code === 'unrecognized_keys' && first.path.length === 0) {
    const keys = first.keys;
    const msg = `Not a field of ${owner()}`;
    throw new AppError(
      'validation_failed',
      'unknown_fields',
      `${what} is invalid: ${keys.join(', ')} ${keys.length === 1 ? 'is not a field' : 'are not fields'} of ${owner()}`,
      {
        params: { fields: keys.join(', ') },
        fields: Object.fromEntries(keys.map((k) => [k, fieldProblem('not_a_field', msg)])),
      },
    );
  }
  return parseWith(schema, body, what);
}

/** The body's own description, e.g. "a Default MiVoice Business element". */
function ownerOf(body: unknown): string {
  const b = body as { type?: unknown; setup?: unknown };
  const label = TYPE_LABELS[b.type as NetworkElementType] ?? 'network';
  return `a ${b.setup === 'custom' ? 'Custom' : 'Default'} ${label} element`;
}

function typeParam(value: string): NetworkElementType {
  if ((NE_TYPES as readonly string[]).includes(value)) return value as NetworkElementType;
  throw new AppError(
    'not_found',
    'unknown_network_element_type',
    `Unknown network element type ${JSON.stringify(value.slice(0, 40))}: ` +
      'expected mivb (MiVoice Business) or micc (MiContact Center)',
    {
      params: { type: value.slice(0, 40) },
      fields: { type: fieldProblem('unknown_type', 'Must be mivb or micc') },
    },
  );
}

export function networkElementsRoutes(elements: NetworkElementsService): Router {
  const r = Router();
  r.get('/network-elements', async (_req, res) => {
    res.json({ elements: await elements.list() });
  });
  r.post('/network-elements', async (req, res) => {
    const body = parseStrict(networkElementInputSchema, req.body, 'Network element', () => ownerOf(req.body));
    res.status(201).json(await elements.create(body, actorOf(req, res)));
  });
  // Fixed paths before /network-elements/:id.
  r.post('/network-elements/probe', async (req, res) => {
    await elements.probeAll(actorOf(req, res));
    res.status(202).json({ accepted: true });
  });
  r.get('/network-elements/defaults/:type', async (req, res) => {
    res.json(await elements.getDefaults(typeParam(req.params.type)));
  });
  r.put('/network-elements/defaults/:type', async (req, res) => {
    const type = typeParam(req.params.type);
    const what = `${TYPE_LABELS[type]} defaults`;
    const value = parseStrict(networkElementDefaultsSchema[type], req.body, what, () => `the ${what}`);
    res.json(await elements.setDefaults(type, value, actorOf(req, res)));
  });
  r.get('/network-elements/:id', async (req, res) => {
    res.json(await elements.get(req.params.id));
  });
  r.put('/network-elements/:id', async (req, res) => {
    // An unknown id is a 404 whatever the body.
    await elements.get(req.params.id);
    const body = parseStrict(networkElementInputSchema, req.body, 'Network element', () => ownerOf(req.body));
    res.json(await elements.update(req.params.id, body, actorOf(req, res)));
  });
  r.delete('/network-elements/:id', async (req, res) => {
    await elements.remove(req.params.id, actorOf(req, res));
    res.status(204).end();
  });
  return r;
}
