import type { Article, Budget, Digest, DigestItem, Sentence, SourceRef } from './types.ts';
import type { Corpus } from './corpus.ts';
import { idf, sentencesOf } from './corpus.ts';
import { selectTopic } from './select-topic.ts';
import { selectItems, type Candidate, type Group } from './summarize/select.ts';
import { extractFigures, findDisagreement, type FigureMention, type TextTools } from './summarize/figures.ts';
import { suggestTopics } from './suggest.ts';
import { sameFactElsewhere } from './summarize/same-fact.ts';
import type { Weigh } from './summarize/similarity.ts';

/** In a topic digest, what one outlet alone reports counts at this share of what several report. */
const SINGLE_SOURCE_WEIGHT = 0.2;

export const DEFAULT_BUDGET: Budget = { items: 5, words: 120 };

export function sourceRef(article: Article): SourceRef {
  return { title: article.title, source: article.source, file: article.file, ...(article.url ? { url: article.url } : {}) };
}

function textTools(corpus: Corpus): TextTools {
  const { analyzer } = corpus.lexicon;
  return { words: (t) => analyzer.words(t), stem: (w) => analyzer.stem(w), stopwords: analyzer.stopwords };
}

/** Items in reading order: what articles say first comes first; earlier reports before later ones. */
function readingOrder(corpus: Corpus, groups: Group[]): Group[] {
  const date = (s: Sentence) => corpus.articles[s.articleId]!.published.slice(0, 10);
  return [...groups].sort(
    (a, b) => a.leader.position - b.leader.position || date(a.leader).localeCompare(date(b.leader)) || a.leader.id - b.leader.id,
  );
}

function toItem(corpus: Corpus, group: Group, mentions: FigureMention[], tools: TextTools, weigh: Weigh): DigestItem {
  const tellers = [group.leader, ...group.members, ...sameFactElsewhere(corpus, group.leader, weigh)];
  const articleIds = [...new Set(tellers.map((s) => s.articleId))];
  const item: DigestItem = { text: group.leader.text, sources: articleIds.map((id) => sourceRef(corpus.articles[id]!)) };
  for (const figure of extractFigures(group.leader.text, tools)) {
    const disagreement = findDisagreement(figure, mentions);
    if (disagreement) {
      item.disagreement = disagreement;
      break;
    }
  }
  return item;
}

/** Every figure in the articles the digest drew on, to check the chosen items' figures against. */
function figureMentions(corpus: Corpus, articleIds: Iterable<number>, tools: TextTools): FigureMention[] {
  const mentions: FigureMention[] = [];
  for (const id of articleIds) {
    const source = sourceRef(corpus.articles[id]!);
    for (const s of sentencesOf(corpus, id)) {
      for (const figure of extractFigures(s.text, tools)) mentions.push({ figure, article: id, source });
    }
  }
  return mentions;
}

interface SummarizeOptions {
  budget: Budget;
  /** Let the last item run past the word budget; for scorers that cut the text themselves. */
  overshoot?: boolean;
  singleSourceWeight: number;
}

function summarize(corpus: Corpus, topic: string | null, candidates: Candidate[], options: SummarizeOptions, articlesMatched: number, started: number): Digest {
  const tools = textTools(corpus);
  const weigh = idf(corpus);
  const selection = selectItems(candidates, { ...options, overshoot: options.overshoot ?? false, weigh });
  const pool = new Set(candidates.map((c) => c.sentence.articleId));
  const mentions = figureMentions(corpus, pool, tools);
  const items = readingOrder(corpus, selection.items).map((g) => toItem(corpus, g, mentions, tools, weigh));
  const used = new Map<string, SourceRef>();
  for (const item of items) for (const s of item.sources) used.set(s.file, s);
  return {
    topic,
    items,
    articles: [...used.values()],
    stats: {
      articlesInCorpus: corpus.articles.length,
      articlesMatched,
      sentencesConsidered: candidates.length,
      sentencesMerged: selection.merged,
      outlets: new Set([...used.values()].map((s) => s.source)).size,
      words: items.reduce((n, i) => n + i.text.split(/\s+/).filter(Boolean).length, 0),
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    },
  };
}

/** The topic as the articles write it ("ghazni" -> "Ghazni"), when it is one of the corpus topics. */
function displayName(corpus: Corpus, topic: string): string {
  const key = (name: string) => corpus.lexicon.expand(name).phrases[0]?.join(' ');
  const wanted = key(topic);
  return corpus.topics.find((t) => key(t.name) === wanted)?.name ?? topic;
}

/** The digest of what the corpus says about a topic; for an unknown topic, no items and suggestions. */
export function digestTopic(corpus: Corpus, topic: string, budget: Budget = DEFAULT_BUDGET): Digest {
  const started = performance.now();
  const match = selectTopic(corpus, topic);
  const digest = summarize(corpus, displayName(corpus, match.canonical), match.candidates, { budget, singleSourceWeight: SINGLE_SOURCE_WEIGHT }, match.articlesMatched, started);
  if (digest.items.length === 0) digest.suggestions = suggestTopics(corpus, topic);
  return digest;
}

/** A digest of the whole corpus, with no topic: what every article together is about. */
export function digestAll(corpus: Corpus, budget: Budget = DEFAULT_BUDGET, options: { overshoot?: boolean } = {}): Digest {
  const started = performance.now();
  const candidates = corpus.sentences.map((sentence) => ({ sentence, relevance: 1 }));
  return summarize(corpus, null, candidates, { budget, singleSourceWeight: 0, ...options }, corpus.articles.length, started);
}
