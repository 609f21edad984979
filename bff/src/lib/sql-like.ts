import { sql, type SqlBool } from 'kysely';

/**
 * A case-insensitive "contains" pattern for LIKE: the text lower-cased, its wildcards (% _) and the
 * escape character escaped, so that "50%" or "a_b" mean themselves. Use with `escape '\'`.
 */
export const containsPattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `lower(column) like pattern escape '\'` for a pattern from containsPattern. */
export const lowerLike = (column: string, pattern: string) =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
