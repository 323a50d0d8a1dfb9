import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topicChoices } from '../../src/commands/topic-choices.ts';
import type { TopicEntry } from '../../src/core/types.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';

const entry = (name: string, articles: number): TopicEntry => ({ name, kind: 'entity', articles, mentions: articles });

test('topic choices: prefix matches first, then word matches, by article count, at most the limit', () => {
  const topics = [entry('Kabul', 5), entry('Kandahar prison', 1), entry('Kandahar', 3), entry('Lashkar Gah', 2), entry('Khan', 9)];
  assert.deepEqual(topicChoices(topics, 'kan').map((t) => t.name), ['Kandahar', 'Kandahar prison']);
  assert.deepEqual(topicChoices(topics, 'PRIS').map((t) => t.name), ['Kandahar prison']);
  assert.deepEqual(topicChoices(topics, '').map((t) => t.name), ['Khan', 'Kabul', 'Kandahar', 'Lashkar Gah', 'Kandahar prison']);
  assert.deepEqual(topicChoices(topics, '', 2).map((t) => t.name), ['Khan', 'Kabul']);
  assert.deepEqual(topicChoices(topics, 'zz'), []);
});

test('topic choices on the bundled articles: "gh" offers Ghazni, never more than 25', async () => {
  const corpus = await bundledCorpus();
  assert.equal(topicChoices(corpus.topics, 'gh')[0]?.name, 'Ghazni');
  assert.equal(topicChoices(corpus.topics, '').length, Math.min(25, corpus.topics.length));
});
