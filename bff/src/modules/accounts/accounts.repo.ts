import type { Db } from '../../db/db.js';

export interface AccountRow {
  companyName: string;
  applicationName: string;
  localPasswordHash: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

const toRow = (r: {
  company_name: string;
  application_name: string;
  local_password_hash: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}): AccountRow => ({
  companyName: r.company_name,
  applicationName: r.application_name,
  localPasswordHash: r.local_password_hash,
  enabled: r.enabled === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export function createAccountsRepo(db: Db) {
  return {
    async list(): Promise<AccountRow[]> {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .orderBy('application_name')
        .orderBy('company_name')
        .execute();
      return rows.map(toRow);
    },

    async find(companyName: string, applicationName: string): Promise<AccountRow | undefined> {
      const r = await db
        .selectFrom('accounts')
        .selectAll()
        .where('company_name', '=', companyName)
        .where('application_name', '=', applicationName)
        .executeTakeFirst();
      return r && toRow(r);
    },

    /** Inserts; returns false when the application already has a local password. */
    async insert(a: {
      companyName: string;
      applicationName: string;
      localPasswordHash: string;
      now: number;
    }): Promise<boolean> {
      const res = await db
        .insertInto('accounts')
        .values({
          company_name: a.companyName,
          application_name: a.applicationName,
          local_password_hash: a.localPasswordHash,
          enabled: 1,
          created_at: a.now,
          updated_at: a.now,
        })
        .onConflict((oc) => oc.columns(['company_name', 'application_name']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** Replaces the local password hash; false when the application has no local password. */
    async updatePassword(
      companyName: string,
      applicationName: string,
      localPasswordHash: string,
      now: number,
    ): Promise<boolean> {
      const res = await db
        .updateTable('accounts')
        .set({ local_password_hash: localPasswordHash, updated_at: now })
        .where('company_name', '=', companyName)
        .where('application_name', '=', applicationName)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Enables or disables; false when the application has no local password. */
    async setEnabled(
      companyName: string,
      applicationName: string,
      enabled: boolean,
      now: number,
    ): Promise<boolean> {
      const res = await db
        .updateTable('accounts')
        .set({ enabled: enabled ? 1 : 0, updated_at: now })
        .where('company_name', '=', companyName)
        .where('application_name', '=', applicationName)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Deletes the local password; returns the deleted row, undefined when there was none. */
    async delete(companyName: string, applicationName: string): Promise<AccountRow | undefined> {
      const r = await db
        .deleteFrom('accounts')
        .where('company_name', '=', companyName)
        .where('application_name', '=', applicationName)
        .returningAll()
        .executeTakeFirst();
      return r && toRow(r);
    },

    async count(): Promise<number> {
      const r = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
