import { z } from 'zod';

const count = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} must not be negative`);

/** The license source the overview reports when no license file is configured (the built-in demo inventory). */
export const DEMO_LICENSE_SOURCE = 'bundled demo inventory';

/** License inventory JSON (SPEC §10). Call control counts are users; 25,000 is a server license. */
export const licenseFileSchema = z
  .object({
    standardCallControl: count('standardCallControl').max(25_000),
    advancedCallControl: count('advancedCallControl').max(25_000),
    google: count('google').max(1_500),
    salesforce: count('salesforce').max(1_500),
    dataAccess: count('dataAccess'),
    virtualEnablement: z.boolean(),
    miVoiceIntegration: z.boolean(),
    trustedMode: z.boolean(),
  })
  .strict();
export type LicenseFile = z.infer<typeof licenseFileSchema>;

export const licenseCountSchema = z.object({
  available: z.number().int(),
  used: z.number().int(),
  /** True when `available` is the server maximum (shown with "(Server)"). */
  server: z.boolean(),
});
export type LicenseCount = z.infer<typeof licenseCountSchema>;
