/**
 * Joins class names with one space, leaving out the empty and false ones: a long Tailwind class
 * list is written as several short strings (so each line stays within 120 columns), and a
 * conditional class as `cond && 'class'`.
 */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
