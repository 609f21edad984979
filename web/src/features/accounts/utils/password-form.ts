import { changeLocalPasswordRequestSchema, createAccountRequestSchema } from '@oig/shared';
import { z } from 'zod';
import { withConfirmation } from '@/lib/form/confirmation';
import type { FormMessages } from '@/lib/form/zod-messages';

/** A new local password typed twice: the server's rule (localPasswordSchema), then the same twice. */
export const localPasswordFormSchema = withConfirmation(changeLocalPasswordRequestSchema, 'localPassword');

/**
 * Create Application Local Password: the application (accountId() of an ACL entry; its names
 * are the request's) and the password typed twice.
 */
export const createAccountFormSchema = withConfirmation(
  z
    .object({
      application: z.string().trim().min(1),
      localPassword: createAccountRequestSchema.shape.localPassword,
    })
    .strict(),
  'localPassword',
);

export const PASSWORD_MESSAGES: FormMessages = {
  application: { required: 'accounts:create.applicationRequired' },
  localPassword: {
    required: 'accounts:password.required',
    tooShort: 'accounts:password.tooShort',
    tooLong: 'accounts:password.tooLong',
    '*': 'accounts:password.blanks',
  },
  confirm: { passwordMismatch: 'accounts:password.mismatch' },
};

/** The server's names of the create request's fields, on the form's. */
export const SERVER_NAMES = { applicationName: 'application', companyName: 'application' } as const;
