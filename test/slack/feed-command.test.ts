import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Recorded } from '../fakes/slack/fake-slack.ts';
import { messageProblems } from '../fakes/slack/block-kit-limits.ts';
import { WARN } from '../helpers/log-capture.ts';
import { MemoryFeeds } from '../helpers/memory-feeds.ts';
import { ADMIN, BUDGETS, MEMBER, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

// The real Bolt app in HTTP mode, played by signed slash-command posts, with an in-memory
// FeedControl standing in for the app's.

const OPERATOR = 'UOPER1';
const response = (id: string) => (r: Recorded) => r.kind === 'response' && r.name === id;

describe('/feed over Slack', () => {
  const feeds = new MemoryFeeds([{ name: 'Old News', url: 'https://old.example/rss' }]);
  let slack: SlackHarness;
  before(async () => {
    const operators = { discord: new Set<string>(), slack: new Set([OPERATOR]) };
    slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS, feeds, operators } });
  });
  after(() => slack.stop());

  test('an admin (SLACK_ADMIN_IDS) who is not an operator is refused, only to them, and the attempt is logged', async () => {
    for (const [id, user] of [['feed-admin', ADMIN], ['feed-member', MEMBER]] as const) {
      await slack.command('/feed', 'add https://example.com/rss.xml Example News', { id, user, channel: 'C7' });
      const reply = await slack.fake.next(response(id));
      assert.equal(reply.body.response_type, 'ephemeral');
      assert.equal(String(reply.body.text), "Only the bot's operators can change feeds: the articles are shared by every server the bot is in. Ask whoever runs the bot.");
      const warning = slack.logs.lines.find((l) => l.level === WARN && l.command === 'feed' && l.user === user);
      assert.ok(warning, 'a warning names the attempt');
      assert.match(String(warning.msg), /refused an operator command .*SLACK_OPERATOR_IDS/);
      assert.equal(warning.channel, 'C7');
    }
    assert.deepEqual(feeds.calls, []);
  });

  test('an operator adds, lists and removes feeds by typing, and only they see the answers', async () => {
    await slack.command('/feed', 'add https://example.com/rss.xml Example News', { id: 'add', user: OPERATOR });
    const added = await slack.fake.next(response('add'));
    assert.equal(added.body.response_type, 'ephemeral');
    assert.match(String(added.body.text), /^Now following \*Example News\* \(Example Feed Title\) <https:\/\/example\.com\/rss\.xml>: 12 items found, 12 new\.$/);

    await slack.command('/feed', 'list', { id: 'list', user: OPERATOR });
    const list = await slack.fake.next(response('list'));
    assert.deepEqual(messageProblems(list.body), []);
    const listed = (list.body.blocks as { text: { text: string } }[]).map((b) => b.text.text).join('\n');
    assert.match(listed, /^Following 2 feeds:\n• \*Example News\* \(Example Feed Title\) <https:\/\/example\.com\/rss\.xml>\n {2}not fetched yet · 12 items held\n• \*Old News\* <https:\/\/old\.example\/rss>/);

    await slack.command('/feed', 'remove Old News', { id: 'remove', user: OPERATOR });
    assert.match(String((await slack.fake.next(response('remove'))).body.text), /^Stopped following \*Old News\* <https:\/\/old\.example\/rss>; 0 articles dropped/);

    await slack.command('/feed', 'add notaurl', { id: 'bad', user: OPERATOR });
    assert.equal(String((await slack.fake.next(response('bad'))).body.text), 'notaurl is not an http or https address. Example: /feed add https://example.com/feed.xml');
    assert.deepEqual(feeds.calls, [`add https://example.com/rss.xml {"name":"Example News","addedBy":"slack:${OPERATOR}"}`, 'list', 'remove Old News']);
  });
});
