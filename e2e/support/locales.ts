import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

type Tree = { [key: string]: string | Tree };

/** One of the console's strings (`common:nav.sessions`) in `language`, from the project's locales/. */
export function text(language: string, key: string): string {
  const [ns, path] = key.includes(':') ? key.split(':') : ['common', key];
  const file = new URL(`../../locales/${language}/${ns}.json`, import.meta.url);
  let node: string | Tree = JSON.parse(readFileSync(file, 'utf8')) as Tree;
  for (const part of path!.split('.')) {
    if (typeof node === 'string' || !(part in node)) throw new Error(`no ${key} in ${language}`);
    node = node[part]!;
  }
  if (typeof node !== 'string') throw new Error(`${key} in ${language} is not a string`);
  return node;
}

/** The font families fontconfig has for a language (`fc-list :lang=ja family`). */
export function fontFamiliesFor(language: string): Set<string> {
  const out = execFileSync('fc-list', [`:lang=${language}`, 'family'], { encoding: 'utf8' });
  return new Set(
    out
      .split('\n')
      .flatMap((line) => line.split(',').map((f) => f.trim()))
      .filter(Boolean),
  );
}

/** The platform fonts Chromium really drew an element's text with (DevTools protocol). */
export async function fontsDrawing(
  page: Page,
  selector: string,
): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}
