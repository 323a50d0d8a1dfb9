/**
 * Whether a sentence reads on its own, out of the article it came from. A summary of a whole
 * collection quotes sentences far from their context, so one that leans on what came before
 * ("He said...", "But the talks...") or is a piece of a quotation reads as a non sequitur.
 */
export function standsAlone(text: string): boolean {
  return !leansOnContext(text) && unbroken(text);
}

/**
 * Whether a sentence's words point back to something its article said just before: who "he" or
 * "the move" is, what "however" or "the other" sets it against. Such a sentence reads right only
 * after the sentence before it; anywhere else its reference points outside the digest.
 */
export function leansOnContext(text: string): boolean {
  const opening = text.replace(LEADING_MARKS, '');
  return (
    POINTS_BACK.test(opening) ||
    RELATIVE.test(opening) ||
    TIME_BACK.test(opening) ||
    referringNoun(opening) ||
    ASIDE.test(text) ||
    UNNAMED_SPEAKER.test(text) ||
    creditedToNoun(text) ||
    quotedFromPronoun(text) ||
    pronounBeforeName(opening)
  );
}

/**
 * No piece of a quotation or of a parenthesis, and no quotation whose speaker is only "he" or
 * "they": a sentence splitter that cut "(The White House kept reporters outside. Their children
 * ...)" leaves an opening bracket with nothing to close it.
 */
export function unbroken(text: string): boolean {
  return !OPENS_WITH_QUOTE.test(text) && whole(text) && !quotedFromPronoun(text);
}

/**
 * Its quotation marks and brackets pair up: not a piece that a sentence splitter cut out of a
 * quotation or a parenthesis, which no order of items mends. Whether it may open a quotation, and
 * whether its words point back, are `unbroken`'s and `leansOnContext`'s questions.
 */
export function whole(text: string): boolean {
  return count(text, /\(/g) === count(text, /\)/g) && quotesBalance(text);
}

/** Words quoted from "he" or "it": theirs is known only after the sentence before, in the article. */
function quotedFromPronoun(text: string): boolean {
  return QUOTE_MARK.test(text) && PRONOUN_SPEAKER.test(text);
}
const QUOTE_MARK = /``|“|''|”|"/;

// Dashes and underscores that set a wire story's paragraphs off say nothing about the sentence; an
// opening quotation mark does not change what its first word points to ("``This deal would ...").
const LEADING_MARKS = /^[\s_\-–—`"“‘']+/;
// Pronouns, demonstratives and connectives that open a sentence point back to someone or something
// named earlier, or set the sentence against it.
const POINTS_BACK =
  /^(?:he|she|it|they|we|i|you|him|them|this|these|that|those|his|her|its|their|such|but|and|so|or|nor|yet|also|still|however|instead|meanwhile|moreover|furthermore|besides|nevertheless|nonetheless|thus|therefore|then|otherwise|likewise|similarly|indeed|again|after all|in addition|as a result|on the other hand|by contrast|in contrast|even so|in turn|in the other|at the same time|for (?:his|her|its|their) part)\b(?!-)/i;
// "Another", "the other", "the two", "a third": one more of what came before.
const RELATIVE = /^(?:another|both|neither|the (?:other|latter|former|same|two|three|four|five)|a (?:second|third|fourth|fifth))\b(?!-)/i;
// "A day earlier,", "Hours later,", "The next day,": a time counted from an event the sentence does not tell.
const TIME_BACK =
  /^(?:(?:(?:a|an|one|two|three|four|five|six|several|a few|\d+) )?(?:minutes?|hours?|days?|weeks?|months?|years?) (?:earlier|later|before|after)|earlier|later|the (?:next|following|previous) (?:day|morning|afternoon|evening|night|week)|the day (?:before|after)|(?:earlier|later) that (?:day|morning|afternoon|evening|night|week)),/i;
// "However" or "instead" set off by commas sets the sentence against the one before.
const ASIDE = /, (?:however|though|instead|meanwhile|in turn|nevertheless|nonetheless|therefore|thus|for (?:his|her|its|their) part),/i;
// Words credited to "it", "they" or "the source": an outlet, a group or a person the sentence does not name.
// Set off by a comma, "he" and "she" credit the words to someone named elsewhere too: "..., he said".
const UNNAMED_SPEAKER =
  /\b(?:it|they|the (?:source|sources|official|officials|spokesman|spokeswoman|statement|newspaper|paper|agency|department|ministry|report|group)) (?:said|says|added|told|noted|stressed|reported)\b|, (?:said|says|added) (?:it|they)\b|, (?:he|she) (?:said|says|added|told|noted|stressed)\b/i;
// A referring noun after the verb does too: "..., said the letter, a copy of which ...".
const SAID_THE = /, (?:said|says|added) the (?:[a-z-]+ )?([a-z]+)[,.;]/;
function creditedToNoun(text: string): boolean {
  const noun = SAID_THE.exec(text)?.[1];
  return noun !== undefined && REFERRING_NOUNS.has(noun);
}
// A sentence that opens a quotation is somebody's words whose speaker comes later, if at all.
export const OPENS_WITH_QUOTE = /^[`"“‘]/;
// Words quoted from "he" or "they" are nobody's words to a reader who has not seen the article.
const PRONOUN_SPEAKER = /\b(?:he|she|it|they|we|i) (?:said|says|added|told|asked)\b|\b(?:said|says|added) (?:he|she|they)\b/i;

/**
 * "The move", "the proposed deal", "the newspaper said": a bare "the" before a noun that stands
 * for something already told. The noun comes right after "the", or after one lowercase word, which
 * says what kind but not which one ("the proposed deal", "the interior ministry": whose?; "the
 * Chilean government" names its own), and no word that says which follows (SPECIFIERS: "the
 * agreement of 1993", "the talks between ...").
 */
export const REFERRING_NOUNS: ReadonlySet<string> = new Set([
  'move', 'decision', 'deal', 'agreement', 'accord', 'plan', 'proposal', 'offer', 'attack', 'attacks', 'bombing', 'blast',
  'explosion', 'incident', 'crash', 'statement', 'report', 'newspaper', 'paper', 'agency', 'department', 'ministry', 'suspect',
  'suspects', 'man', 'woman', 'men', 'women', 'victim', 'victims', 'group', 'organization', 'talks', 'meeting', 'visit', 'trip',
  'vote', 'bill', 'remarks', 'measure', 'announcement', 'step', 'letter', 'transaction', 'appointment', 'request', 'case',
  'operation', 'raid', 'killing', 'killings', 'ruling', 'verdict', 'sale', 'merger', 'purchase', 'effort', 'action', 'company',
  'firm', 'source', 'sources', 'spokesman', 'spokeswoman', 'official', 'officials', 'couple', 'pair', 'development',
]);
/**
 * Words after the noun that say which one it is: "the talks between ...", "the agreement of 1993",
 * "the group that ...". A capitalized word does too ("the victims Peter Kennedy and ...").
 */
export const SPECIFIERS: ReadonlySet<string> = new Set([
  'of', 'between', 'with', 'by', 'for', 'on', 'to', 'from', 'in', 'at', 'over', 'against', 'that', 'which', 'who', 'whose', 'about', 'among',
]);
function referringNoun(opening: string): boolean {
  const [the, second, third, fourth] = opening.split(/\s+/, 4).map((w) => w.replace(/'s$|[^A-Za-z]+$/, ''));
  if (the?.toLowerCase() !== 'the' || !second) return false;
  const unsaid = (next: string | undefined) => !SPECIFIERS.has(next ?? '') && !/^[A-Z]/.test(next ?? '');
  if (REFERRING_NOUNS.has(second)) return unsaid(third);
  // A lowercase word between says what kind, not whose: "the proposed deal", "the interior ministry".
  return /^[a-z]/.test(second) && REFERRING_NOUNS.has(third ?? '') && unsaid(fourth);
}

/**
 * "Before leaving, he criticized an Italian official": "he", "she" or "him" before any capitalized
 * word that could name someone (the first word only when it is no common opening word), so whoever
 * it means was named in another sentence. A possessive may come first: "In his speech, Clinton said".
 */
function pronounBeforeName(opening: string): boolean {
  const words = opening.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
    if (word === 'he' || word === 'she' || word === 'him') return true;
    // A date names no one ("On Sept. 2, he"), nor a name after "the" ("On attending the APEC meeting, he").
    if (/^[A-Z]/.test(word) && (k > 0 || !COMMON_OPENERS.test(word)) && !WHEN.test(word) && words[k - 1]?.toLowerCase() !== 'the') return false;
  }
  return false;
}
const WHEN =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/;
const COMMON_OPENERS =
  /^(?:a|an|the|about|after|at|before|by|for|from|in|on|of|over|since|some|to|under|until|when|while|with|within|without|most|many|more|one|two|three|four|five|several|all|no|only|as|if|although|though|because|during|nearly|almost|even|despite|among|earlier|later)$/i;

/** Opening and closing quotation marks pair up; a sentence splitter that cut a quotation leaves one alone. */
function quotesBalance(text: string): boolean {
  const opening = count(text, /``|“/g);
  const closing = count(text, /''|”/g);
  return opening === closing && count(text, /"/g) % 2 === 0;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
