import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/env.ts';

test('DATABASE_URL: postgres:// and postgresql:// URLs switch the store; anything else names the key and never echoes the value', () => {
  assert.equal(parseConfig({}).DATABASE_URL, undefined, 'SQLite by default');
  for (const url of ['postgres://digest:pw@db.example:5432/digests', 'postgresql://db.example/digests?sslmode=require']) {
    assert.equal(parseConfig({ DATABASE_URL: url }).DATABASE_URL, url);
  }
  for (const bad of ['mysql://u:SeCrEtPw@h/db', 'postgres://u:SeCrEtPw@h /db', 'SeCrEtPw']) {
    assert.throws(
      () => parseConfig({ DATABASE_URL: bad }),
      (err: unknown) => err instanceof ConfigError && /DATABASE_URL: must be a postgres/.test(err.message) && !err.message.includes('SeCrEtPw'),
    );
  }
});
