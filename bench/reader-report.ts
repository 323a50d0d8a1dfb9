/**
 * The reader checks (reader-checks.ts) over every summary of one system, summed into one row per
 * system, and the table that shows them. No references needed except for the main-event check
 * against the references' first sentences.
 */
import {
  SourceArticles,
  anaphoricOpener,
  budgetUse,
  mainEvent,
  namesMainEvent,
  repeatedEvents,
  unresolvedOpeners,
  type RepeatedPair,
  type UnresolvedOpener,
} from './reader-checks.ts';
import { splitSummarySentences } from './sentences.ts';

/** One summary of one cluster, with the cluster's articles (and references, if any). */
export interface ReaderInput {
  clusterId: string;
  items: readonly string[];
  articles: SourceArticles;
  refs: readonly string[];
  /** Items that carry an "Outlets differ" line, when the system says (the engine does). */
  disagreements?: number;
}

/** What a reader would notice, summed over a system's summaries. */
export interface ReaderResult {
  system: string;
  summaries: number;
  items: number;
  /** Items opening with a reference (`anaphoricOpener`), resolved or not. */
  openers: number;
  /** Of those, the ones no earlier item resolves. */
  unresolvedOpeners: number;
  /** Summaries longer than the budget, in words as a user counts them. */
  overBudget: number;
  /** Mean words past the budget, over all summaries (0 for those within it). */
  meanWordsOver: number;
  /** Items that end past the budget. */
  itemsPastBudget: number;
  /** Item pairs that tell one event twice. */
  repeatedEvents: number;
  /** Summaries whose first item names what most articles lead with. */
  mainEventFromLeads: number;
  /** Summaries whose first item names what most references open with; absent without references. */
  mainEventFromRefs?: number;
  /** Items carrying an "Outlets differ" line; absent for systems that cannot say. */
  disagreements?: number;
}

/** Where each summary fell short, to read one by one. */
export interface ReaderDetails {
  clusterId: string;
  unresolved: UnresolvedOpener[];
  repeated: RepeatedPair[];
  mainEventFromLeads: boolean;
  mainEventFromRefs?: boolean;
}

/** Runs every check on every summary of one system. `budget` is in words. */
export function readerChecks(system: string, inputs: readonly ReaderInput[], budget: number): { result: ReaderResult; details: ReaderDetails[] } {
  const result: ReaderResult = {
    system,
    summaries: inputs.length,
    items: 0,
    openers: 0,
    unresolvedOpeners: 0,
    overBudget: 0,
    meanWordsOver: 0,
    itemsPastBudget: 0,
    repeatedEvents: 0,
    mainEventFromLeads: 0,
  };
  const details: ReaderDetails[] = [];
  let wordsOver = 0;
  for (const input of inputs) {
    const { items, articles } = input;
    result.items += items.length;
    result.openers += items.filter((item) => anaphoricOpener(item) !== undefined).length;
    const unresolved = unresolvedOpeners(items, articles);
    result.unresolvedOpeners += unresolved.length;
    const use = budgetUse(items, budget);
    if (use.over > 0) result.overBudget++;
    wordsOver += use.over;
    result.itemsPastBudget += use.itemsPast;
    const repeated = repeatedEvents(items);
    result.repeatedEvents += repeated.length;
    const first = items[0] ?? '';
    const fromLeads = items.length > 0 && namesMainEvent(first, mainEvent(articles.leads(), articles), articles);
    if (fromLeads) result.mainEventFromLeads++;
    const detail: ReaderDetails = { clusterId: input.clusterId, unresolved, repeated, mainEventFromLeads: fromLeads };
    if (input.refs.length > 0) {
      const openings = input.refs.map((r) => splitSummarySentences(r)[0] ?? '');
      detail.mainEventFromRefs = items.length > 0 && namesMainEvent(first, mainEvent(openings, articles), articles);
      result.mainEventFromRefs = (result.mainEventFromRefs ?? 0) + (detail.mainEventFromRefs ? 1 : 0);
    }
    if (input.disagreements !== undefined) result.disagreements = (result.disagreements ?? 0) + input.disagreements;
    details.push(detail);
  }
  result.meanWordsOver = inputs.length ? wordsOver / inputs.length : 0;
  return { result, details };
}

const share = (n: number, of: number) => `${n}/${of}`;

/**
 * The reader-check table, one row per system. `budget` names the word budget in the header; rows
 * whose `budget` differs (topic digests) say theirs in the system name.
 */
export function formatReaderTable(results: readonly ReaderResult[], budget: number): string {
  const rows = [
    `| system | items | unresolved openers (of openers) | over ${budget} words: summaries / mean words past / items past | repeated events (pairs) | first item names the main event: leads / references | "Outlets differ" items |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const main = `${share(r.mainEventFromLeads, r.summaries)} / ${r.mainEventFromRefs === undefined ? 'n/a' : share(r.mainEventFromRefs, r.summaries)}`;
    rows.push(
      `| ${r.system} | ${r.items} | ${r.unresolvedOpeners} (${r.openers}) | ${share(r.overBudget, r.summaries)} / ${r.meanWordsOver.toFixed(1)} / ${r.itemsPastBudget} | ${r.repeatedEvents} | ${main} | ${r.disagreements ?? 'n/a'} |`,
    );
  }
  return rows.join('\n');
}
