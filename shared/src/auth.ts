/** Console sign-in, the signed-in user (me) and one's own password. */
import { z } from 'zod';
import { consolePasswordSchema, roleSchema } from './users.js';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter your user name').max(64, 'User name is at most 64 characters'),
  password: z.string().min(1, 'Enter your password').max(256, 'Password is at most 256 characters'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meSchema = z.object({
  username: z.string(),
  role: roleSchema,
  csrfToken: z.string(),
  /** OIG version, shown in the console header. */
  version: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/**
 * GET /auth/session: whether this browser has a console session, answered 200 either way (no
 * session is an expected state, not an error): signed out holds nothing else; signed in holds
 * the user, as GET /auth/me (which answers 401 without a session).
 */
export const sessionProbeSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }).strict(),
  z.object({ signedIn: z.literal(true), me: meSchema }),
]);
export type SessionProbe = z.infer<typeof sessionProbeSchema>;

/** POST /auth/password: anyone changes their own password, giving the current one. */
export const changeOwnPasswordRequestSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Current password is required' })
      .min(1, 'Current password is required')
      .max(256, 'Password is at most 256 characters'),
    newPassword: consolePasswordSchema,
  })
  .strict()
  .refine((o) => o.currentPassword !== o.newPassword, {
    path: ['newPassword'],
    message: 'New password must differ from the current one',
    // The console's own text for this case (zod-messages keys it by this code).
    params: { code: 'sameAsCurrent' },
  });
export type ChangeOwnPasswordRequest = z.infer<typeof changeOwnPasswordRequestSchema>;
