import { auditQuerySchema, sessionHistoryQuerySchema } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkDateRange, dateInputToIso, toIsoWithOffset } from '../dates';
import { validationMessages } from '../form/zod-messages';

describe('date input conversion', () => {
  it('turns a date input into the start and end of that local day, with the local offset', () => {
    const from = dateInputToIso('2025-03-04', 'start');
    const to = dateInputToIso('2025-03-04', 'end');
    expect(from).toMatch(/^2025-03-04T00:00:00\.000[+-]\d{2}:\d{2}$/);
    expect(to).toMatch(/^2025-03-04T23:59:59\.999[+-]\d{2}:\d{2}$/);
    expect(new Date(from as string).getTime()).toBe(new Date(2025, 2, 4).getTime());
    expect(new Date(to as string).getTime()).toBe(new Date(2025, 2, 4, 23, 59, 59, 999).getTime());
  });

  it('produces values the shared query schemas accept', () => {
    const range = { from: dateInputToIso('2025-01-01', 'start'), to: dateInputToIso('2025-01-31', 'end') };
    expect(sessionHistoryQuerySchema.safeParse(range).success).toBe(true);
    expect(auditQuerySchema.safeParse(range).success).toBe(true);
  });

  it('rejects empty and impossible dates', () => {
    expect(dateInputToIso('', 'start')).toBeUndefined();
    expect(dateInputToIso('', 'end')).toBeUndefined();
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

describe('checkDateRange', () => {
  const schema = z.object({ from: z.string(), to: z.string() }).superRefine(checkDateRange);
  const messages = {
    from: { invalidDate: 'options:audit.invalidDate', fromAfterTo: 'options:audit.fromAfterTo' },
    to: { invalidDate: 'options:audit.invalidDate' },
  } as const;
  const check = (from: string, to: string) => validationMessages(schema, { from, to }, { messages });

  it('accepts empty, one-sided and ordered ranges', () => {
    expect(check('', '')).toEqual({});
    expect(check('2025-03-04', '')).toEqual({});
    expect(check('2025-03-04', '2025-03-04')).toEqual({});
  });

  it('names each impossible date, and a from after to on from', () => {
    expect(check('2025-02-30', '2025-13-01')).toEqual({
      from: 'Enter a valid date.',
      to: 'Enter a valid date.',
    });
    expect(check('2025-03-05', '2025-03-04')).toEqual({ from: '“From” must be on or before “To”.' });
    expect(check('2025-03-05', '2025-02-30')).toEqual({ to: 'Enter a valid date.' });
  });
});
