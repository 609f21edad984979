/**
 * XML 1.0 output escaping for the SOAP codec.
 *
 * Characters that XML 1.0 cannot represent at all (C0 controls other than
 * TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates) are replaced by U+FFFD so that a
 * stray control character in, say, an application name can never make a
 * response unparseable for the client.
 */

// Everything outside the XML 1.0 `Char` production. With the `u` flag a lone
// surrogate is its own code point and falls outside every listed range.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function replaceInvalidChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD');
}

/**
 * Escapes character data for element content. CR is kept as a character reference so it survives
 * end-of-line normalisation.
 */
export function escapeXmlText(value: string): string {
  return replaceInvalidChars(value).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * Escapes a value for a double- or single-quoted attribute; whitespace is kept as references so
 * attribute-value normalisation does not alter it.
 */
export function escapeXmlAttr(value: string): string {
  return replaceInvalidChars(value).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c] ?? c);
}
