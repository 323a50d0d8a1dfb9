import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';

test('topics: a name that starts a sentence counts with the phrase met mid-sentence, which gives its kind and spelling', async () => {
  // The sentence-initial mention comes first in article order; the phrase still names the topic.
  const { dir, cleanup } = tempArticles({
    'a.txt': 'Title: Trials\n\nForeign Ministry spokesman Zhu Bangzao refused to say what laws were broken. The trials lasted two days in the capital.\n',
    'b.txt': 'Title: Talks\n\nThe Afghan foreign ministry said talks would resume in Kabul next week. Delegations from six countries are expected, the foreign ministry added.\n',
    'c.txt': 'Title: Talks again\n\nA statement from the foreign ministry said the talks had been useful. More meetings were planned for March, a foreign ministry official said.\n',
  });
  try {
    const corpus = await loadCorpus(realEngine(), dir, { maxBytes: 5_000_000 });
    assert.deepEqual(
      corpus.topics.filter((t) => /ministry/i.test(t.name)),
      [{ name: 'foreign ministry', kind: 'phrase', articles: 3, mentions: 5 }],
    );
  } finally {
    cleanup();
  }
});
