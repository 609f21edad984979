import { describe, expect, it } from 'vitest';
import { chartScale, labelledDay, niceStep } from '../utils/usage-chart';

describe('niceStep', () => {
  it.each([
    [0, 1],
    [0.25, 1],
    [1.75, 2],
    [6.25, 10],
    [25, 50],
    [30, 50],
    [120, 200],
  ])('%d → %d', (raw, step) => expect(niceStep(raw)).toBe(step));
});

describe('chartScale', () => {
  it('reaches up to the available licenses when the line fits', () => {
    expect(chartScale(34, 100)).toEqual({ max: 100, ticks: [0, 50, 100], limit: 'line' });
  });

  it('follows the peaks when the limit would squash the bars (a 25,000 server license)', () => {
    expect(chartScale(120, 25_000)).toEqual({ max: 150, ticks: [0, 50, 100, 150], limit: 'above' });
  });

  it('scales to the peaks, in whole numbers, when nothing is licensed', () => {
    expect(chartScale(7, 0)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8], limit: 'none' });
    expect(chartScale(1, 0)).toEqual({ max: 1, ticks: [0, 1], limit: 'none' });
  });

  it('keeps a usable axis when nothing was used', () => {
    expect(chartScale(0, 0)).toEqual({ max: 1, ticks: [0, 1], limit: 'none' });
    expect(chartScale(0, 40)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40], limit: 'line' });
  });
});

describe('labelledDay', () => {
  it('labels today and every seventh day before it', () => {
    const labelled = Array.from({ length: 30 }, (_, i) => i).filter((i) => labelledDay(i, 30));
    expect(labelled).toEqual([1, 8, 15, 22, 29]);
  });
});
