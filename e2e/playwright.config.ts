import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { PEERS, PORT } from './support/ports.js';

/** The built product, started once for the run on its own port and a fresh data folder. */
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'oig-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
const reportDir = process.env.VITEST_REPORT_DIR;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: reportDir ? [['list'], ['json', { outputFile: path.join(reportDir, 'e2e.json') }]] : [['list']],
  outputDir: path.join(dataDir, 'test-results'),
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // Local fake peers: Mitel Certificate Server, a MiVB controller (TCP), a MiCC, an SMTP server, Google.
      command: 'node --import tsx support/fake-peers.mjs',
      url: `http://127.0.0.1:${PEERS.mcs}/healthz`,
      reuseExistingServer: false,
      timeout: 20_000,
      env: {
        FAKE_MCS_PORT: String(PEERS.mcs),
        FAKE_MIVB_PORT: String(PEERS.mivb),
        FAKE_MICC_PORT: String(PEERS.micc),
        FAKE_SMTP_PORT: String(PEERS.smtp),
        FAKE_GOOGLE_PORT: String(PEERS.google),
      },
    },
    {
      command: 'node ../bff/dist/index.js',
      url: `${BASE_URL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        OIG_HOST: '127.0.0.1',
        OIG_PORT: String(PORT),
        OIG_DATA_DIR: dataDir,
        OIG_ADMIN_PASSWORD: 'e2e-admin-password',
        // Long enough that sessions opened by a test do not time out while the browser looks.
        OIG_SOAP_KEEPALIVE_S: '300',
        OIG_LOG_LEVEL: 'warning',
        OIG_NAME: 'oig-e2e',
        OIG_TIME_ZONE: 'Europe/Paris',
        OIG_MCS_URL: `http://127.0.0.1:${PEERS.mcs}/acl.json`,
        OIG_MCS_TIMEOUT_MS: '2000',
        OIG_MIVB_PROBE_PORT: String(PEERS.mivb),
        OIG_MICC_PORT: String(PEERS.micc),
        OIG_PROBE_TIMEOUT_MS: '1000',
        OIG_PROBE_INTERVAL_S: '5',
        OIG_GOOGLE_API_ROOT: `http://127.0.0.1:${PEERS.google}/`,
        OIG_GOOGLE_TOKEN_URL: `http://127.0.0.1:${PEERS.google}/token`,
        OIG_GOOGLE_TIMEOUT_MS: '3000',
      },
    },
  ],
});
