import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempArticles } from '../helpers/fixtures.ts';
import { firstAnswer, loadedDeps, refused, withBot } from './harness.ts';

const HOSTILE = JSON.stringify({
  title: 'Qalat market notice',
  source: 'Qalat Herald',
  url: 'https://example.org/qalat/notice',
  text: [
    'Officials in Qalat told @everyone in the bazaar to leave before the curfew began on Friday evening.',
    "A spokesman in Qalat said <@&123> and <@456> had organised the protest outside the governor's office.",
    'Traders in Qalat warned @here that the *main road* would stay __closed__ until the bridge was repaired.',
  ].join('\n\n'),
});

const RAW_MENTION = /@everyone|@here|<@&?!?\d+>|<#\d+>/;

test('article text with @everyone, @here and role or user mentions is posted inert, with no mention allowed', async () => {
  const articles = tempArticles({ 'qalat.json': HOSTILE });
  const deps = await loadedDeps(articles.dir);
  try {
    await withBot(
      async ({ fake }) => {
        const { shown } = await firstAnswer(fake, fake.command('summary', { topic: 'qalat' }));
        assert.deepEqual(refused(fake), []);
        assert.ok(shown.length >= 1);
        for (const m of shown) {
          assert.deepEqual(m.body.allowed_mentions, { parse: [] });
          const visible = [m.body.content ?? '', ...(m.body.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n');
          assert.doesNotMatch(visible, RAW_MENTION);
        }
        const description = (shown[0]!.body.embeds ?? []).map((e) => e.description).join('\n');
        assert.match(description, /@\u200deveryone/, 'still readable, just not a mention');
        assert.match(description, /\\<\u200d@&123\\>/);
        assert.match(description, /\\<\u200d@456\\>/);
        assert.match(description, /@\u200dhere/);
        assert.match(description, /\\\*main road\\\* would stay \\_\\_closed\\_\\_/, 'markdown from articles is shown as typed');
        assert.match(description, /\[Qalat Herald\]\(https:\/\/example\.org\/qalat\/notice\)/, 'the source is a link');
      },
      { deps },
    );
  } finally {
    articles.cleanup();
  }
});
