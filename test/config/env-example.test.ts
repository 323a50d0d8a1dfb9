import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, parseConfig } from '../../src/config/env.ts';
import { ROOT } from '../helpers/fixtures.ts';

test('.env.example documents every setting, and as written it is a valid configuration', () => {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const documented = [...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  assert.ok(CONFIG_KEYS.length > 20);
  assert.deepEqual(CONFIG_KEYS.filter((k) => !documented.some(([d]) => d === k)), [], 'settings missing from .env.example');
  assert.deepEqual(documented.map(([d]) => d).filter((d) => !CONFIG_KEYS.includes(d)), [], 'settings in .env.example that the bot ignores');
  assert.doesNotThrow(() => parseConfig(Object.fromEntries(documented)));
});
