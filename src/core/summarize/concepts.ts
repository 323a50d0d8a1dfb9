/**
 * Concepts are what a summary should cover: content words and pairs of adjacent content
 * words. A concept that several outlets mention is worth more, which is how a fact that
 * five outlets reported outranks an aside that one of them made.
 */
export function conceptsOf(terms: readonly string[]): string[] {
  const concepts = new Set<string>(terms);
  for (let i = 1; i < terms.length; i++) concepts.add(`${terms[i - 1]} ${terms[i]}`);
  return [...concepts];
}

export interface ConceptSource {
  article: number;
  relevance: number;
  concepts: readonly string[];
}

/**
 * Weight of each concept: the sum, over articles, of the best relevance of a sentence of
 * that article carrying it. Pairs count double since they pin down a claim, not a word.
 * `singleSourceWeight` scales concepts only one article carries: for a summary of many
 * articles as a whole, what only one of them says is mostly noise.
 */
export function weighConcepts(sources: readonly ConceptSource[], singleSourceWeight: number): Map<string, number> {
  const best = new Map<string, Map<number, number>>();
  for (const s of sources) {
    for (const c of s.concepts) {
      let perArticle = best.get(c);
      if (!perArticle) best.set(c, (perArticle = new Map()));
      perArticle.set(s.article, Math.max(perArticle.get(s.article) ?? 0, s.relevance));
    }
  }
  const weights = new Map<string, number>();
  for (const [c, perArticle] of best) {
    const scale = perArticle.size === 1 ? singleSourceWeight : 1;
    if (scale === 0) continue;
    let w = 0;
    for (const r of perArticle.values()) w += r * scale;
    weights.set(c, c.includes(' ') ? 2 * w : w);
  }
  return weights;
}
