/**
 * Console benchmark (part of `npm run bench`, never of the tests): the built SPA's entry
 * JavaScript (and a first page's, for information). The Sessions tab at 25,000 sessions (first rows,
 * refresh, heap, filter per keystroke) is measured in Chromium by the bff bench's phase 9
 * (bff/bench/browser.ts): its list is filtered and paged on the server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const rows: Array<[string, string, string, string]> = [];
const row = (metric: string, measured: string, target: string, pass: boolean) =>
  rows.push([metric, measured, target, pass ? 'PASS' : 'MISS']);

// 1. Entry JS: the entry script and the chunks it preloads, all loaded and run before anything
//    renders or any request starts. Then, for information, a first page's whole JavaScript: the
//    entry, what the first load starts beside it (the console's schemas for /auth/me, the page's
//    chunk with its static imports, its English strings); a first visit lands on /login, or on
//    /overview when already signed in.
const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const entry = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g),
].map((m) => m[1]!);
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  { file: string; imports?: string[] }
>;
const withImports = (keys: string[], seen = new Set<string>()): Set<string> => {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    withImports(manifest[key]?.imports ?? [], seen);
  }
  return seen;
};
const gz = (f: string) => gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length;
const kbOf = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gz(f), 0) / 1024;
const entryKb = kbOf(entry);
row(
  'SPA entry JS (gzip: index + its modulepreloads)',
  `${entryKb.toFixed(1)} KB (${entry.length} files)`,
  '<= 140 KB',
  entryKb <= 140,
);

const FIRST_PAGES = { login: ['common', 'auth'], overview: ['common', 'overview'] } as const;
const firstLoad = Object.entries(FIRST_PAGES).map(([page, namespaces]) => {
  const keys = [
    'index.html',
    'src/lib/api-schemas.ts',
    `src/app/routes/${page}.tsx`,
    ...namespaces.map((ns) => `../locales/en/${ns}.json`),
  ];
  const files = new Set([...entry, ...[...withImports(keys)].map((key) => manifest[key]!.file)]);
  return { page, kb: kbOf(files), files: files.size };
});
const heaviest = firstLoad.sort((a, b) => b.kb - a.kb)[0]!;
row(
  '  (info) first page JS: entry + schemas + page chunk + strings',
  `${heaviest.kb.toFixed(1)} KB (/${heaviest.page}, ${heaviest.files} files)`,
  'information',
  true,
);

const w = [0, 1, 2, 3].map((c) =>
  Math.max(...rows.map((r) => r[c]!.length), ['metric', 'measured', 'target', 'result'][c]!.length),
);
const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(w[i]!)).join(' | ')}`;
console.log('\nConsole (web) benchmark');
console.log(line(['metric', 'measured', 'target', 'result']));
console.log(`  ${w.map((n) => '-'.repeat(n)).join('-+-')}`);
for (const r of rows) console.log(line(r));
console.log(
  `WEB_BENCH_JSON ${JSON.stringify({ entryGzipKb: Number(entryKb.toFixed(1)), firstPageGzipKb: Number(heaviest.kb.toFixed(1)) })}`,
);
