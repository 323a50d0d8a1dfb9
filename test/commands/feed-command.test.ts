import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../src/commands/registry.ts';
import { describeReply } from '../../src/commands/describe.ts';
import { parseLine } from '../../src/adapters/console/parse-line.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render-reply.ts';
import { renderReply as renderSlack, replyVisibility } from '../../src/adapters/slack/render-reply.ts';
import { LIMITS } from '../../src/adapters/discord/limits.ts';
import { suggestionsFor } from '../../src/adapters/discord/autocomplete.ts';
import { commandsJson } from '../../src/adapters/discord/command-json.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import type { CommandDeps, Invoker, Reply } from '../../src/commands/types.ts';
import type { FeedRecord } from '../../src/store/feed-types.ts';
import { messageProblems } from '../fakes/slack/block-kit-limits.ts';
import { MemoryFeeds, type FeedSeed } from '../helpers/memory-feeds.ts';
import { BUDGETS } from '../helpers/command-deps.ts';
import { loadedDeps } from '../discord/harness.ts';

const OPERATOR = { discord: '500000000000000001', slack: 'UOPER1' };
const console_: Invoker = { platform: 'console', id: 'local', isAdmin: true, channel: 'terminal' };
const discordOperator: Invoker = { platform: 'discord', id: OPERATOR.discord, isAdmin: false, channel: '600000000000000001' };
const discordAdmin: Invoker = { ...discordOperator, id: '500000000000000002', isAdmin: true };
const discordMember: Invoker = { ...discordOperator, id: '500000000000000003' };
const slackOperator: Invoker = { platform: 'slack', id: OPERATOR.slack, isAdmin: false, channel: 'C1' };
const slackAdmin: Invoker = { ...slackOperator, id: 'UADMIN1', isAdmin: true };
const slackMember: Invoker = { ...slackOperator, id: 'UMEMBER1' };

const HOSTILE = '@everyone <@123> *bold* <!channel> @here <#C1> <@&456> [x](https://evil.example)';

let depsPromise: Promise<CommandDeps> | undefined;
/** Deps with the bundled corpus (loaded once), a fresh MemoryFeeds and the operators above. */
async function world(records: FeedSeed[] = []): Promise<{ deps: CommandDeps; feeds: MemoryFeeds }> {
  const base = await (depsPromise ??= loadedDeps());
  const feeds = new MemoryFeeds(records);
  const operators = { discord: new Set([OPERATOR.discord]), slack: new Set([OPERATOR.slack]) };
  return { deps: { corpus: base.corpus, budgets: BUDGETS, feeds, operators }, feeds };
}

/** A line typed in the terminal, answered the way the session answers it. */
async function typed(line: string, deps: CommandDeps, who: Invoker = console_): Promise<Reply> {
  const parsed = parseLine(line);
  assert.ok(parsed, line);
  return runCommand(parsed.command, parsed.input, who, deps);
}

const text = (reply: Reply) => renderReplyText(reply);

test('typed /feed: the address is one word, the name and a feed to remove may be several', async () => {
  const { deps, feeds } = await world([{ name: 'Old News', url: 'https://old.example/rss' }]);
  const added = await typed('/feed add https://example.com/rss.xml Example News', deps);
  assert.equal(added.kind, 'feed-added');
  assert.match(text(added), /^Now following Example News \(Example Feed Title\) https:\/\/example\.com\/rss\.xml: 12 items found, 12 new\.\nChecked every 10 min/);
  const removed = await typed('/feed remove Old News', deps);
  assert.equal(removed.kind, 'feed-removed');
  assert.match(text(removed), /^Stopped following Old News https:\/\/old\.example\/rss; 0 articles dropped from the digests\.$/);
  const listed = await typed('/feed list', deps);
  assert.ok(listed.kind === 'feeds');
  assert.deepEqual(listed.feeds.map((f) => f.name), ['Example News']);
  assert.deepEqual(feeds.calls, ['add https://example.com/rss.xml {"name":"Example News","addedBy":"console:local"}', 'remove Old News', 'list']);

  // Options by name, and Slack's text, read the same.
  await typed('/feed add feed:https://two.example/feed name:Wire', deps);
  assert.equal(feeds.calls.at(-1), 'add https://two.example/feed {"name":"Wire","addedBy":"console:local"}');
  await runCommand('feed', 'add https://three.example/feed Three Wire', slackOperator, deps);
  assert.equal(feeds.calls.at(-1), 'add https://three.example/feed {"name":"Three Wire","addedBy":"slack:UOPER1"}');
});

test('/feed: only operators may run it, on every platform; admins who are not operators are refused and nothing changes', async () => {
  const { deps, feeds } = await world([{ name: 'Old News', url: 'https://old.example/rss' }]);
  const refusal = "Only the bot's operators can change feeds: the articles are shared by every server the bot is in. Ask whoever runs the bot.";
  for (const who of [discordAdmin, discordMember, slackAdmin, slackMember, { ...slackOperator, platform: 'discord' as const }]) {
    for (const args of ['add https://example.com/rss.xml', 'remove Old News', 'list']) {
      const reply = await runCommand('feed', args, who, deps);
      assert.ok(reply.kind === 'error' && reply.code === 'not-operator', `${who.platform} ${who.id}: ${args}`);
      assert.equal(text(reply), refusal);
    }
  }
  assert.deepEqual(feeds.calls, [], 'a refused command never reached FeedControl');

  for (const who of [console_, discordOperator, slackOperator]) {
    assert.equal((await runCommand('feed', 'list', who, deps)).kind, 'feeds', `${who.platform} operator`);
  }
  // Without any operators configured, only the terminal may change feeds.
  const { operators: _, ...none } = deps;
  assert.equal((await runCommand('feed', 'list', discordOperator, none)).kind, 'error');
  assert.equal((await runCommand('feed', 'list', console_, none)).kind, 'feeds');
  // Operators are not admins: they cannot subscribe a channel they do not administer.
  const sub = await runCommand('subscribe', 'ghazni 07:30', discordOperator, deps);
  assert.ok(sub.kind === 'error' && sub.code === 'not-admin');
});

test('/feed: every wrong input gets a reply that says what to do, and changes nothing', async () => {
  const { deps, feeds } = await world([
    { name: 'Old News', url: 'https://old.example/rss' },
    { name: 'Wire', url: 'https://wire.example/rss', origin: 'config' },
  ]);
  const table: [string, string, RegExp][] = [
    ['/feed', 'missing-option', /^\/feed needs an action\. Usage: \/feed add\|remove\|list \[feed\] \[name\], for example: \/feed add https:\/\/example\.com\/feed\.xml Example News$/],
    ['/feed subscribe', 'bad-choice', /^"subscribe" is not an action I know\. Choose one of: add, remove, list\.$/],
    ['/feed add', 'feed-needs-url', /^\/feed add needs the feed's address\. Example: \/feed add https:\/\/example\.com\/feed\.xml Example News$/],
    ['/feed add notaurl', 'feed-bad-url', /^notaurl is not an http or https address\. Example: \/feed add https:\/\/example\.com\/feed\.xml$/],
    ['/feed add notaurl Example News', 'feed-bad-url', /^notaurl is not an http or https address\./],
    ['/feed add example.com/feed.xml Example', 'feed-bad-url', /^example\.com\/feed\.xml is not an http or https address\. Did you mean https:\/\/example\.com\/feed\.xml\? Example:/],
    ['/feed add ftp://example.com/feed.xml', 'feed-bad-url', /^ftp:\/\/example\.com\/feed\.xml is not an http or https address\. Example:/],
    ['/feed add javascript:alert(1)', 'feed-bad-url', /^javascript:alert\(1\) is not an http or https address\. Example:/],
    [`/feed add notaurl ${'Long '.repeat(30)}`, 'feed-bad-url', /^notaurl is not/],
    [`/feed add https://x.example/rss ${'Long '.repeat(30)}`, 'too-long', /^The name is too long: keep it under 100 characters\.$/],
    ['/feed add https://not-a-feed.example/page', 'feed-not-added', /^Could not follow https:\/\/not-a-feed\.example\/page: the address answered with an HTML page, not a feed$/],
    ['/feed remove', 'feed-needs-feed', /^\/feed remove needs a feed: its name, id or address, as \/feed list shows them\.$/],
    ['/feed remove Nothing Such', 'feed-unknown', /^No feed "Nothing Such" is followed\. The feeds are: Old News, Wire\.$/],
    ['/feed remove wire', 'feed-in-config', /^"Wire" comes from the feeds file: remove it there/],
    ['/feed list bbc', 'unexpected-words', /^Unexpected extra word "bbc" after the action\. Usage: \/feed add\|remove\|list/],
    ['/feed remove Old News --name New', 'unexpected-words', /^Unexpected extra word "New" after the feed\./],
    ['/feed add https://x.example/rss --colour red', 'unknown-option', /^\/feed has no option --colour\./],
  ];
  for (const [line, code, words] of table) {
    const reply = await typed(line, deps);
    assert.ok(reply.kind === 'error', `${line} is refused, not ${reply.kind}`);
    assert.equal(reply.code, code, line);
    assert.match(text(reply), words, line);
  }
  assert.deepEqual([...feeds.feeds.values()].map((f) => f.name), ['Old News', 'Wire'], 'nothing was added or removed');

  // Discord sends options, not text: the same checks apply.
  const viaOptions = await runCommand('feed', { action: 'add' }, discordOperator, deps);
  assert.ok(viaOptions.kind === 'error' && viaOptions.code === 'feed-needs-url');
  const nameOnList = await runCommand('feed', { action: 'list', name: 'x' }, discordOperator, deps);
  assert.ok(nameOnList.kind === 'error' && nameOnList.code === 'unexpected-words');
});

test('/feed remove of an unknown feed names at most 20 known feeds; with none it says so', async () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ name: `Feed ${String(i).padStart(2, '0')}` }));
  const { deps } = await world(many);
  const reply = await typed('/feed remove nothing', deps);
  assert.match(text(reply), /The feeds are: Feed 00, Feed 01, .*Feed 19 and 10 more\.$/);
  const { deps: empty } = await world();
  assert.equal(text(await typed('/feed remove nothing', empty)), 'No feed "nothing" is followed. There are none yet.');
});

test('/feed without a store answers like the subscription commands do', async () => {
  const { deps } = await world();
  const { feeds: _, ...storeless } = deps;
  for (const args of ['add https://example.com/rss.xml', 'remove x', 'list']) {
    const reply = await runCommand('feed', args, console_, storeless);
    assert.ok(reply.kind === 'error' && reply.code === 'no-store');
    assert.equal(text(reply), 'Feeds are not available: this bot runs without a database.');
  }
  const subs = await runCommand('subscriptions', '', console_, storeless);
  assert.equal(text(subs), 'Daily digests are not available: this bot runs without a database.');
});

test('/feed add of a known feed says updated or resumed', async () => {
  const { deps } = await world([{ name: 'Stuck', url: 'https://stuck.example/rss', state: { paused: true, failures: 10 } }, { name: 'Fine', url: 'https://fine.example/rss' }]);
  assert.match(text(await typed('/feed add https://stuck.example/rss', deps)), /^Resumed \(it was paused after failures\) Stuck \(Example Feed Title\) https:\/\/stuck\.example\/rss: 12 items found, 2 new\.$/);
  assert.match(text(await typed('/feed add https://fine.example/rss Fine Wire', deps)), /^Updated Fine Wire \(Example Feed Title\) https:\/\/fine\.example\/rss: 12 items found, 0 new\.$/);
});

const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000);

test('/feed list: each feed with its origin, last fetch, last new item, items held, next poll, pause and last error; troubled feeds first', async () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const memory = new MemoryFeeds([
    { name: 'Calm', url: 'https://calm.example/rss', origin: 'config', items: 40, state: { title: 'Calm Daily', lastFetchAt: minutes(-3, now), lastNewItemAt: minutes(-125, now), nextPollAt: minutes(7, now) } },
    { url: 'https://untitled.example/feed', state: {} },
    { name: 'Flaky', url: 'https://flaky.example/rss', items: 5, state: { failures: 3, lastError: 'HTTP 503', lastFetchAt: minutes(-0.2, now), nextPollAt: minutes(-1, now) } },
    { name: 'Stuck', url: 'https://stuck.example/rss', items: 1, state: { paused: true, failures: 10, lastError: 'timed out after 30 s', lastFetchAt: minutes(-3 * 24 * 60, now) } },
  ]);
  const reply: Reply = { kind: 'feeds', feeds: await memory.list(), now };
  assert.equal(
    text(reply),
    [
      'Following 4 feeds (1 paused, 1 failing):',
      '• Stuck https://stuck.example/rss',
      '  fetched 3 d ago · 1 item held',
      '  ⚠️ paused after 10 failures in a row (/feed add with its address resumes it): last error: timed out after 30 s',
      '• Flaky https://flaky.example/rss',
      '  fetched just now · 5 items held · next poll due now',
      '  ⚠️ 3 failed polls in a row: last error: HTTP 503',
      '• Calm (Calm Daily) https://calm.example/rss · from the feeds file',
      '  fetched 3 min ago · last new item 2 h ago · 40 items held · next poll in 7 min',
      '• https://untitled.example/feed',
      '  not fetched yet · 0 items held',
    ].join('\n'),
  );
  assert.equal(text({ kind: 'feeds', feeds: [], now }), 'No feeds are followed. An operator can add one with /feed add, or list them in the feeds file.');
});

/** Every reply a feed with hostile text can produce, rendered for Discord and Slack. */
async function hostileReplies(): Promise<Reply[]> {
  const hostile = {
    name: HOSTILE,
    url: 'https://evil.example/feed?a=<!channel>&b=@everyone',
    origin: 'config' as const,
    state: { title: `${HOSTILE} title`, failures: 2, lastError: `HTTP 500: ${HOSTILE}` },
  };
  const { deps, feeds } = await world([hostile, { name: `${HOSTILE} paused`, state: { paused: true, failures: 10, lastError: HOSTILE } }]);
  feeds.add = async (url, options) => ({ ok: true, feed: feeds.put({ url, ...(options.name && { name: options.name }) }), created: true, resumed: false, title: HOSTILE, items: 1, added: 1 });
  const added = await runCommand('feed', { action: 'add', feed: 'https://evil.example/new', name: HOSTILE }, discordOperator, deps);
  const refusedAdd = new MemoryFeeds();
  refusedAdd.add = async () => ({ ok: false, reason: `answered ${HOSTILE}` });
  return [
    await runCommand('feed', 'list', discordOperator, deps),
    added,
    await runCommand('feed', { action: 'remove', feed: 'https://feeds.example/2.xml' }, discordOperator, deps),
    await runCommand('feed', { action: 'remove', feed: HOSTILE }, discordOperator, deps),
    await runCommand('feed', { action: 'remove', feed: `${HOSTILE} nothing` }, discordOperator, deps),
    await runCommand('feed', { action: 'add', feed: 'https://x.example/' }, discordOperator, { ...deps, feeds: refusedAdd }),
    await runCommand('feed', { action: 'add', feed: '<!channel>@everyone' }, discordOperator, deps),
  ];
}

test('hostile feed titles, names and errors ping, link and format nothing in Discord or Slack', async () => {
  const replies = await hostileReplies();
  assert.deepEqual(replies.map((r) => (r.kind === 'error' ? r.code : r.kind)), ['feeds', 'feed-added', 'feed-removed', 'feed-in-config', 'feed-unknown', 'feed-not-added', 'feed-bad-url']);
  for (const reply of replies) {
    const discord = renderDiscord(reply);
    for (const message of discord) {
      const content = message.content ?? '';
      assert.deepEqual(message.allowed_mentions, { parse: [] });
      assert.ok(content.length <= LIMITS.content);
      assert.doesNotMatch(content, /@(everyone|here)/, content);
      assert.doesNotMatch(content, /(?<!\\)<[@#!&]|<[@#]/, content);
      assert.doesNotMatch(content, /(?<!\\)\*bold(?<!\\)\*|(?<!\\)\[x(?<!\\)\]\(/, content);
    }
    for (const message of renderSlack(reply)) {
      assert.deepEqual(messageProblems(message), []);
      for (const mrkdwn of [message.text, ...message.blocks.map((b) => ('text' in b ? b.text.text : ''))]) {
        assert.doesNotMatch(mrkdwn, /@(everyone|here|channel)/, mrkdwn);
        assert.doesNotMatch(mrkdwn, /<[@#!]|<https:\/\/evil\.example\)/, mrkdwn);
        // Our own address links are the only <…>: an http(s) URL with no `<`, `>`, `|` or space.
        assert.doesNotMatch(mrkdwn.replace(/<https?:\/\/[^<>|\s]+>/g, ''), /[<>]/, mrkdwn);
        assert.doesNotMatch(mrkdwn, /(?<![\u200b\p{L}])\*bold\*/u, mrkdwn);
      }
    }
    assert.equal(replyVisibility(reply), 'ephemeral', 'feed replies are for the operator who asked');
  }
  // The address stays a working link, with no preview in Discord and nothing in it that reads as a mention.
  assert.ok(renderDiscord(replies[0]!)[0]!.content!.includes('<https://evil.example/feed?a=%3C!channel%3E&b=%40everyone>'));
  assert.ok(renderSlack(replies[0]!)[0]!.blocks.some((b) => 'text' in b && b.text.text.includes('<https://evil.example/feed?a=%3C!channel%3E&amp;b=%40everyone>')));
});

test('a long feed list stays within Discord and Slack limits: troubled feeds first, then how many more', async () => {
  const long = 'Outlet with a long name '.repeat(10);
  const records = Array.from({ length: 300 }, (_, i) => ({
    name: `${long}${i}`,
    url: `https://feeds.example/${'section/'.repeat(20)}${i}.xml`,
    state: i % 50 === 7 ? { failures: 4, lastError: 'connect ECONNREFUSED '.repeat(30) } : { title: `Title ${i} `.repeat(30), failures: 0 },
  }));
  const { deps } = await world(records);
  const reply = await runCommand('feed', 'list', slackOperator, deps);
  assert.ok(reply.kind === 'feeds' && reply.feeds.length === 300);
  const lines = describeReply(reply, { text: (t) => t, bold: (t) => t, code: (t) => t, link: (l) => l, url: (u) => u });
  assert.match(lines[0]!, /^Following 300 feeds \(6 failing\):$/);
  assert.equal(lines.length, 1 + 20 + 1, 'a heading, 20 feeds and how many more');
  assert.match(lines[1]!, /⚠️ 4 failed polls in a row: last error: connect ECONNREFUSED/, 'failing feeds come first');
  assert.equal(lines.at(-1), '• and 280 more feeds, polling normally');
  assert.ok(lines.every((l) => l.length < 1000), 'names, titles and errors are cut short');

  const discord = renderDiscord(reply);
  assert.ok(discord.length <= 8, `${discord.length} Discord messages, even with every name, title and error at its longest`);
  for (const m of discord) assert.ok(m.content!.length <= LIMITS.content);
  const slack = renderSlack(reply);
  assert.equal(slack.length, 1);
  for (const m of slack) assert.deepEqual(messageProblems(m), []);
});

test('Discord: /feed is registered behind Manage Server with a required action and an autocompleted feed', () => {
  const json = commandsJson(COMMANDS).find((c) => c.name === 'feed')!;
  assert.equal(json.default_member_permissions, '32');
  assert.deepEqual(json.options!.map((o) => [o.name, o.required, 'autocomplete' in o && o.autocomplete === true]), [['action', true, false], ['feed', false, true], ['name', false, false]]);
  assert.deepEqual((json.options![0] as { choices: { value: string }[] }).choices.map((c) => c.value), ['add', 'remove', 'list']);
  assert.ok(json.description.length <= 100);
});

test('Discord autocomplete of feed: the names, only to remove one and only for an operator', async () => {
  const { deps } = await world([{ name: 'Example News' }, { name: 'Example Wire' }, { name: 'Other' }, { name: 'E'.repeat(150) }]);
  const typing = (user: string, action: string | undefined, typed: string) => ({ command: 'feed', option: 'feed', typed, user, input: action ? { action } : {} });
  assert.deepEqual(suggestionsFor(typing(OPERATOR.discord, 'remove', 'exa'), deps), [
    { name: 'Example News', value: 'Example News' },
    { name: 'Example Wire', value: 'Example Wire' },
  ]);
  assert.deepEqual(suggestionsFor(typing(OPERATOR.discord, 'remove', 'e'), deps).map((c) => c.value), ['Example News', 'Example Wire', 'Other'], 'a name longer than Discord takes is left out');
  assert.deepEqual(suggestionsFor(typing(OPERATOR.discord, 'add', 'exa'), deps), [], 'adding takes a new address');
  assert.deepEqual(suggestionsFor(typing(discordAdmin.id, 'remove', 'exa'), deps), [], 'not an operator');
  const { feeds: _, ...storeless } = deps;
  assert.deepEqual(suggestionsFor(typing(OPERATOR.discord, 'remove', 'exa'), storeless), []);
});
