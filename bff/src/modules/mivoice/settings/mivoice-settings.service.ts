import type { MivoiceSettings, UpdateMivoiceSettingsRequest } from '@oig/shared';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../../http/app-error.js';
import type { Actor, AuditService } from '../../audit/index.js';
import type { SettingsStore } from '../../../db/settings-store.js';

export const MIVOICE_SETTINGS_KEY = 'mivoice.settings';
const storedSchema = z.object({ adminEmail: z.string().nullable() });

/** The MiVoice tab's administrator e-mail: where "Email User List" and "Email Language Strings" go. */
export function createMivoiceSettingsService(deps: {
  settings: SettingsStore;
  audit: AuditService;
  now?: () => number;
}) {
  const { settings, audit } = deps;
  const now = deps.now ?? Date.now;
  const get = async (): Promise<MivoiceSettings> =>
    (await settings.get(MIVOICE_SETTINGS_KEY, storedSchema)) ?? { adminEmail: null };
  return {
    get,
    async update(input: UpdateMivoiceSettingsRequest, actor: Actor): Promise<MivoiceSettings> {
      const before = await get();
      const after: MivoiceSettings = { adminEmail: input.adminEmail };
      // Saving the address already saved changes nothing: no write, no audit entry.
      if (before.adminEmail === after.adminEmail) return after;
      await settings.set(MIVOICE_SETTINGS_KEY, after, now());
      await audit.record(actor, 'mivoice.settings.update', 'MiVoice administrator e-mail', before, after);
      return after;
    },
    /** The address exports are mailed to; 409 naming the field when none is set. */
    async exportAddress(): Promise<string> {
      const { adminEmail } = await get();
      if (!adminEmail)
        throw new AppError(
          'conflict',
          'admin_email_not_set',
          'Set the administrator e-mail of the MiVoice tab first (Email field, then Save)',
          { fields: { adminEmail: fieldProblem('not_set', 'Not set') } },
        );
      return adminEmail;
    },
  };
}
export type MivoiceSettingsService = ReturnType<typeof createMivoiceSettingsService>;
