import type { Summarizer } from './contract.ts';
import { selectTopicItems } from './topic-items.ts';
import { selectGenericItems } from './generic-items.ts';

/** The summarizer of the mode the options ask for: a digest of one topic, or of a whole collection. */
export const selectItems: Summarizer = (candidates, options) =>
  options.mode === 'topic' ? selectTopicItems(candidates, options) : selectGenericItems(candidates, options);
