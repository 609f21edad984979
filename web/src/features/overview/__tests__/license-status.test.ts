import { LICENSE_WARNING_RATIO } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { licenseStatus, usageRatio } from '../utils/license-status';

describe('licenseStatus', () => {
  it('is none for nothing licensed and nothing used', () => {
    expect(licenseStatus({ available: 0, used: 0 })).toBe('none');
  });
  it('is ok below the warning ratio', () => {
    expect(licenseStatus({ available: 100, used: 89 })).toBe('ok');
  });
  it('warns at the warning ratio', () => {
    expect(LICENSE_WARNING_RATIO).toBe(0.9);
    expect(licenseStatus({ available: 100, used: 90 })).toBe('warning');
    expect(licenseStatus({ available: 10, used: 9 })).toBe('warning');
  });
  it('is exhausted at 100 % and beyond, or when used without inventory', () => {
    expect(licenseStatus({ available: 100, used: 100 })).toBe('exhausted');
    expect(licenseStatus({ available: 100, used: 101 })).toBe('exhausted');
    expect(licenseStatus({ available: 0, used: 1 })).toBe('exhausted');
  });
  it('clamps the usage ratio', () => {
    expect(usageRatio({ available: 0, used: 0 })).toBe(0);
    expect(usageRatio({ available: 4, used: 1 })).toBe(0.25);
    expect(usageRatio({ available: 4, used: 9 })).toBe(1);
  });
});

describe('overview refresh', () => {
  it('refreshes every 30 seconds', async () => {
    const { getOverviewQueryOptions } = await import('../api/get-overview');
    expect(getOverviewQueryOptions().refetchInterval).toBe(30_000);
  });
});
