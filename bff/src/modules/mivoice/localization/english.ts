import type { LocalizationApp } from '@oig/shared';
import google from './strings/google.en.json' with { type: 'json' };
import salesforce from './strings/salesforce.en.json' with { type: 'json' };

/** One application's built-in English strings (Appendix A), in the appendix order. */
export interface EnglishSet {
  /** Keys in the appendix order (the order of every export). */
  keys: readonly string[];
  /** key → English text. */
  text: ReadonlyMap<string, string>;
}

function englishSet(json: Record<string, string>): EnglishSet {
  const entries = Object.entries(json);
  return { keys: Object.freeze(entries.map(([k]) => k)), text: new Map(entries) };
}

/** The built-in English of both MiVoice Integration applications (bundled with the server). */
export const ENGLISH: Readonly<Record<LocalizationApp, EnglishSet>> = Object.freeze({
  google: englishSet(google),
  salesforce: englishSet(salesforce),
});
