import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  apiSignIn,
  apiWrite,
  ensureAccount,
  expectNoSeriousA11yViolations,
  restLogin,
  uiSignIn,
} from '../support/api.js';
import { PEERS } from '../support/ports.js';

interface ReceivedMail {
  to: string[];
  subject: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

const REPORT_TO = 'usage-reports@example.com';

test('Usage report: set the address, Send Report To Email Now, it reaches the SMTP peer with its CSV, the outbox shows it sent; the Overview charts today', async ({
  page,
  request,
}) => {
  // An application session holding a Data Access license, and the SMTP peer as mail server.
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  await restLogin(request);
  // (The mail run starts from "no server set"; put that back at the end if it was so.)
  const mailSource = ((await (await request.get('/api/v1/mail/settings')).json()) as { source: string })
    .source;
  const smtp = await apiWrite(request, csrf, 'put', '/api/v1/mail/settings', {
    host: '127.0.0.1',
    port: PEERS.smtp,
    tlsMode: 'none',
    username: null,
    fromAddress: 'oig@example.com',
  });
  expect(smtp.status()).toBe(200);

  await uiSignIn(page);
  // Overview: today's bar of Data Access use shows at least this session.
  const chart = page.getByTestId('usage-chart-panel');
  await chart.getByTestId('usage-chart-counter').selectOption('dataAccess');
  const today = chart.getByTestId('usage-chart-bar').last();
  await expect(today).toHaveAttribute('data-peak', /^[1-9]\d*$/);
  await expect(chart.getByTestId('usage-chart-bar')).toHaveCount(30);
  await expect(chart.getByTestId('usage-chart-timezone')).toContainText('Europe/Paris');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Options' }).click();
  const panel = page.getByTestId('usage-report-panel');
  await panel.getByTestId('usage-report-email').fill(REPORT_TO);
  await panel.getByTestId('usage-report-save').click();
  await expect(panel.getByTestId('usage-report-send-hint')).toContainText(REPORT_TO);
  await expect(panel.getByTestId('usage-report-send')).toBeEnabled();

  const before = (
    (await (await request.get(`http://127.0.0.1:${PEERS.mcs}/mails`)).json()) as ReceivedMail[]
  ).filter((m) => m.to.includes(REPORT_TO)).length;
  await panel.getByTestId('usage-report-send').click();
  await expect(page.getByText(/queued for usage-reports@example\.com/)).toBeVisible();

  // The Mail Outbox shows the report sent; the peer got it exactly once, with its CSV.
  const outbox = page.getByTestId('outbox-panel');
  const row = outbox.getByTestId('outbox-row').filter({ hasText: REPORT_TO }).first();
  await expect(async () => {
    await outbox.getByTestId('outbox-refresh').click();
    await expect(row).toContainText(/sent/i, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const mails = (
    (await (await request.get(`http://127.0.0.1:${PEERS.mcs}/mails`)).json()) as ReceivedMail[]
  ).filter((m) => m.to.includes(REPORT_TO));
  expect(mails).toHaveLength(before + 1);
  const mail = mails.at(-1)!;
  expect(mail.subject).toMatch(/^OIG usage report — oig-e2e — 1–\d+ \w+ \d{4} \(month to date\)$/);
  expect(mail.html).toContain('MiVoice Integration maximum concurrent users');
  expect(mail.html).toContain('Call Recorder');
  const csv = mail.attachments.find((a) => a.filename.endsWith('-to-date.csv'));
  expect(csv?.contentType).toBe('text/csv');
  expect(csv?.content).toContain('Time zone,Europe/Paris');
  expect(csv?.content).toMatch(/Data Access Service,\d+,no,[1-9]\d*,\d{4}-\d\d-\d\dT/);
  expect(csv?.content).toMatch(/Acme,Call Recorder,[1-9]\d*,[1-9]\d*,/);

  // A past month again (e.g. after the monthly mail went to a wrong address): chosen in the report
  // period, confirmed, and mailed as the monthly report of that month, to the address saved now.
  const period = panel.getByRole('combobox', { name: 'Report period' });
  await expect(period.locator('option').first()).toHaveText('This month so far');
  const previous = period.locator('option').nth(1);
  const [month, monthName] = [(await previous.getAttribute('value'))!, (await previous.textContent())!];
  expect(month).toMatch(/^\d{4}-\d\d$/);
  await period.selectOption(month);
  await expect(panel.getByTestId('usage-report-send-hint')).toContainText(`monthly report for ${monthName}`);
  await panel.getByTestId('usage-report-send').click();
  const confirm = page.getByRole('dialog', { name: `Send the report for ${monthName}?` });
  await expect(confirm).toContainText(REPORT_TO);
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole('button', { name: 'Send Report' }).click();
  await expect(page.getByText(`Report for ${monthName} queued for ${REPORT_TO}`)).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(async () => {
    const got = (
      (await (await request.get(`http://127.0.0.1:${PEERS.mcs}/mails`)).json()) as ReceivedMail[]
    ).filter((m) => m.to.includes(REPORT_TO));
    expect(got).toHaveLength(before + 2);
  }).toPass({ timeout: 30_000 });
  const again = ((await (await request.get(`http://127.0.0.1:${PEERS.mcs}/mails`)).json()) as ReceivedMail[])
    .filter((m) => m.to.includes(REPORT_TO))
    .at(-1)!;
  expect(again.subject).toBe(`OIG usage report — oig-e2e — ${monthName}`);
  const pastCsv = again.attachments.find((a) => a.filename === `oig-usage-${month}.csv`);
  expect(pastCsv?.content).toContain('Month to date,no');
  expect(pastCsv?.content).toContain('Time zone,Europe/Paris');
  // Back to this month so far for the download below.
  await period.selectOption('');

  // The same CSV can be downloaded from the panel (a button: the file is fetched, then saved under the server's name).
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download month-to-date CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^oig-usage-\d{4}-\d\d-to-date\.csv$/);
  expect((await readFile(await download.path())).toString('utf8')).toContain('Time zone,Europe/Paris');
  await expectNoSeriousA11yViolations(page);
  if (mailSource === 'none')
    expect((await apiWrite(request, csrf, 'put', '/api/v1/mail/settings', { clear: true })).status()).toBe(
      200,
    );
});
