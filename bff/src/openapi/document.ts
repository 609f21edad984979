import { apiErrorSchema, OIG_VERSION } from '@oig/shared';
import { z } from 'zod';
import { OPERATIONS, PATH_PARAMS, type Operation } from './operations.js';

type JsonSchema = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  void _drop;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

const ACCESS_TEXT: Record<Operation['access'], string> = {
  public: 'No session needed.',
  'signed-in': 'Any signed-in console user (administrator or support).',
  self: 'Any signed-in console user, on their own account. Needs X-CSRF-Token.',
  administrator: 'Administrators only (support users get 403). Needs X-CSRF-Token.',
};

/** The path in camel case for an operationId: `/users/{id}/role` → `UsersByIdRole`. */
const camelPath = (path: string) =>
  path
    .replace(/\{(\w+)\}/g, 'By_$1')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));

function operationObject(op: Operation) {
  const params: JsonSchema[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
    params.push({
      name,
      in: 'path',
      required: true,
      schema: schemaOf(PATH_PARAMS[name] ?? z.string(), 'input'),
    });
  }
  if (op.query) {
    for (const [name, field] of Object.entries(op.query.shape)) {
      params.push({
        name,
        in: 'query',
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: schemaOf(field as z.ZodType, 'input'),
      });
    }
  }
  const responses: Record<string, unknown> = {
    [op.status]: op.response
      ? {
          description: 'Success',
          content: { 'application/json': { schema: schemaOf(op.response, 'output') } },
        }
      : op.produces
        ? { description: 'Success', content: { [op.produces]: { schema: { type: 'string' } } } }
        : { description: 'Success (no content)' },
    400: errorResponse(
      'Invalid request: `error.message` names the field; `error.fields` maps each field to its message',
    ),
  };
  if (op.access !== 'public') responses[401] = errorResponse('Not signed in');
  if (op.access === 'administrator' || op.access === 'self')
    responses[403] = errorResponse(
      'Missing/invalid X-CSRF-Token, or (administrator operations) a support user',
    );
  if (op.path.includes('{')) responses[404] = errorResponse('Not found');
  if (op.method === 'post' || op.method === 'put' || op.method === 'patch')
    responses[409] = errorResponse('Conflicts with the stored data (e.g. a duplicate)');
  for (const [status, text] of Object.entries(op.errors ?? {})) responses[status] = errorResponse(text);
  return {
    tags: [op.tag],
    summary: op.summary,
    description: ACCESS_TEXT[op.access],
    operationId: `${op.method}${camelPath(op.path)}`,
    ...(op.access === 'public' ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.bodyOptional,
            content: { 'application/json': { schema: schemaOf(op.body, 'input') } },
          },
        }
      : {}),
    ...(op.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: [op.upload, ...Object.keys(op.uploadFields?.shape ?? {})],
                  properties: {
                    [op.upload]: { type: 'string', format: 'binary' },
                    ...Object.fromEntries(
                      Object.entries(op.uploadFields?.shape ?? {}).map(([k, v]) => [
                        k,
                        schemaOf(v as z.ZodType, 'input'),
                      ]),
                    ),
                  },
                },
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of the admin API, built from the shared zod schemas. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[`/api/v1${op.path}`] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'OIG Admin Console API',
      version: OIG_VERSION,
      description:
        'JSON API of the Mitel Open Integration Gateway administrator console. ' +
        'Sign in with POST /api/v1/auth/login: the answer sets the `oig_session` cookie and returns `csrfToken`; ' +
        'send it as header `X-CSRF-Token` on every POST, PUT, PATCH and DELETE. ' +
        'Errors are `{ "error": { "code", "reason", "params"?, "message", "fields"?, "fieldReasons"? } }`: ' +
        '`reason` is a finer stable cause within `code` (e.g. `group_closed`; every error has one) and ' +
        '`params` the values its message names; `fieldReasons` gives each field of `fields` its own ' +
        'reason or validation code (`required`, `tooShort` {min}, `tooLong` {max}, …). `message` is English.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'oig_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: { ApiError: schemaOf(apiErrorSchema, 'output') },
    },
    paths,
  };
}
