import { digestTopic } from '../core/query/digest.ts';
import type { CommandDefinition, Length } from './types.ts';

export const LENGTHS: readonly Length[] = ['short', 'medium', 'long'];

export const summaryCommand: CommandDefinition = {
  name: 'summary',
  description: 'A short digest of what the loaded articles say about a topic',
  access: 'everyone',
  needsCorpus: true,
  rateLimited: true,
  example: 'kandahar prison long',
  options: [
    { name: 'topic', description: 'A place, person, organisation or phrase, e.g. ghazni', required: true, maxLength: 100, topic: true },
    { name: 'length', description: 'short, medium or long (default medium)', required: false, maxLength: 10, choices: LENGTHS },
  ],
  run(input, _invoker, deps) {
    const topic = input.topic!;
    const budget = deps.budgets[(input.length as Length | undefined) ?? 'medium'];
    return { kind: 'digest', digest: digestTopic(deps.corpus.current, topic, budget) };
  },
};
