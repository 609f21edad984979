import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHashedAsset, PRECOMPRESS_MIN_BYTES } from '@oig/shared/console-assets';

const WEB = path.resolve(import.meta.dirname, '../../..');
const VITE = path.join(
  path.dirname(createRequire(path.join(WEB, 'package.json')).resolve('vite/package.json')),
  'bin/vite.js',
);

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(path.join(dir, e.name), rel) : [rel];
  });
}

/**
 * The real production build (`vite build` with web/vite.config.ts, its plugins included) into a temp
 * folder: what the server serves. Slow for a unit test (~5 s), but it is the only way to know the
 * build writes the variants the server looks for, under the names it caches for a year. In a process
 * of its own: esbuild does not run under jsdom.
 */
describe('the console build (vite build with vite.config.ts)', () => {
  let out: string;
  let files: string[];
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'oig-web-build-'));
    await promisify(execFile)(
      process.execPath,
      [VITE, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: WEB },
    );
    files = filesUnder(out);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('every .js/.css/.html/.svg/.json file of at least the threshold has .br and .gz siblings that decode to it', () => {
    const text = files.filter((f) => /\.(?:js|css|html|svg|json)$/.test(f));
    expect(text).toContain('index.html');
    expect(text.filter((f) => f.endsWith('.css')).length).toBeGreaterThan(0);
    const large = text.filter((f) => statSync(path.join(out, f)).size >= PRECOMPRESS_MIN_BYTES);
    expect(large.length).toBeGreaterThan(10);
    for (const f of large) {
      const original = readFileSync(path.join(out, f));
      expect(files, f).toContain(`${f}.br`);
      expect(files, f).toContain(`${f}.gz`);
      expect(zlib.brotliDecompressSync(readFileSync(path.join(out, `${f}.br`))).equals(original), f).toBe(
        true,
      );
      expect(zlib.gunzipSync(readFileSync(path.join(out, `${f}.gz`))).equals(original), f).toBe(true);
    }
    // The entry script: a quarter of its size or less on the wire.
    const entry = readFileSync(path.join(out, 'index.html'), 'utf8').match(
      /src="\/(assets\/index-[^"]+\.js)"/,
    )?.[1];
    expect(entry).toBeDefined();
    const raw = statSync(path.join(out, entry!)).size;
    expect(statSync(path.join(out, `${entry!}.br`)).size).toBeLessThan(raw / 3);
  });

  it('every emitted file but index.html (and the variants) carries its hash under assets/', () => {
    // .vite/manifest.json is the build's map for web/bench (a dot folder: never served).
    const originals = files.filter((f) => !/\.(?:br|gz)$/.test(f) && !f.startsWith('.vite/'));
    expect(originals.filter((f) => !isHashedAsset(f))).toEqual(['index.html']);
    expect(files).toContain('.vite/manifest.json');
  });

  it('names a strings chunk per language and namespace, all with one version suffix', () => {
    const strings = files.filter((f) => /^assets\/strings-.*\.js$/.test(f));
    const locales = path.resolve(WEB, '../locales');
    const expected = readdirSync(locales).flatMap((language) =>
      readdirSync(path.join(locales, language)).map(
        (file) => `strings-${language}-${file.replace(/\.json$/, '')}-`,
      ),
    );
    expect(strings.length).toBe(expected.length);
    for (const prefix of expected)
      expect(
        strings.some((f) => f.startsWith(`assets/${prefix}`)),
        prefix,
      ).toBe(true);
    expect(new Set(strings.map((f) => /-([A-Za-z0-9_-]{8})\.js$/.exec(f)?.[1])).size).toBe(1);
  });
});
