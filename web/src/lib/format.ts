import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

const DATE_TIME_OPTIONS: Record<'dateTime' | 'shortDateTime' | 'time', Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'medium' },
  shortDateTime: { dateStyle: 'short', timeStyle: 'medium' },
  time: { timeStyle: 'medium' },
};

function dateTimeFormat(language: string, kind: keyof typeof DATE_TIME_OPTIONS): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(language, DATE_TIME_OPTIONS[kind]);
    cache.set(key, format);
  }
  return format;
}

function numberFormat(language: string, kind: 'integer' | 'percent'): Intl.NumberFormat {
  const key = `${language}|${kind}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(
      language,
      kind === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : {},
    );
    cache.set(key, format);
  }
  return format;
}

/**
 * An Intl date-time format in `timeZone` (e.g. the usage report's zone), or in the browser's
 * own zone when the runtime does not know that one.
 */
export function zonedDateTimeFormat(
  language: string,
  options: Intl.DateTimeFormatOptions,
  timeZone: string,
): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(language, options);
  }
}

/**
 * A calendar day `YYYY-MM-DD` or month `YYYY-MM` with `format` (which must use timeZone 'UTC',
 * so that the day is never shifted by the browser's zone); the raw text if it is neither.
 */
export function formatCalendarDate(format: Intl.DateTimeFormat, value: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return value;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, match[3] ? Number(match[3]) : 1);
  return Number.isNaN(ms) ? value : format.format(ms);
}

/** An ISO 8601 instant with `format`; `fallback` (default: the raw text, or — for null) when it is not one. */
export function formatIso(
  format: Intl.DateTimeFormat,
  iso: string | null,
  fallback: string = iso ?? '—',
): string {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? fallback : format.format(ms);
}

export interface Formatters {
  language: string;
  /** Date and time of an ISO 8601 string, in the console language; the raw text if it is not a date. */
  dateTime: (iso: string) => string;
  /** Compact date and time for table cells. */
  shortDateTime: (iso: string) => string;
  time: (value: number | Date) => string;
  number: (value: number) => string;
  percent: (ratio: number) => string;
}

export function createFormatters(language: string): Formatters {
  return {
    language,
    dateTime: (iso) => formatIso(dateTimeFormat(language, 'dateTime'), iso),
    shortDateTime: (iso) => formatIso(dateTimeFormat(language, 'shortDateTime'), iso),
    time: (value) => dateTimeFormat(language, 'time').format(value),
    number: (value) => numberFormat(language, 'integer').format(value),
    percent: (ratio) => numberFormat(language, 'percent').format(ratio),
  };
}

/** Intl formatters for the current console language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => createFormatters(language), [language]);
}
