import type { CommandDefinition } from './types.ts';

export const topicsCommand: CommandDefinition = {
  name: 'topics',
  description: 'What the loaded articles are about, with article counts',
  access: 'everyone',
  needsCorpus: true,
  options: [],
  run(_input, _invoker, deps) {
    const corpus = deps.corpus.current;
    return { kind: 'topics', topics: corpus.topics, articles: corpus.articles.length };
  },
};
