import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_TOKEN } from '../fakes/slack/fake-slack.ts';
import { slashCommandFields } from '../fakes/slack/slash-command.ts';
import { ADMIN, BUDGETS, MEMBER, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

let slack: SlackHarness;

before(async () => {
  slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS }, socketMode: true });
});
after(() => slack.stop());

test('with an app token the bot connects over Socket Mode, without an HTTP port', async () => {
  assert.equal(slack.bot.port, undefined);
  const open = slack.fake.records.find((r) => r.name === 'apps.connections.open');
  assert.equal(open?.headers.authorization, `Bearer ${APP_TOKEN}`);
});

test('a slash command over the socket is acked on the socket and answered through the response_url', async () => {
  const ack = await slack.fake.sendEnvelope('slash_commands', slashCommandFields('/summary', 'ghazni short', { user: MEMBER }, slack.fake.responseUrl('sock')));
  assert.match(String(ack.envelope_id), /^env-/);
  const reply = await slack.fake.next((r) => r.name === 'sock');
  assert.equal(reply.refused, undefined);
  assert.equal(reply.body.response_type, 'in_channel');
  const blocks = reply.body.blocks as { type: string; text?: { text: string } }[];
  assert.equal(blocks[0]!.text!.text, 'Ghazni');
  assert.equal(blocks.filter((b) => b.type === 'section').length, 2, 'short: two items');
});

test('admin checks are the same over the socket', async () => {
  await slack.fake.sendEnvelope('slash_commands', slashCommandFields('/reload', '', { user: MEMBER }, slack.fake.responseUrl('sock-member')));
  await slack.fake.sendEnvelope('slash_commands', slashCommandFields('/reload', '', { user: ADMIN }, slack.fake.responseUrl('sock-admin')));
  assert.match(String((await slack.fake.next((r) => r.name === 'sock-member')).body.text), /Only admins can run \/reload/);
  assert.match(String((await slack.fake.next((r) => r.name === 'sock-admin')).body.text), /^Reloaded \d+ articles/);
});
