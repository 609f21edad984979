import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { TimeInState } from '../components/time-in-state';
import type { OpenMediaT } from '../i18n';
import '../i18n';
import { formatDuration } from '../utils/duration';

describe('openMedia strings', () => {
  it('words durations', () => {
    const t = i18n.getFixedT('en', ['openMedia', 'common']) as unknown as OpenMediaT;
    expect(formatDuration(45, t)).toBe('45 s');
    expect(formatDuration(125, t)).toBe('2 min 05 s');
    expect(formatDuration(3720, t)).toBe('1 h 02 min');
    expect(formatDuration(-3, t)).toBe('0 s');
  });
});

describe('time in status', () => {
  afterEach(() => vi.useRealTimers());

  it('counts up while shown', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:00:00.000Z') });
    render(<TimeInState at="2026-12-07T08:59:00.000Z" skewMs={0} />);
    expect(screen.getByTestId('time-in-state')).toHaveTextContent('1 min 00 s');
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(screen.getByTestId('time-in-state')).toHaveTextContent('1 min 05 s');
  });

  it("reads the MiCC's stamps on the MiCC's clock, not the browser's", () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:00:00.000Z') });
    // The MiCC's clock is 2 minutes behind the browser's: its 08:57:30 was 30 s ago.
    render(<TimeInState at="2026-12-07T08:57:30.000Z" skewMs={-120_000} />);
    expect(screen.getByTestId('time-in-state')).toHaveTextContent('30 s');
  });
});
