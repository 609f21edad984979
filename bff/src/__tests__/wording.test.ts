import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One spelling across what people read: Mitel's documents write "license" (noun and verb), so
 * the console's English strings, the server's messages, mail texts, CSV headers, the docs and
 * the code comments do too. French, where the word is spelt otherwise, is left out.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PLACES = [
  'locales/en',
  'bff/src',
  'bff/bench',
  'shared/src',
  'web/src',
  'e2e/tests',
  'docs',
  'README.md',
];
const TEXT = /\.(ts|tsx|mjs|json|md|html|css)$/;
// Spelled in two pieces so that this file does not hold the word it looks for.
const BRITISH = new RegExp(`licen${'c'}e`, 'i');
/** A line of French (the console tests' French strings), where the word is rightly spelt otherwise. */
const FRENCH = /[éèêëàâçôûùî«»]/;

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) {
      if (name === 'node_modules' || name === 'dist') continue;
      yield* files(join(path, name));
    }
  } else if (TEXT.test(path)) yield path;
}

describe('wording', () => {
  it('spells "license" one way (as Mitel does) in every English text, message, mail and CSV header', () => {
    const found: string[] = [];
    let read = 0;
    for (const place of PLACES) {
      for (const file of files(join(ROOT, place))) {
        read++;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (BRITISH.test(line) && !FRENCH.test(line))
              found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    // The walk really read the product (a wrong root would find nothing and pass).
    expect(read).toBeGreaterThan(300);
    expect(found).toEqual([]);
  });
});
