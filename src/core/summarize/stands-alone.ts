/**
 * Whether a sentence reads on its own, out of the article it came from. A summary of a whole
 * collection quotes sentences far from their context, so one that leans on what came before
 * ("He said...", "But the talks...") or is a piece of a quotation reads as a non sequitur.
 */
export function standsAlone(text: string): boolean {
  if (POINTS_BACK.test(text) || OPENS_WITH_QUOTE.test(text)) return false;
  const quotes = count(text, /``|“|''|”|"/g);
  return quotes === 0 || (quotesBalance(text) && !PRONOUN_SPEAKER.test(text));
}

// Pronouns and conjunctions that open a sentence point back to someone or something named earlier.
const POINTS_BACK = /^(?:he|she|it|they|we|i|this|these|those|his|her|its|their|but|and|so)\b/i;
// A sentence that opens a quotation is somebody's words whose speaker comes later, if at all.
const OPENS_WITH_QUOTE = /^[`"“‘]/;
// Words quoted from "he" or "they" are nobody's words to a reader who has not seen the article.
const PRONOUN_SPEAKER = /\b(?:he|she|it|they|we|i) (?:said|says|added|told|asked)\b|\b(?:said|says|added) (?:he|she|they)\b/i;

/** Opening and closing quotation marks pair up; a sentence splitter that cut a quotation leaves one alone. */
function quotesBalance(text: string): boolean {
  const opening = count(text, /``|“/g);
  const closing = count(text, /''|”/g);
  return opening === closing && count(text, /"/g) % 2 === 0;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
