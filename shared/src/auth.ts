import { z } from 'zod';
import { ROLES } from './constants.js';

export const roleSchema = z.enum(ROLES);

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
