import { z } from 'zod';
import { licenseCountSchema } from './licensing.js';
import { refusedLoginsSummarySchema } from './refused-logins.js';

export const overviewSchema = z.object({
  applications: z.number().int(),
  sessions: z.number().int(),
  networkElements: z.number().int(),
  version: z.string(),
  licensing: z.object({
    source: z.string(),
    standardCallControl: licenseCountSchema,
    advancedCallControl: licenseCountSchema,
    google: licenseCountSchema,
    salesforce: licenseCountSchema,
    dataAccess: licenseCountSchema,
    virtualEnablement: z.boolean(),
    miVoiceIntegration: z.boolean(),
    trustedMode: z.boolean(),
  }),
  /** Refused application logins in the last 24 hours, by reason. */
  refusedLogins: refusedLoginsSummarySchema,
});
export type Overview = z.infer<typeof overviewSchema>;
