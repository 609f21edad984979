import { changeLocalPasswordRequestSchema, createAccountRequestSchema } from '@oig/shared';
import { z } from 'zod';
import { withConfirmation } from '@/lib/form/confirmation';
import type { FormMessages } from '@/lib/form/zod-messages';

/** A new local password typed twice: the server's rule (localPasswordSchema), then the same twice. */
export const localPasswordFormSchema = withConfirmation(changeLocalPasswordRequestSchema, 'localPassword');

/**
 * Create Application Local Password: the application (accountId() of one of `candidates`, the ACL
 * entries without a local password: one chosen may have left them since) and the password typed
 * twice, as the request has it.
 */
export function createAccountFormSchema(candidates: ReadonlySet<string>) {
  const application = z.string().refine((id) => candidates.has(id));
  const { localPassword } = createAccountRequestSchema.shape;
  return withConfirmation(z.object({ application, localPassword }).strict(), 'localPassword');
}

export const PASSWORD_MESSAGES: FormMessages = {
  application: { '*': 'accounts:create.applicationRequired' },
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
