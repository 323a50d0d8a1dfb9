import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { startSlackBot } from '../../src/adapters/slack/slack-bot.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { DigestStore, Subscription } from '../../src/store/types.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { tempArticles } from '../helpers/fixtures.ts';
import { tempDb } from '../store/temp-db.ts';
import { messageProblems } from '../fakes/slack/block-kit-limits.ts';
import { BOT_TOKEN, startFakeSlack, type Recorded } from '../fakes/slack/fake-slack.ts';
import { ERROR, WARN, captureLogs } from '../helpers/log-capture.ts';
import { SIGNING_SECRET } from '../fakes/slack/slash-command.ts';
import { ADMIN, BUDGETS, MEMBER, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

// The real Bolt app in HTTP mode, played by signed slash-command posts, answering a fake Slack.

type Block = { type: string; text?: { type: string; text: string; verbatim?: boolean }; elements?: { text: string }[] };
const blocksOf = (r: Recorded) => r.body.blocks as Block[];
const response = (id: string) => (r: Recorded) => r.kind === 'response' && r.name === id;
const posts = (r: Recorded) => r.kind === 'api' && r.name === 'chat.postMessage';

describe('slash commands over HTTP', () => {
  let corpus: LiveCorpus;
  let slack: SlackHarness;
  before(async () => {
    corpus = await loadedCorpus();
    slack = await startSlackHarness({ deps: { corpus, budgets: BUDGETS } });
  });
  after(() => slack.stop());

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
    for (const s of sections) assert.match(s.text!.text, /\nSources: \S/);
    const last = blocks.at(-1)!;
    assert.equal(last.type, 'context');
    assert.match(last.elements![0]!.text, /^\d+ items from \d+ articles?, \d+ outlets?(; \d+ articles? mentions? it)?$/);
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
    assert.match(blocksOf(help)[0]!.text!.text, /`\/summary topic \[length\] \[since\]`/);
    const typo = await slack.fake.next(response('typo'));
    assert.equal(typo.body.response_type, 'ephemeral');
    assert.match(String(typo.body.text), /Nothing in the loaded articles about "ghaznee"\. Did you mean: Ghazni\?/);
  });

  test('every message the bot posted stayed inside Block Kit limits', () => {
    const posted = slack.fake.records.filter((r) => r.kind === 'response');
    assert.ok(posted.length >= 6);
    for (const r of posted) assert.deepEqual(messageProblems(r.body), [], r.name);
  });
});

describe('article text reaches Slack escaped', () => {
  const HOSTILE =
    'The mayor of Zarqa warned <!channel> and <!here> on Monday, telling <@U123> in <#C1> to open <https://evil.example|click> because @everyone & *everybody* must leave Zarqa.';
  const articles = tempArticles({
    'hostile.json': JSON.stringify({
      title: 'Zarqa floods <@U999>',
      source: 'Evil | <!channel> News',
      url: 'https://news.example/zarqa?a=1&b=2',
      text: `${HOSTILE}\n\nFloods hit the city of Zarqa on Monday, officials in Zarqa said, after heavy rain.`,
    }),
    'plain.json': JSON.stringify({
      title: 'Rain in Zarqa',
      source: 'Jordan Times',
      url: 'https://jt.example/z',
      text: 'Floods hit the city of Zarqa on Monday after heavy rain, officials said.\n\nThe mayor of Zarqa asked residents to stay home.',
    }),
  });
  let slack: SlackHarness;
  before(async () => {
    slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(articles.dir), budgets: BUDGETS } });
  });
  after(async () => {
    await slack.stop();
    articles.cleanup();
  });

  // Our own source links are the only `<…>` allowed: an http(s) URL, a `|`, and a label with no `<`, `>` or `|`.
  const OUR_LINK = /<https:\/\/(?:news|jt)\.example\/[^\s<>|]*\|[^<>|]*>/g;
  function assertInert(mrkdwn: string) {
    assert.doesNotMatch(mrkdwn.replace(OUR_LINK, ''), /[<>]/, `no markup outside our links in: ${mrkdwn}`);
    assert.doesNotMatch(mrkdwn, /<[!@#]|\|click>/);
  }

  test('mentions, a link and markup in an article can ping or link no one', async () => {
    await slack.command('/summary', 'zarqa', { id: 'zarqa' });
    const reply = await slack.fake.next(response('zarqa'));
    assert.equal(reply.refused, undefined);
    const sections = blocksOf(reply).filter((b) => b.type === 'section').map((b) => b.text!);
    const hostile = sections.find((s) => s.text.includes('mayor of Zarqa warned'));
    assert.ok(hostile, 'the hostile sentence is in the digest');
    assert.equal(hostile.verbatim, true, 'Slack must not auto-link names in it either');
    for (const s of sections) assertInert(s.text);
    assertInert(String(reply.body.text));
    for (const expected of ['&lt;!channel&gt;', '&lt;!here&gt;', '&lt;@U123&gt;', '&lt;#C1&gt;', '&lt;https://evil.example|click&gt;', ' &amp; ']) {
      assert.ok(hostile.text.includes(expected), `has ${expected}`);
    }
    assert.doesNotMatch(hostile.text, /@everyone/, '@everyone is broken up');
    assert.ok(hostile.text.includes('<https://news.example/zarqa?a=1&amp;b=2|Evil / &lt;!channel&gt; News>'), 'the source is a link with a tame label');
  });
});

describe('a digest longer than one message', () => {
  const TOWNS = ['Arlo', 'Brisk', 'Corva', 'Dunmere', 'Elsin', 'Farrow', 'Gilde', 'Harth', 'Istra', 'Jorvik', 'Kellan', 'Lomond', 'Marrow', 'Norva', 'Ostrel', 'Pellin', 'Quorra', 'Rhyne', 'Sorrel', 'Tamsin'];
  const THINGS = ['bridges', 'schools', 'clinics', 'markets', 'wells', 'roads', 'farms', 'mills', 'ports', 'barracks'];
  const VERBS = ['repaired', 'flooded', 'inspected', 'closed', 'reopened', 'rebuilt', 'evacuated', 'funded', 'surveyed', 'guarded'];
  const SEASONS = ['spring', 'summer', 'autumn', 'winter'];
  // Seventy outlets, each with its own fact about Velmora: a digest of sixty items.
  const articles = tempArticles(
    Object.fromEntries(
      Array.from({ length: 70 }, (_, a) => {
        const town = TOWNS[a % 20]!;
        const text = `Velmora officials said ${a + 3} ${THINGS[a % 10]} near ${town} were ${VERBS[(a * 7) % 10]} during the ${SEASONS[a % 4]} campaign number ${a}.\n\nThe ${town} council met ${a} times.`;
        return [`a${a}.json`, JSON.stringify({ title: `Velmora report ${a}`, source: `Outlet ${a}`, url: `https://o${a}.example/velmora`, published: '2024-05-01', text })];
      }),
    ),
  );
  let slack: SlackHarness;
  before(async () => {
    const budgets = { ...BUDGETS, long: { items: 60, words: 6000 } };
    slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(articles.dir), budgets } });
  });
  after(async () => {
    await slack.stop();
    articles.cleanup();
  });

  test('arrives as several valid messages through the response_url, every item once and in order', async () => {
    await slack.command('/summary', 'velmora long', { id: 'long' });
    const first = await slack.fake.next(response('long'));
    const second = await slack.fake.next(response('long'));
    for (const reply of [first, second]) {
      assert.equal(reply.refused, undefined);
      assert.deepEqual(messageProblems(reply.body), []);
      assert.equal(reply.body.response_type, 'in_channel');
    }
    const blocks = [first, second].flatMap(blocksOf);
    assert.equal(blocks[0]!.type, 'header');
    assert.equal(blocks.at(-1)!.type, 'context');
    const numbers = blocks.flatMap((b) => (b.type === 'section' ? [Number(/^\*(\d+)\.\*/.exec(b.text!.text)?.[1])] : []));
    assert.ok(numbers.length > 50, `${numbers.length} items`);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
    assert.match(String(second.body.text), /^velmora \(continued, part 2\)$/i);
  });
});

describe('subscriptions and scheduled digests', () => {
  const SUBSCRIBED_AT = new Date('2026-11-21T10:00:00Z');
  const db = tempDb();
  let store: DigestStore;
  let corpus: LiveCorpus;
  let slack: SlackHarness;

  before(async () => {
    store = await openStore({ path: db.path });
    corpus = await loadedCorpus();
    const subscriptions = { store, defaultTimeZone: 'UTC', now: () => SUBSCRIBED_AT };
    slack = await startSlackHarness({ deps: { corpus, budgets: BUDGETS, subscriptions } });
  });
  after(async () => {
    await slack.stop();
    await store.close();
    db.cleanup();
  });

  test('/subscribe "ghazni 08:30 Europe/Berlin" from an admin stores the subscription for this channel', async () => {
    await slack.command('/subscribe', 'ghazni 08:30 Europe/Berlin', { id: 'sub', user: ADMIN, channel: 'CNEWS' });
    const reply = await slack.fake.next((r) => r.name === 'sub');
    assert.equal(reply.body.response_type, 'ephemeral');
    assert.match(String(reply.body.text), /^Subscribed: \*ghazni\* every day at 08:30 Europe\/Berlin in this channel\.$/);
    const stored = await store.listSubscriptions({ platform: 'slack', channel: 'CNEWS' });
    assert.deepEqual(
      stored.map((s) => [s.topic, s.time, s.timeZone, s.createdBy]),
      [['ghazni', '08:30', 'Europe/Berlin', ADMIN]],
    );
  });

  test("the next morning the scheduler posts the digest to the channel with chat.postMessage", async () => {
    const scheduler = createScheduler({
      store,
      clock: { now: () => new Date('2026-11-22T07:30:20Z') },
      publisher: slack.bot.publisher,
      buildDigest: (topic) => digestTopic(corpus.current, topic, BUDGETS.medium),
      logger: slack.logs.logger,
      platforms: ['slack'],
    });
    const results = await scheduler.tick(new Date('2026-11-22T07:30:20Z'));
    assert.deepEqual(results.map((r) => [r.localDate, r.outcome]), [['2026-11-22', 'posted']]);

    const post = await slack.fake.next(posts);
    assert.equal(post.headers.authorization, `Bearer ${BOT_TOKEN}`);
    assert.equal(post.body.channel, 'CNEWS');
    assert.deepEqual(messageProblems(post.body), []);
    const blocks = post.body.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    assert.equal(blocks[0]!.text!.text, 'Ghazni');
    assert.equal(blocks[1]!.elements![0]!.text, 'Daily digest for 2026-11-22 (08:30 Europe/Berlin)');
    assert.ok(blocks.some((b) => b.type === 'section' && /^\*1\.\* /.test(b.text!.text)));
    assert.equal(post.body.unfurl_links, 'false', 'a digest full of links does not unfurl them all');
    await scheduler.stop();
  });

  function subscription(channel: string): Subscription {
    return { id: 99, platform: 'slack', channel, topic: 'Kabul', topicKey: 'kabul', time: '07:00', timeZone: 'UTC', createdAt: SUBSCRIBED_AT, updatedAt: SUBSCRIBED_AT };
  }
  const context = { idempotencyKey: 'k1', localDate: '2026-11-22', attempt: 1, omittedItems: 3 };

  test('the publisher says "nothing new" in one line, and rejects when Slack answers ok:false', async () => {
    const empty = { ...digestTopic(corpus.current, 'kabul', BUDGETS.short), items: [] };
    await slack.bot.publisher.publish(subscription('C2'), empty, context);
    const note = await slack.fake.next(posts);
    assert.equal(note.body.text, 'Nothing new on Kabul since the last digest.');

    slack.fake.failNext('chat.postMessage', 'not_in_channel');
    await assert.rejects(slack.bot.publisher.publish(subscription('C3'), empty, { ...context, idempotencyKey: 'k2' }), /not_in_channel/);
    const refused = await slack.fake.next(posts);
    assert.equal(refused.refused, 'not_in_channel');
  });

  test('a retry of a digest split in two messages resumes at the one that failed instead of repeating the first', async () => {
    const one = digestTopic(corpus.current, 'ghazni', BUDGETS.short);
    const item = one.items[0]!;
    const long = { ...one, items: Array.from({ length: 60 }, () => item) };
    slack.fake.failNext('chat.postMessage', 'ratelimited', 1);
    const key = { ...context, idempotencyKey: 'k3' };
    await assert.rejects(slack.bot.publisher.publish(subscription('C4'), long, key), /ratelimited/);
    await slack.bot.publisher.publish(subscription('C4'), long, { ...key, attempt: 2 });
    const sent = slack.fake.records.filter((r) => posts(r) && r.body.channel === 'C4');
    assert.deepEqual(sent.slice(0, 2).map((r) => r.refused), [undefined, 'ratelimited']);
    const accepted = sent.filter((r) => !r.refused);
    assert.equal(accepted.filter((r) => blocksOf(r)[0]!.type === 'header').length, 1, 'the first message went out once');
    assert.deepEqual(blocksOf(sent[2]!), blocksOf(sent[1]!), 'the retry starts with the message that failed');
    assert.equal(blocksOf(accepted.at(-1)!).at(-1)!.type, 'context', 'and goes on to the end');
  });
});

describe('when things go wrong', () => {
  test('a command that throws gets a polite reply and an error log, and the bot keeps answering', async () => {
    const db = tempDb();
    const store = await openStore({ path: db.path });
    // A closed database makes the real store throw, as a broken disk or a lost server would.
    await store.close();
    const slack = await startSlackHarness({
      deps: { corpus: await loadedCorpus(), budgets: BUDGETS, subscriptions: { store, defaultTimeZone: 'UTC', now: () => new Date() } },
    });
    try {
      await slack.command('/subscriptions', '', { id: 'broken' });
      const reply = await slack.fake.next(response('broken'));
      assert.equal(reply.body.response_type, 'ephemeral');
      assert.equal(reply.body.text, 'Something went wrong on my side; the problem was logged. Please try again later.');
      const logged = slack.logs.lines.find((l) => l.level === ERROR && l.msg === 'command failed');
      assert.ok(logged && logged.command === 'subscriptions' && logged.err, 'logged with the error');

      await slack.command('/help', '', { id: 'still-up' });
      assert.match(String((await slack.fake.next(response('still-up'))).body.text), /^Commands:/);
      assert.ok(slack.logs.lines.some((l) => l.source === 'bolt' && /^http request headers/.test(String(l.msg))), "Bolt's debug log of its API calls is in the log");
      for (const secret of [BOT_TOKEN, SIGNING_SECRET]) assert.ok(!slack.logs.raw.some((line) => line.includes(secret)), 'no secret in the debug log');
    } finally {
      await slack.stop();
      db.cleanup();
    }
  });

  test('stopping the bot finishes the answers it has acked before the fake Slack goes away', async () => {
    const slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS } });
    const acked = await slack.command('/summary', 'ghazni long', { id: 'last' });
    assert.equal(acked.status, 200);
    await slack.stop();
    const answered = slack.fake.records.filter(response('last'));
    assert.equal(answered.length, 1);
    assert.equal(answered[0]!.refused, undefined);
  });

  test('a token Slack rejects fails start-up with the reason, without listening or crashing', async () => {
    const fake = await startFakeSlack();
    const logs = captureLogs();
    try {
      const start = startSlackBot({
        botToken: 'xoxb-revoked-token',
        signingSecret: SIGNING_SECRET,
        port: 0,
        apiUrl: fake.apiUrl,
        adminIds: [],
        deps: { corpus: await loadedCorpus(), budgets: BUDGETS },
        logger: logs.logger,
      });
      await assert.rejects(start, /invalid_auth/);
      assert.ok(!logs.raw.some((line) => line.includes('xoxb-revoked-token')));
    } finally {
      await fake.close();
    }
  });

  test('without a signing secret or an app token the bot refuses to start', async () => {
    const fake = await startFakeSlack();
    try {
      const options = { botToken: BOT_TOKEN, port: 0, apiUrl: fake.apiUrl, adminIds: [], deps: { corpus: await loadedCorpus(), budgets: BUDGETS }, logger: captureLogs().logger };
      await assert.rejects(startSlackBot(options), /signing secret \(HTTP mode\) or an app token/);
      assert.equal(fake.records.length, 0, 'nothing was asked of Slack');
    } finally {
      await fake.close();
    }
  });
});
