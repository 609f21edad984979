import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHashedAsset, PRECOMPRESS_MIN_BYTES, precompressDir } from './console-assets.js';

describe('precompressDir (the console build writes .br and .gz)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oig-precompress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  };
  const text = (bytes: number) =>
    Array.from({ length: Math.ceil(bytes / 20) }, (_, i) => `const value${i} = "row ${i % 50}";\n`)
      .join('')
      .slice(0, bytes);
  /** Bytes no compressor can shrink. */
  const noise = (bytes: number) => randomBytes(bytes);

  it('every text file from the threshold up gets both variants, each decoding to the file', async () => {
    const files = {
      'index.html': `<!doctype html><title>x</title>${text(600)}`,
      'assets/index-C6YA6rFT.js': text(50_000),
      'assets/index-Cupd-JSz.css': text(5_000).replace(/const/g, '.c'),
      'assets/deep/icons-AbCdEf12.svg': `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h24v24H0z"/>'.repeat(40)}</svg>`,
      'manifest.json': JSON.stringify({ strings: text(2_000) }),
      'assets/edge-AbCdEf12.mjs': text(PRECOMPRESS_MIN_BYTES),
    };
    for (const [name, content] of Object.entries(files)) write(name, content);
    const done = await precompressDir(dir);
    expect(done.map((d) => d.file).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      const original = Buffer.from(content);
      const br = readFileSync(path.join(dir, `${name}.br`));
      const gz = readFileSync(path.join(dir, `${name}.gz`));
      expect(zlib.brotliDecompressSync(br).equals(original), name).toBe(true);
      expect(zlib.gunzipSync(gz).equals(original), name).toBe(true);
      expect(br.length, name).toBeLessThan(original.length);
      expect(done.find((d) => d.file === name)).toEqual({
        file: name,
        bytes: original.length,
        br: br.length,
        gzip: gz.length,
      });
    }
  });

  it('brotli at its strongest and gzip at level 9 (not the defaults)', async () => {
    const content = text(200_000);
    write('assets/big-AbCdEf12.js', content);
    await precompressDir(dir);
    const br = readFileSync(path.join(dir, 'assets/big-AbCdEf12.js.br'));
    const gz = readFileSync(path.join(dir, 'assets/big-AbCdEf12.js.gz'));
    const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT, BROTLI_PARAM_SIZE_HINT } =
      zlib.constants;
    const brotli = (quality: number) =>
      zlib.brotliCompressSync(content, {
        params: {
          [BROTLI_PARAM_QUALITY]: quality,
          [BROTLI_PARAM_MODE]: BROTLI_MODE_TEXT,
          [BROTLI_PARAM_SIZE_HINT]: 200_000,
        },
      });
    expect(br.equals(brotli(11))).toBe(true);
    expect(br.equals(brotli(4))).toBe(false);
    expect(gz.equals(zlib.gzipSync(content, { level: 9 }))).toBe(true);
    expect(gz.equals(zlib.gzipSync(content))).toBe(false);
  });

  it('leaves alone small files, binary formats, and text that would not get smaller', async () => {
    write('assets/tiny-AbCdEf12.js', text(PRECOMPRESS_MIN_BYTES - 1));
    write('assets/logo-AbCdEf12.png', noise(5_000));
    write('assets/font-AbCdEf12.woff2', text(5_000));
    write('assets/data-AbCdEf12.json', noise(5_000));
    const done = await precompressDir(dir);
    expect(done).toEqual([
      // Tried, but neither variant is smaller than the file: none written.
      { file: 'assets/data-AbCdEf12.json', bytes: 5_000 },
    ]);
    for (const name of [
      'tiny-AbCdEf12.js',
      'logo-AbCdEf12.png',
      'font-AbCdEf12.woff2',
      'data-AbCdEf12.json',
    ]) {
      expect(existsSync(path.join(dir, 'assets', `${name}.br`)), name).toBe(false);
      expect(existsSync(path.join(dir, 'assets', `${name}.gz`)), name).toBe(false);
    }
  });
});

describe('isHashedAsset', () => {
  it("is true for Vite's names under assets/ only", () => {
    for (const p of [
      'assets/index-C6YA6rFT.js',
      'assets/index-Cupd-JSz.css',
      'assets/use-zod-form-C0MtlfSO.js',
      'assets/fr-a_b-C1d2.js',
      'assets/fonts/inter-AbCdEf12.woff2',
    ]) {
      expect(isHashedAsset(p), p).toBe(true);
    }
    for (const p of [
      'index.html',
      'favicon.ico',
      'index-C6YA6rFT.js', // not under assets/
      'assets/no-hash.js',
      'assets/index-C6YA6r.js', // 6 characters
      'assets/index-C6YA6rFT9.js', // 9 characters
      'assets/index.C6YA6rFT.js',
      'other/assets/index-C6YA6rFT.js',
    ]) {
      expect(isHashedAsset(p), p).toBe(false);
    }
  });
});
