import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../src/commands/registry.ts';
import { parseLine } from '../../src/adapters/console/parse-line.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import type { CommandDeps, Invoker, Reply } from '../../src/commands/types.ts';
import { tempArticles } from '../helpers/fixtures.ts';
import { withDeps } from '../helpers/command-deps.ts';

const admin: Invoker = { platform: 'console', id: 'local', isAdmin: true, channel: 'terminal' };

/** A line typed in the terminal, answered the way the session answers it. */
async function typed(line: string, deps: CommandDeps): Promise<Reply> {
  const parsed = parseLine(line);
  assert.ok(parsed, line);
  return runCommand(parsed.command, parsed.input, admin, deps);
}

test('typed commands: each wrong input is told what is wrong, with an example that works', async () => {
  await withDeps(async (deps) => {
    const table: [string, string, RegExp][] = [
      ['/subscribe ghazni 07:30 Europe/Berlin now', 'unexpected-words', /^Unexpected extra word "now" after the timezone\. .*for example: \/subscribe ghazni 07:30 Europe\/Berlin$/],
      ['hello there', 'not-a-command', /^That is not a command\. Commands start with \/, e\.g\. \/summary ghazni; \/help lists them\.$/],
      ['/summary ghazni medium extra words', 'unexpected-words', /^Unexpected extra words "extra words" after the length\. Usage: \/summary topic \[length\]/],
      ['/sumary ghazni', 'unknown-command', /^There is no command \/sumary\. Did you mean \/summary\?/],
      ['/nosuch', 'unknown-command', /^There is no command \/nosuch\. \/help lists them\.$/],
      ['/summary ghazni --lenght short', 'unknown-option', /^\/summary has no option --lenght\. Did you mean --length\?/],
      ['/summary ghazni --length', 'missing-value', /^--length needs a value/],
      ['/summary ghazni --length huge', 'bad-choice', /"huge" is not a length/],
      ['/summary', 'missing-option', /^\/summary needs a topic\. .*for example: \/summary kandahar prison long$/],
      ['/subscribe ghazni', 'missing-option', /^\/subscribe needs a time\. .*for example: \/subscribe ghazni 07:30 Europe\/Berlin$/],
      ['/subscribe ghazni at 8am', 'bad-time', /^"8am" is not a time of day\. Use a 24-hour time like 7:30/],
      ['/subscribe ghazni 25:99', 'bad-time', /^"25:99" is not a time of day/],
      ['/subscribe ghazni 07:30 Mars/Olympus', 'bad-time-zone', /^"Mars\/Olympus" is not a time zone I know\. Use an IANA name/],
      ['/subscribe ghazni 07:30 Berlin', 'bad-time-zone', /^"Berlin" is not a time zone I know\. Did you mean Europe\/Berlin\?/],
      ['/subscribe 07:30', 'missing-option', /^\/subscribe needs a topic/],
      ['/unsubscribe', 'missing-option', /^\/unsubscribe needs a topic\. .*for example: \/unsubscribe ghazni$/],
      ['/topics extra', 'unexpected-words', /^Unexpected extra word "extra"\. Usage: \/topics$/],
      ['/subscriptions all', 'unexpected-words', /^Unexpected extra word "all"\. Usage: \/subscriptions$/],
      ['/reload now please', 'unexpected-words', /^Unexpected extra words "now please"\. Usage: \/reload$/],
      ['/help me', 'unexpected-words', /^Unexpected extra word "me"\. Usage: \/help$/],
    ];
    for (const [line, code, words] of table) {
      const reply = await typed(line, deps);
      assert.ok(reply.kind === 'error', `${line} is refused, not ${reply.kind}`);
      assert.equal(reply.code, code, line);
      assert.match(renderReplyText(reply), words, line);
    }
    assert.deepEqual(await deps.subscriptions!.store.allSubscriptions(), [], 'no wrong input subscribed anything');
  });
});

test('typed commands: Slack text gets the same readings as a terminal line', async () => {
  await withDeps(async (deps) => {
    for (const [name, text] of [['subscribe', 'ghazni 07:30 Europe/Berlin now'], ['summary', 'ghazni medium extra words'], ['topics', 'extra']] as const) {
      const slack = await runCommand(name, text, { ...admin, platform: 'slack' }, deps);
      assert.deepEqual(slack, await typed(`/${name} ${text}`, deps));
    }
  });
});

test('typed commands: topics of several words, a last length word, and a slash left out still work', async () => {
  await withDeps(async (deps) => {
    const prison = await typed('/summary kandahar prison long', deps);
    assert.ok(prison.kind === 'digest' && prison.digest.items.length > 0);
    assert.equal(prison.digest.topic, 'kandahar prison');
    const deal = await typed('/summary power-sharing deal', deps);
    assert.ok(deal.kind === 'digest' && deal.digest.items.length > 0, 'a hyphenated, several-word topic is searched whole');
    const typo = await typed('/summary ghaznee short', deps);
    assert.ok(typo.kind === 'digest' && typo.digest.items.length === 0, 'a topic that finds nothing is still a digest, with suggestions');
    assert.equal((await typed('help', deps)).kind, 'help');
    const subscribed = await typed('/subscribe kandahar prison 7:30 europe/berlin', deps);
    assert.ok(subscribed.kind === 'subscribed');
    assert.deepEqual([subscribed.subscription.topic, subscribed.subscription.time, subscribed.subscription.timeZone], ['kandahar prison', '07:30', 'Europe/Berlin']);
  });
});

test('typed commands: a length word inside a topic that the articles know is part of the topic', async () => {
  const { dir, cleanup } = tempArticles({
    'a.txt': 'Veterans of the long march gathered in Yan\'an on Monday to mark the anniversary of the long march.\n',
  });
  try {
    await withDeps(async (deps) => {
      const reply = await typed('/summary the long march', deps);
      assert.ok(reply.kind === 'digest' && reply.digest.topic === 'the long march' && reply.digest.items.length === 1);
    }, dir);
  } finally {
    cleanup();
  }
});
