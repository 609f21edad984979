/**
 * The schemas the console's own plumbing checks answers with (the signed-in user, the API's error
 * shape). Imported only dynamically (lib/me.ts, lib/api-client.ts): with zod they are a chunk
 * loaded beside the first request, not part of the first-load script.
 */
export { apiErrorSchema, meSchema, sessionProbeSchema } from '@oig/shared';
