import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/commands/registry.ts';
import { slackManifestYaml } from '../../src/adapters/slack/manifest.ts';
import { ROOT } from '../helpers/fixtures.ts';

const committed = readFileSync(join(ROOT, 'slack-manifest.yaml'), 'utf8');

interface Manifest {
  features: { slash_commands: { command: string; description: string; usage_hint?: string; url: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean };
}

test('the committed Slack manifest declares exactly the commands in COMMANDS, with their descriptions', () => {
  const manifest = parse(committed) as Manifest;
  const declared = manifest.features.slash_commands;
  assert.deepEqual(declared.map((c) => c.command), COMMANDS.map((c) => `/${c.name}`));
  assert.deepEqual(declared.map((c) => c.description), COMMANDS.map((c) => c.description));
  assert.equal(declared.find((c) => c.command === '/summary')?.usage_hint, 'topic [short|medium|long] [since]');
  assert.equal(declared.find((c) => c.command === '/subscribe')?.usage_hint, 'topic time [timezone]');
  for (const c of declared) {
    assert.match(c.command, /^\/[a-z0-9_-]{1,31}$/, 'Slack command names are short and lowercase');
    assert.ok(c.description.length <= 2000 && (c.usage_hint ?? '').length <= 1000);
    assert.match(c.url, /^https:\/\/.+\/slack\/events$/);
    assert.equal(c.should_escape, false);
  }
  assert.deepEqual(manifest.oauth_config.scopes.bot, ['commands', 'chat:write', 'chat:write.public', 'channels:history', 'groups:history']);
  assert.equal(manifest.settings.socket_mode_enabled, false);
});

test('the committed manifest is what the generator writes today (regenerate with src/cli/slack-manifest.ts --write)', () => {
  assert.equal(committed, slackManifestYaml(COMMANDS));
});
