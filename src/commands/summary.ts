import { digestTopic } from '../core/query/digest.ts';
import { parseSince, SINCE_WORD } from './since.ts';
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
    { name: 'since', description: 'Only what was published since: 24h, 90m, 7d, 2w or a date such as 2026-12-01', required: false, maxLength: 20, pattern: SINCE_WORD, byShapeOnly: true },
  ],
  run(input, _invoker, deps) {
    const topic = input.topic!;
    const budget = deps.budgets[(input.length as Length | undefined) ?? 'medium'];
    if (input.since === undefined) return { kind: 'digest', digest: digestTopic(deps.corpus.current, topic, budget) };
    const since = parseSince(input.since, deps.now?.() ?? new Date());
    if (!since) return { kind: 'error', code: 'bad-since', detail: { value: input.since, example: `/summary ${topic} 24h` } };
    return { kind: 'digest', digest: digestTopic(deps.corpus.current, topic, budget, { since }) };
  },
};
