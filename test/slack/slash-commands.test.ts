import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveCorpus } from '../../src/app/live-corpus.ts';
import { messageProblems } from '../fakes/slack/block-kit-limits.ts';
import { ADMIN, BUDGETS, MEMBER, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';
import { WARN } from '../fakes/slack/log-capture.ts';
import type { Recorded } from '../fakes/slack/fake-slack.ts';

let corpus: LiveCorpus;
let slack: SlackHarness;

before(async () => {
  corpus = await loadedCorpus();
  slack = await startSlackHarness({ deps: { corpus, budgets: BUDGETS } });
});
after(() => slack.stop());

type Block = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };
const blocksOf = (r: Recorded) => r.body.blocks as Block[];
const response = (id: string) => (r: Recorded) => r.kind === 'response' && r.name === id;

test('a signed /summary is acked at once and answered in the channel with a Block Kit digest', async () => {
  const posted = await slack.command('/summary', 'ghazni', { id: 'sum' });
  assert.equal(posted.status, 200);
  assert.ok(posted.elapsedMs < 3000, `acked in ${posted.elapsedMs} ms`);

  const reply = await slack.fake.next(response('sum'));
  assert.equal(reply.refused, undefined);
  assert.equal(reply.body.response_type, 'in_channel');
  const blocks = blocksOf(reply);
  assert.deepEqual(blocks[0], { type: 'header', text: { type: 'plain_text', text: 'Ghazni', emoji: false } });
  const sections = blocks.filter((b) => b.type === 'section');
  assert.ok(sections.length >= 2, 'one section per item');
  assert.match(sections[0]!.text!.text, /^\*1\.\* .*Ghazni/s);
  for (const s of sections) assert.match(s.text!.text, /\nSources: /);
  assert.match(sections[0]!.text!.text, /\nSources: \S/);
  const last = blocks.at(-1)!;
  assert.equal(last.type, 'context');
  assert.match(last.elements![0]!.text, /^\d+ items from \d+ articles?, \d+ outlets?$/);
  assert.match(String(reply.body.text), /^Ghazni: \d+ items/);
});

test('a bad signature and a timestamp 6 minutes old get 401, and no answer is ever posted', async () => {
  const forged = await slack.command('/summary', 'ghazni', { id: 'forged', signature: 'v0=' + '0'.repeat(64) });
  assert.equal(forged.status, 401);
  const stale = await slack.command('/summary', 'ghazni', { id: 'stale', ageSeconds: 6 * 60 });
  assert.equal(stale.status, 401);
  // A genuine request sent afterwards is answered; the refused ones never reached a listener.
  await slack.command('/topics', '', { id: 'after-401' });
  await slack.fake.next(response('after-401'));
  assert.deepEqual(slack.fake.records.filter((r) => r.name === 'forged' || r.name === 'stale'), []);
});

test('/reload from a non-admin is refused politely, only to them, and the attempt is logged', async () => {
  await slack.command('/reload', '', { id: 'reload-member', user: MEMBER, channel: 'C9' });
  const reply = await slack.fake.next(response('reload-member'));
  assert.equal(reply.body.response_type, 'ephemeral');
  assert.match(String(reply.body.text), /Only admins can run \/reload\./);
  const warning = slack.logs.lines.find((l) => l.level === WARN && l.command === 'reload');
  assert.ok(warning, 'a warning names the attempt');
  assert.equal(warning.user, MEMBER);
  assert.equal(warning.channel, 'C9');
});

test('/reload from an admin reloads the articles and tells only them what changed', async () => {
  await slack.command('/reload', '', { id: 'reload-admin', user: ADMIN });
  const reply = await slack.fake.next(response('reload-admin'));
  assert.equal(reply.body.response_type, 'ephemeral');
  assert.match(blocksOf(reply)[0]!.text!.text, /^Reloaded \d+ articles in \d+ ms: 0 added, 0 removed, 0 changed/);
});

test('/topics is shared with the channel; /help and a topic the articles never mention are not', async () => {
  await slack.command('/topics', '', { id: 'topics' });
  await slack.command('/help', '', { id: 'help' });
  await slack.command('/summary', 'ghaznee', { id: 'typo' });
  const topics = await slack.fake.next(response('topics'));
  assert.equal(topics.body.response_type, 'in_channel');
  assert.match(blocksOf(topics)[0]!.text!.text, /^Topics in \d+ articles:\n• /);
  const help = await slack.fake.next(response('help'));
  assert.equal(help.body.response_type, 'ephemeral');
  assert.match(blocksOf(help)[0]!.text!.text, /`\/summary topic \[length\]`/);
  const typo = await slack.fake.next(response('typo'));
  assert.equal(typo.body.response_type, 'ephemeral');
  assert.match(String(typo.body.text), /Nothing in the loaded articles about "ghaznee"\. Did you mean: Ghazni\?/);
});

test('every message the bot posted stayed inside Block Kit limits', () => {
  const posted = slack.fake.records.filter((r) => r.kind === 'response' || r.name === 'chat.postMessage');
  assert.ok(posted.length > 0);
  for (const r of posted) assert.deepEqual(messageProblems(r.body), [], r.name);
});
