/**
 * The built console's files, as the build writes them and the server serves them (Node only: the
 * subpath `@oig/shared/console-assets`, never part of the browser bundle).
 *
 * - Pre-compression: the console build (web/vite.config.ts) writes `<file>.br` (brotli, quality 11)
 *   and `<file>.gz` (gzip, level 9) beside every text file of web/dist; the server sends one of them
 *   by `Accept-Encoding` and does no compression work for the console's files at run time.
 * - Hashed names: Vite names every file it emits `assets/<name>-<8-character hash>.<ext>`, so such a
 *   file never changes and may be cached for a year; any other file must be revalidated.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** A pre-compressed variant: the `Content-Encoding` it is sent with and its file name's suffix. */
export interface Precompressed {
  encoding: 'br' | 'gzip';
  suffix: '.br' | '.gz';
}

/** In the server's order of preference when a client accepts both equally. */
export const PRECOMPRESSED: readonly Precompressed[] = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
];

/** The text files that are pre-compressed (images and fonts are compressed formats already). */
export const PRECOMPRESS_EXTENSIONS: readonly string[] = [
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.json',
  '.webmanifest',
  '.txt',
  '.xml',
];

/**
 * Smaller files are left as they are: a few hundred bytes gain a few dozen at most. The cost is
 * paid once at build time, so the limit is lower than the server's run-time one (1 KiB).
 */
export const PRECOMPRESS_MIN_BYTES = 256;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The two variants of one file's bytes, at the strongest settings (paid once, at build time). */
export async function compressVariants(bytes: Buffer): Promise<Record<Precompressed['encoding'], Buffer>> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  return { br, gzip: gz };
}

/** Whether a file (by name and size) gets pre-compressed variants. */
export function isPrecompressible(file: string, bytes: number): boolean {
  return bytes >= PRECOMPRESS_MIN_BYTES && PRECOMPRESS_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

export interface PrecompressedFile {
  /** Relative to the folder, with `/` separators. */
  file: string;
  bytes: number;
  /** Size of each variant written; a variant that would not be smaller than the file is not written. */
  br?: number;
  gzip?: number;
}

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/**
 * Writes the `.br` and `.gz` variants of every precompressible file under `dir` (recursively), each
 * only if it is smaller than the file. Returns what it did, file by file, in name order.
 */
export async function precompressDir(dir: string): Promise<PrecompressedFile[]> {
  const files = (await filesUnder(dir)).sort();
  const done: PrecompressedFile[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    const bytes = await readFile(full);
    if (!isPrecompressible(file, bytes.length)) continue;
    const variants = await compressVariants(bytes);
    const row: PrecompressedFile = { file, bytes: bytes.length };
    for (const { encoding, suffix } of PRECOMPRESSED) {
      const compressed = variants[encoding];
      if (compressed.length >= bytes.length) continue;
      await writeFile(full + suffix, compressed);
      row[encoding] = compressed.length;
    }
    done.push(row);
  }
  return done;
}

/** `assets/<name>-<hash>.<ext>`: Vite's names for what it emits (build.assetsDir, `[hash]` of 8). */
const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/;

/**
 * Whether a file of the built console (path relative to its folder, `/` separators, without a
 * `.br`/`.gz` suffix) carries its content's hash in its name, and so never changes.
 */
export function isHashedAsset(relativePath: string): boolean {
  return HASHED_ASSET.test(relativePath);
}
