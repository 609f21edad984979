/**
 * Scale of the Overview usage chart. The limit line ("available") sets the top of the scale
 * unless it would squash the bars: a server license (25,000 users) over a peak of 120 would
 * draw every bar one pixel high, so beyond LIMIT_SCALE_FACTOR × the highest peak the scale
 * follows the peaks and the limit is only stated in text.
 */
export const LIMIT_SCALE_FACTOR = 10;

export interface ChartScale {
  /** Top of the y axis (> 0). */
  max: number;
  /** Gridline values from 0 to max. */
  ticks: number[];
  /** 'line': drawn at `available`; 'above': off the scale, stated in text; 'none': nothing licensed. */
  limit: 'line' | 'above' | 'none';
}

/** The smallest 1, 2 or 5 × 10^n at or above `raw`, never below 1 (counts are whole numbers). */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

export function chartScale(maxPeak: number, available: number, tickCount = 4): ChartScale {
  const licensed = available > 0;
  const lineFits = licensed && (maxPeak <= 0 || available <= maxPeak * LIMIT_SCALE_FACTOR);
  const top = Math.max(maxPeak, lineFits ? available : 0, 1);
  const step = niceStep(top / tickCount);
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { max, ticks, limit: !licensed ? 'none' : lineFits ? 'line' : 'above' };
}

/** Days to label on the x axis: every `every`-th counting back from the last (today). */
export function labelledDay(index: number, count: number, every = 7): boolean {
  return (count - 1 - index) % every === 0;
}
