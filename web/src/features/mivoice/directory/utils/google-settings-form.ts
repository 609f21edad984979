import { updateGoogleDirectoryRequestSchema, type UpdateGoogleDirectoryRequest } from '@oig/shared';
import { z } from 'zod';
import type { FormMessages } from '@/lib/form/zod-messages';
import { checkServiceAccountKey } from './service-account-key';

/** keep: the stored key stays; replace: `text` is sent (from a file or pasted); remove: the key is deleted on save. */
export interface KeyDraft {
  mode: 'keep' | 'replace' | 'remove';
  text: string;
  source: { kind: 'file'; name: string } | { kind: 'paste' } | null;
}

/**
 * The directory settings form: the request's own rules for the e-mail and the domain, and the
 * key as chosen; it checks a replacement key (a stored key cannot be replaced by nothing; with no
 * stored key, an empty box sends none). Parses to the PUT body: a kept key is left out, a removed
 * one is null.
 */
export function googleSettingsFormSchema(keySet: boolean) {
  const { adminEmail, domain } = updateGoogleDirectoryRequestSchema.shape;
  const serviceAccountKey = z.custom<KeyDraft>().superRefine((key, ctx) => {
    if (key.mode !== 'replace' || (!keySet && key.text.trim() === '')) return;
    const check = checkServiceAccountKey(key.text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: 'Invalid key', params: { code: check.reason } });
  });
  return z
    .object({ adminEmail, domain, serviceAccountKey })
    .transform(({ serviceAccountKey: key, ...fields }): UpdateGoogleDirectoryRequest => {
      if (key.mode === 'remove') return { ...fields, serviceAccountKey: null };
      if (key.mode === 'replace' && key.text.trim() !== '') return { ...fields, serviceAccountKey: key.text };
      return fields;
    });
}

export const GOOGLE_SETTINGS_MESSAGES: FormMessages = {
  adminEmail: {
    required: 'mivoice:google.errors.adminEmailRequired',
    '*': 'mivoice:google.errors.adminEmail',
  },
  domain: { required: 'mivoice:google.errors.domainRequired', '*': 'mivoice:google.errors.domain' },
  serviceAccountKey: {
    empty: 'mivoice:google.errors.key.empty',
    tooLong: 'mivoice:google.errors.key.tooLong',
    json: 'mivoice:google.errors.key.json',
    notServiceAccount: 'mivoice:google.errors.key.notServiceAccount',
  },
};
