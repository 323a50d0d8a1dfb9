import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveCorpus } from '../../src/app/live-corpus.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';
import { BUDGETS, refused, withBot } from './harness.ts';

type Choice = { name: string; value: string };

async function choicesFor(fake: Parameters<Parameters<typeof withBot>[0]>[0]['fake'], typed: string): Promise<Choice[]> {
  const i = fake.autocomplete('summary', { name: 'topic', value: typed });
  const callback = await fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  assert.equal(callback.status, 204, JSON.stringify(callback.response));
  assert.equal(callback.body.type, 8, 'an autocomplete result');
  return callback.body.data.choices;
}

test('autocomplete on topic: "gh" offers Ghazni; nothing typed offers at most 25 topics within Discord limits', async () => {
  await withBot(async ({ fake, deps }) => {
    const gh = await choicesFor(fake, 'gh');
    assert.ok(gh.some((c) => c.name === 'Ghazni' && c.value === 'Ghazni'), JSON.stringify(gh));
    assert.ok(gh.every((c) => /(^|[\s-])gh/i.test(c.name)), 'only topics with a word starting as typed');

    const all = await choicesFor(fake, '');
    assert.ok(all.length > 0 && all.length <= 25, `${all.length} choices`);
    assert.ok(all.every((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100));
    assert.ok(deps.corpus.current.topics.length > all.length, 'the corpus has more topics than one answer may list');

    assert.deepEqual(await choicesFor(fake, 'zzzz-nothing'), []);
    assert.deepEqual(refused(fake), []);
  });
});

test('autocomplete before the articles are loaded answers with no choices instead of failing', async () => {
  const corpus = new LiveCorpus({ engine: realEngine(), dir: ARTICLES, maxBytes: 5_000_000 });
  await withBot(
    async ({ fake }) => {
      assert.deepEqual(await choicesFor(fake, 'gh'), []);
    },
    { deps: { corpus, budgets: BUDGETS } },
  );
});
