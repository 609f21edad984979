import type { Account } from '@oig/shared';

/** What identifies an application account: its company and application names. */
export type AccountKey = Pick<Account, 'companyName' | 'applicationName'>;

/** `/api/v1/accounts/{companyName}/{applicationName}`, both names URL-encoded (they may hold spaces or slashes). */
export function accountPath({ companyName, applicationName }: AccountKey): string {
  return `/api/v1/accounts/${encodeURIComponent(companyName)}/${encodeURIComponent(applicationName)}`;
}

/** A stable row id for an account (names may contain any printable character). */
export function accountId({ companyName, applicationName }: AccountKey): string {
  return JSON.stringify([companyName, applicationName]);
}
