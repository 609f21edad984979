import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../config.js';
import { freshDb, signIn, startHarness, type Harness, type TestDb } from '../../../../test/harness.js';
import { BASE, csv, seed, stored, upload, type Agent } from './user-list-fixtures.js';

describe('database busy during an import (SQLite locked by another program)', () => {
  let db: TestDb;
  let h: Harness;
  let admin: Agent;
  let file: string;

  beforeAll(async () => {
    db = freshDb('sqlite');
    h = await startHarness(db);
    admin = (await signIn(h)).agent;
    await seed(h, BASE);
    const config = loadConfig(db.env);
    if (config.database.kind !== 'sqlite') throw new Error('expected SQLite');
    file = config.database.file;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('503 "busy" with Retry-After once the lock wait ends; the list unchanged; the next try works', async () => {
    // Another program (an operator's sqlite3 shell, a backup) holds the write lock.
    const other = new SqliteDatabase(file);
    other.exec('begin immediate');
    const body = csv(['primary_email,phone_number', 'carol@example.com,+1 555 0200']);
    try {
      const res = await upload(admin, body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body.error).toEqual({
        code: 'unavailable',
        message: 'The database is busy: try again in a moment',
        reason: 'database_busy',
      });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await stored(h)).toEqual(BASE);
    expect((await upload(admin, body).expect(200)).body).toMatchObject({ added: 1, applied: true });
  }, 20_000);
});
