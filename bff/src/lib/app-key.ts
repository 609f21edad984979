/**
 * One string per application (company + application name), for maps, sets and the
 * usage_daily.subject column. The separator is the ASCII unit separator: names never hold
 * control characters, and unlike NUL it can be stored in PostgreSQL text.
 */
const APP_KEY_SEPARATOR = '\u001f';

export const appKey = (company: string, application: string): string =>
  `${company}${APP_KEY_SEPARATOR}${application}`;

export const splitAppKey = (key: string): [string, string] => {
  const i = key.indexOf(APP_KEY_SEPARATOR);
  return [key.slice(0, i), key.slice(i + 1)];
};
