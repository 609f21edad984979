import { USAGE_COUNTERS, type UsageCounter, type UsageDaily } from '@oig/shared';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/spinner';
import { formatCalendarDate, formatIso, useFormatters, zonedDateTimeFormat } from '@/lib/format';
import { useUsageDaily } from '../api/get-usage-daily';
import { chartScale, labelledDay } from '../utils/usage-chart';

/**
 * The chart is drawn in CSS pixels at the width of its box (so that its text keeps its size on
 * any screen), 200 px high, with margins for the axis labels.
 */
const H = 200;
const M = { top: 16, right: 8, bottom: 24, left: 48 };
const PLOT_H = H - M.top - M.bottom;
const DEFAULT_WIDTH = 640;

/** The width of an element, kept up to date (DEFAULT_WIDTH while it is hidden or not measured). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth || DEFAULT_WIDTH);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

interface Bar {
  day: string;
  peak: number;
  at: string | null;
}

/** "License Use, Last 30 Days": the daily peak of one counter, as bars, with the available limit. */
export function UsageChartPanel() {
  const { t } = useTranslation(['overview', 'common']);
  const query = useUsageDaily();
  return (
    <CollapsiblePanel title={t('panels.usage')} data-testid="usage-chart-panel">
      {query.isError && <QueryErrorAlert query={query} />}
      {query.isPending && <LoadingState label={t('common:loading')} />}
      {query.data && <UsageChart usage={query.data} />}
    </CollapsiblePanel>
  );
}

/** Bars use the Licensing panel's colours: amber from 90 % of what is available, red at 100 %. */
function barFill(peak: number, available: number): string {
  if (available <= 0) return 'fill-blue-600';
  if (peak >= available) return 'fill-red-600';
  return peak >= available * 0.9 ? 'fill-amber-500' : 'fill-blue-600';
}

function UsageChart({ usage }: { usage: UsageDaily }) {
  const { t } = useTranslation('overview');
  const fmt = useFormatters();
  const tableId = useId();
  const [counter, setCounter] = useState<UsageCounter>('standardCallControl');
  const [showTable, setShowTable] = useState(false);
  const [boxRef, W] = useWidth<HTMLDivElement>();

  const counterLabel = (c: UsageCounter) =>
    c === 'miVoiceIntegration' ? t('usage.counters.miVoiceIntegration') : t(`licensing.types.${c}`);
  const label = counterLabel(counter);
  const available = usage.available[counter] ?? 0;
  const bars: Bar[] = usage.days.map((d) => ({
    day: d.day,
    peak: d.peaks[counter]?.peak ?? 0,
    at: d.peaks[counter]?.at ?? null,
  }));
  const maxPeak = bars.reduce((max, b) => Math.max(max, b.peak), 0);
  const scale = chartScale(maxPeak, available);

  // Days are calendar days of the report time zone (formatted as UTC dates, so never shifted);
  // the time of a peak is shown in that zone too, as the note under the chart says.
  const formats = useMemo(
    () => ({
      axisDay: zonedDateTimeFormat(fmt.language, { month: 'short', day: 'numeric' }, 'UTC'),
      day: zonedDateTimeFormat(fmt.language, { dateStyle: 'medium' }, 'UTC'),
      time: zonedDateTimeFormat(fmt.language, { timeStyle: 'short' }, usage.timeZone),
    }),
    [fmt.language, usage.timeZone],
  );
  const dayText = (day: string) => formatCalendarDate(formats.day, day);
  const timeText = (at: string | null) => formatIso(formats.time, at, '—');
  const barTitle = (b: Bar) =>
    b.peak > 0
      ? t('usage.barTitle', { day: dayText(b.day), peak: fmt.number(b.peak), time: timeText(b.at) })
      : t('usage.barTitleNone', { day: dayText(b.day) });

  const slot = (W - M.left - M.right) / Math.max(bars.length, 1);
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number) => M.top + PLOT_H * (1 - v / scale.max);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          label={t('usage.counter')}
          value={counter}
          onChange={(e) => setCounter(e.target.value as UsageCounter)}
          options={USAGE_COUNTERS.map((c) => ({ value: c, label: counterLabel(c) }))}
          className="w-auto max-w-full"
          data-testid="usage-chart-counter"
        />
        <p className="text-xs text-gray-600" data-testid="usage-chart-timezone">
          {t('usage.timeZone', { timeZone: usage.timeZone })}
        </p>
      </div>

      {maxPeak === 0 && (
        <p
          className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-700"
          data-testid="usage-chart-empty"
        >
          {t('usage.empty')}
        </p>
      )}

      <div ref={boxRef}>
        <svg
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          className="block"
          role="img"
          aria-label={t('usage.chartLabel', { label })}
          data-testid="usage-chart"
        >
          {scale.ticks.map((v) => (
            <g key={v}>
              <line
                x1={M.left}
                x2={W - M.right}
                y1={y(v)}
                y2={y(v)}
                className={v === 0 ? 'stroke-gray-400' : 'stroke-gray-200'}
              />
              <text
                x={M.left - 6}
                y={y(v)}
                dy="0.32em"
                textAnchor="end"
                className="fill-gray-600 text-[11px]"
              >
                {fmt.number(v)}
              </text>
            </g>
          ))}
          {bars.map((b, i) => {
            const x = M.left + i * slot;
            const h = (PLOT_H * b.peak) / scale.max;
            const last = i === bars.length - 1;
            return (
              <g
                key={b.day}
                className="group"
                data-testid="usage-chart-bar"
                data-day={b.day}
                data-peak={b.peak}
              >
                <title>{barTitle(b)}</title>
                {/* The whole column answers the pointer, so that low and empty days have a tooltip too. */}
                <rect x={x} y={M.top} width={slot} height={PLOT_H} fill="transparent" />
                <rect
                  x={x + (slot - barW) / 2}
                  y={M.top + PLOT_H - h}
                  width={barW}
                  height={h}
                  className={`${barFill(b.peak, available)} group-hover:opacity-75`}
                />
                {labelledDay(i, bars.length) && (
                  <text
                    x={last ? x + slot : x + slot / 2}
                    y={H - 6}
                    textAnchor={last ? 'end' : 'middle'}
                    className="fill-gray-600 text-[11px]"
                  >
                    {formatCalendarDate(formats.axisDay, b.day)}
                  </text>
                )}
              </g>
            );
          })}
          {scale.limit === 'line' && (
            <g data-testid="usage-chart-limit" data-value={available}>
              <line
                x1={M.left}
                x2={W - M.right}
                y1={y(available)}
                y2={y(available)}
                strokeDasharray="5 3"
                strokeWidth={1.5}
                className="stroke-red-700"
              />
              <text
                x={W - M.right}
                y={y(available) - 4}
                textAnchor="end"
                className="fill-red-800 text-[11px]"
              >
                {t('usage.available', { value: fmt.number(available) })}
              </text>
            </g>
          )}
        </svg>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-gray-600">
        <p>
          {t('usage.legendBars')}
          {scale.limit === 'line' && <> · {t('usage.legendLine')}</>}
          {scale.limit === 'above' && (
            <span data-testid="usage-chart-limit-above">
              {' '}
              · {t('usage.availableAbove', { value: fmt.number(available) })}
            </span>
          )}
        </p>
        <Button
          size="sm"
          variant="ghost"
          aria-controls={tableId}
          aria-expanded={showTable}
          onClick={() => setShowTable((s) => !s)}
          data-testid="usage-chart-table-toggle"
        >
          {showTable ? t('usage.hideTable') : t('usage.showTable')}
        </Button>
      </div>

      {/* Always in the accessibility tree; shown on screen on demand. */}
      <div id={tableId} className={showTable ? 'max-h-80 overflow-auto' : 'sr-only'}>
        <table className="w-full border-separate border-spacing-0 text-sm" data-testid="usage-chart-table">
          <caption className="sr-only">
            {t('usage.tableCaption', { label, timeZone: usage.timeZone })}
          </caption>
          <thead>
            <tr className="text-left text-xs font-semibold text-gray-700">
              <th scope="col" className="border-b border-gray-200 py-2 pr-3">
                {t('usage.columns.day')}
              </th>
              <th scope="col" className="border-b border-gray-200 px-3 py-2 text-right">
                {t('usage.columns.peak')}
              </th>
              <th scope="col" className="border-b border-gray-200 py-2 pl-3">
                {t('usage.columns.at')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.day}>
                <th
                  scope="row"
                  className="border-b border-gray-100 py-1.5 pr-3 text-left font-normal text-gray-900"
                >
                  {dayText(b.day)}
                </th>
                <td className="border-b border-gray-100 px-3 py-1.5 text-right text-gray-900 tabular-nums">
                  {fmt.number(b.peak)}
                </td>
                <td className="border-b border-gray-100 py-1.5 pl-3 text-gray-900">
                  {b.peak > 0 ? timeText(b.at) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
