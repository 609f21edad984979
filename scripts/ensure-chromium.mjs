// Makes sure Debian's Chromium and the fonts the console's languages need are present for the
// Playwright e2e tests and the benchmark's browser phase (Playwright's own browser download does
// not work on these machines). Installs them with apt-get when running as root; otherwise says
// exactly what to do. Fonts: Japanese, Chinese and Korean need Noto Sans CJK (fonts-noto-cjk);
// Latin, Greek and Cyrillic come with Chromium's own dependency on DejaVu.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasCjkFonts() {
  try {
    return /Noto Sans CJK JP/.test(execSync('fc-list :lang=ja family', { encoding: 'utf8' }));
  } catch {
    return false; // no fontconfig: Chromium is not installed either
  }
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFonts()) missing.push('fonts-noto-cjk');
if (missing.length === 0) process.exit(0);

if (process.getuid?.() === 0) {
  console.log(`e2e: installing Debian's ${missing.join(' and ')}…`);
  execSync(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
    {
      stdio: 'inherit',
    },
  );
  if (existsSync(CHROMIUM) && hasCjkFonts()) process.exit(0);
}
console.error(
  `e2e: ${missing.join(' and ')} missing (Chromium at ${CHROMIUM}, CJK fonts for ja/zh/ko). ` +
    `Install them (sudo apt-get install -y ${missing.join(' ')}) or set CHROMIUM_PATH.`,
);
process.exit(1);
