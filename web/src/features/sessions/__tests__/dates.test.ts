import { sessionHistoryQuerySchema } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { dateInputToIso, toIsoWithOffset } from '../utils/dates';

describe('history date conversion', () => {
  it('turns a date input into the start and end of that local day, with the local offset', () => {
    const from = dateInputToIso('2025-03-04', 'start');
    const to = dateInputToIso('2025-03-04', 'end');
    expect(from).toMatch(/^2025-03-04T00:00:00\.000[+-]\d{2}:\d{2}$/);
    expect(to).toMatch(/^2025-03-04T23:59:59\.999[+-]\d{2}:\d{2}$/);
    expect(new Date(from as string).getTime()).toBe(new Date(2025, 2, 4).getTime());
    expect(new Date(to as string).getTime()).toBe(new Date(2025, 2, 4, 23, 59, 59, 999).getTime());
  });

  it('produces values the shared query schema accepts', () => {
    const parsed = sessionHistoryQuerySchema.safeParse({ from: dateInputToIso('2025-01-01', 'start'), to: dateInputToIso('2025-01-31', 'end') });
    expect(parsed.success).toBe(true);
  });

  it('rejects empty and impossible dates', () => {
    expect(dateInputToIso('', 'start')).toBeUndefined();
    expect(dateInputToIso('2025-02-30', 'start')).toBeUndefined();
    expect(dateInputToIso('04/03/2025', 'start')).toBeUndefined();
  });

  it('formats the offset sign and minutes', () => {
    const d = new Date(2025, 5, 1, 12, 30, 5, 7);
    const iso = toIsoWithOffset(d);
    expect(Date.parse(iso)).toBe(d.getTime());
    expect(iso).toMatch(/^2025-06-01T12:30:05\.007[+-]\d{2}:\d{2}$/);
  });
});
