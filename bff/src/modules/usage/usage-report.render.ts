import { LICENSE_LABELS, type Peak, type UsageReport } from '@oig/shared';
import { toCsv, withBom } from '../../lib/csv.js';
import { escapeHtml } from '../../lib/html.js';

export const MIVOICE_INTEGRATION_LABEL = 'MiVoice Integration maximum concurrent users';
/** The code of the MiVoice Integration row in the CSV's License Code column (licenses have theirs). */
export const MIVOICE_INTEGRATION_CODE = 'miVoiceIntegration';

const number = (n: number) => n.toLocaleString('en-US');
const available = (l: UsageReport['licenses'][number]) =>
  l.server ? `${number(l.available)} (Server)` : number(l.available);
/** `2026-10-14 09:31:05 (+02:00)`: readable, and exact about the offset. */
const time = (iso: string | null) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} (${iso.slice(23)})` : '—';
const day = (iso: string) => iso.slice(0, 10);

/** `October 2026`, or `1–23 November 2026 (month to date)`. */
export function periodLabel(r: UsageReport): string {
  const [y, m] = r.period.month.split('-').map(Number) as [number, number];
  const name = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  if (!r.period.monthToDate) return `${name} ${y}`;
  return `1–${Number(r.period.to.slice(8, 10))} ${name} ${y} (month to date)`;
}

export function reportSubject(r: UsageReport): string {
  return `OIG usage report — ${r.oig.name} — ${periodLabel(r)}`;
}

export const reportFileName = (r: UsageReport) =>
  `oig-usage-${r.period.month}${r.period.monthToDate ? '-to-date' : ''}.csv`;

const peakCells = (p: Peak) => [String(p.peak), p.at ?? ''];

/**
 * The CSV attachment: sections separated by a blank line, each with its own header row. Times
 * are ISO 8601 with offset. Names come from applications: cells a spreadsheet would run as
 * formulas are neutralised. A BOM so that spreadsheet programs read UTF-8.
 */
export function renderReportCsv(r: UsageReport): string {
  const sections = [
    toCsv([
      ['OIG', r.oig.name],
      ['Version', r.oig.version],
      ['Period from', r.period.from],
      ['Period to (exclusive)', r.period.to],
      ['Time zone', r.period.timeZone],
      ['Month to date', r.period.monthToDate ? 'yes' : 'no'],
      ['Generated', r.generatedAt],
    ]),
    toCsv({
      fields: ['License', 'Available', 'Server license', 'Peak used', 'Peak time', 'Current', 'License Code'],
      data: [
        ...r.licenses.map((l) => [
          LICENSE_LABELS[l.type],
          String(l.available),
          l.server ? 'yes' : 'no',
          ...peakCells(l.peak),
          String(l.current),
          l.type,
        ]),
        [
          MIVOICE_INTEGRATION_LABEL,
          String(r.miVoiceIntegration.available),
          'no',
          ...peakCells(r.miVoiceIntegration.peak),
          String(r.miVoiceIntegration.current),
          MIVOICE_INTEGRATION_CODE,
        ],
      ],
    }),
    toCsv({
      fields: ['Company', 'Application', 'Sessions', 'Peak concurrent sessions', 'Peak time'],
      data: r.applications.map((a) => [
        a.companyName,
        a.applicationName,
        String(a.sessions),
        ...peakCells(a.peakConcurrent),
      ]),
    }),
  ];
  return withBom(`${sections.join('\r\n\r\n')}\r\n`);
}

const cell = 'padding:4px 8px;border-bottom:1px solid #e5e7eb;';
const th = (s: string, right = false) =>
  `<th style="${cell}text-align:${right ? 'right' : 'left'}">${escapeHtml(s)}</th>`;
const td = (s: string, right = false) =>
  `<td style="${cell}${right ? 'text-align:right;' : ''}">${escapeHtml(s)}</td>`;
const tr = (...cells: string[]) => `<tr>${cells.join('')}</tr>`;
const table = 'border-collapse:collapse;font-size:14px;margin:8px 0 20px';
const htmlTable = (head: string[], rows: string) =>
  `<table style="${table}"><thead>${tr(...head)}</thead><tbody>${rows}</tbody></table>`;

/** The HTML body: every text from outside escaped; inline styles only (mail clients drop <style>). */
export function renderReportHtml(r: UsageReport): string {
  const licenseRows = r.licenses
    .map((l) =>
      tr(
        td(LICENSE_LABELS[l.type]),
        td(available(l), true),
        td(number(l.peak.peak), true),
        td(time(l.peak.at)),
        td(number(l.current), true),
      ),
    )
    .join('');
  const mi = r.miVoiceIntegration;
  const appRows = r.applications.length
    ? r.applications
        .map((a) =>
          tr(
            td(a.companyName),
            td(a.applicationName),
            td(number(a.sessions), true),
            td(number(a.peakConcurrent.peak), true),
            td(time(a.peakConcurrent.at)),
          ),
        )
        .join('')
    : `<tr><td colspan="5" style="${cell}">No application sessions in this period.</td></tr>`;
  const miText = mi.enabled
    ? `Reached ${escapeHtml(time(mi.peak.at))}; ${escapeHtml(number(mi.current))} now.`
    : 'MiVoice Integration is not licensed.';
  return [
    `<div style="font-family:Arial,Helvetica,sans-serif;color:#111827">`,
    `<h1 style="font-size:20px">OIG usage report — ${escapeHtml(periodLabel(r))}</h1>`,
    `<p>${escapeHtml(r.oig.name)} · Mitel Open Integration Gateway ${escapeHtml(r.oig.version)}<br>`,
    `Period: ${escapeHtml(day(r.period.from))} to ${escapeHtml(time(r.period.to))} exclusive, ` +
      `time zone ${escapeHtml(r.period.timeZone)}<br>`,
    `Generated ${escapeHtml(time(r.generatedAt))}</p>`,
    `<h2 style="font-size:16px">${escapeHtml(MIVOICE_INTEGRATION_LABEL)}: ${escapeHtml(number(mi.peak.peak))}</h2>`,
    `<p>${miText}</p>`,
    `<h2 style="font-size:16px">Licenses</h2>`,
    htmlTable(
      [th('License'), th('Available', true), th('Peak used', true), th('Peak time'), th('Current', true)],
      licenseRows,
    ),
    `<h2 style="font-size:16px">Applications</h2>`,
    htmlTable(
      [
        th('Company'),
        th('Application'),
        th('Sessions', true),
        th('Peak concurrent sessions', true),
        th('Peak time'),
      ],
      appRows,
    ),
    `<p style="font-size:12px;color:#4b5563">The same figures are attached as CSV.</p>`,
    `</div>`,
  ].join('\n');
}

/** The plain-text part, for mail clients that do not show HTML. */
export function renderReportText(r: UsageReport): string {
  const lines = [
    `OIG usage report — ${periodLabel(r)}`,
    `${r.oig.name} · Mitel Open Integration Gateway ${r.oig.version}`,
    `Period: ${r.period.from} to ${r.period.to} (exclusive), time zone ${r.period.timeZone}`,
    '',
    `${MIVOICE_INTEGRATION_LABEL}: ${r.miVoiceIntegration.peak.peak}`,
    '',
    'Licenses (available / peak used at / current):',
    ...r.licenses.map(
      (l) =>
        `- ${LICENSE_LABELS[l.type]}: ${available(l)} / ${l.peak.peak} at ${time(l.peak.at)} / ${l.current}`,
    ),
    '',
    'Applications (sessions / peak concurrent at):',
    ...(r.applications.length
      ? r.applications.map(
          (a) =>
            `- ${a.companyName} / ${a.applicationName}: ` +
            `${a.sessions} / ${a.peakConcurrent.peak} at ${time(a.peakConcurrent.at)}`,
        )
      : ['- none']),
    '',
    'The same figures are attached as CSV.',
  ];
  return lines.join('\n');
}
