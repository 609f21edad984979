/** Console users (the Users tab): name and password rules, the user, create/update/reset. */
import { z } from 'zod';
import { ROLES } from './constants.js';

export const roleSchema = z.enum(ROLES);

/** Console user names: letters, digits and . _ - @, 3–64 characters. */
export const usernameSchema = z
  .string({ error: 'User name is required' })
  .trim()
  .min(3, 'User name must be at least 3 characters')
  .max(64, 'User name must be at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'User name may contain letters, digits and . _ - @ only');

export const consolePasswordSchema = z
  .string({ error: 'Password is required' })
  .min(10, 'Password must be at least 10 characters')
  .max(256, 'Password must be at most 256 characters');

export const createUserRequestSchema = z
  .object({ username: usernameSchema, password: consolePasswordSchema, role: roleSchema })
  .strict();
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const consoleUserSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** Last change of the account (role, enabled, password), ISO 8601. */
  updatedAt: z.string(),
  /**
   * Locked by failed sign-ins (5 within 15 minutes from one address) until then, ISO 8601;
   * null when not locked. An administrator can unlock it (POST /users/{username}/unlock).
   */
  lockedUntil: z.string().nullable(),
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;
export const consoleUserListSchema = z.object({ users: z.array(consoleUserSchema) });

/** PATCH /users/{username}: disable/enable or change the role. */
export const updateUserRequestSchema = z
  .object({
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
    role: roleSchema.optional(),
  })
  .strict()
  .refine(
    (o) => o.disabled !== undefined || o.role !== undefined,
    'Nothing to change: send disabled and/or role',
  );
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** POST /users/{username}/password: an administrator sets a new password (the user's sessions end). */
export const resetPasswordRequestSchema = z.object({ password: consolePasswordSchema }).strict();
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;
