/**
 * The placeholder rule of every translation the product checks: a translated string holds exactly
 * the placeholders of its English original (as a multiset; order within the sentence is free).
 * One rule, two syntaxes: the MiVoice Integration localization CSVs (`{0}`, `{1}`…, Appendix A)
 * and the console's own strings (i18next `{{name}}` / `{{count, number}}`).
 */
export type PlaceholderSyntax = 'mivoice' | 'i18next';

const PATTERNS: Readonly<Record<PlaceholderSyntax, RegExp>> = {
  mivoice: /\{\d+\}/g,
  i18next: /\{\{[^{}]*\}\}/g,
};

/** The placeholders of `text`, sorted, blanks inside removed (`{{ count, number }}` → `{{count,number}}`). */
export function placeholdersOf(text: string, syntax: PlaceholderSyntax): string[] {
  return (text.match(PATTERNS[syntax]) ?? []).map((p) => p.replace(/\s+/g, '')).sort();
}

/** The name of an i18next placeholder (`{{count,number}}` → `count`). */
const nameOf = (placeholder: string) => placeholder.replace(/^\{\{|\}\}$/g, '').split(',')[0] ?? '';

export interface PlaceholderCheck {
  ok: boolean;
  /** The English string's placeholders, sorted. */
  expected: string[];
  /** The translation's placeholders, sorted. */
  found: string[];
}

/**
 * Whether `translated` keeps the placeholders of `english`. `optional` names placeholders the
 * translation may leave out (an i18next plural form other than `other` may say "one" for
 * `{{count}}`); it must still not add any.
 */
export function comparePlaceholders(
  english: string,
  translated: string,
  syntax: PlaceholderSyntax,
  { optional = [] }: { optional?: readonly string[] } = {},
): PlaceholderCheck {
  const expected = placeholdersOf(english, syntax);
  const found = placeholdersOf(translated, syntax);
  const required = (list: string[]) =>
    syntax === 'i18next' ? list.filter((p) => !optional.includes(nameOf(p))) : list;
  const ok =
    required(expected).join('\n') === required(found).join('\n') && found.every((p) => expected.includes(p));
  return { ok, expected, found };
}
