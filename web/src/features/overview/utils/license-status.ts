import { LICENSE_WARNING_RATIO, type LicenseCount } from '@oig/shared';

export type LicenseStatus = 'none' | 'ok' | 'warning' | 'exhausted';

/**
 * none: nothing licensed and nothing used; exhausted: every license in use (or use without
 * inventory); warning: at or above LICENSE_WARNING_RATIO of the inventory.
 */
export function licenseStatus({ available, used }: Pick<LicenseCount, 'available' | 'used'>): LicenseStatus {
  if (available <= 0) return used > 0 ? 'exhausted' : 'none';
  const ratio = used / available;
  if (ratio >= 1) return 'exhausted';
  if (ratio >= LICENSE_WARNING_RATIO) return 'warning';
  return 'ok';
}

/** Share of the inventory in use, clamped to 0..1 (for bars and percentages). */
export function usageRatio({ available, used }: Pick<LicenseCount, 'available' | 'used'>): number {
  if (available <= 0) return used > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, used / available));
}
