import type { Article, CleanedText, RawArticle } from '../types.ts';
import { ownString } from '../text/own-string.ts';

const TITLE_WORDS = 12;
/** The outlet of an article whose file, URL and text name none. */
export const UNKNOWN_OUTLET = 'unknown outlet';

/** "https://www.deccanherald.com/x" -> "deccanherald.com". */
export function outletFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

function titleFromText(paragraphs: readonly string[]): string {
  // Only the first words are needed, and a first paragraph can be a whole unbroken article.
  const words: string[] = [];
  const word = /\S+/g;
  const text = paragraphs[0] ?? '';
  for (let m = word.exec(text); m !== null && words.length <= TITLE_WORDS; m = word.exec(text)) words.push(m[0]);
  const head = words.slice(0, TITLE_WORDS).join(' ');
  return words.length > TITLE_WORDS ? `${head.replace(/[,;:.]+$/, '')}…` : head;
}

/**
 * Metadata precedence: what the file states, then what its URL says, then what the text
 * itself says (a byline, a dateline, a wire credit), then the weakest hints.
 */
export function resolveMetadata(raw: RawArticle, cleaned: CleanedText, id: number): Article {
  const url = raw.url === undefined ? undefined : ownString(raw.url);
  const stated = raw.published ?? cleaned.hints.published;
  return {
    id,
    file: ownString(raw.file),
    title: ownString(raw.title ?? cleaned.hints.title ?? titleFromText(cleaned.paragraphs)),
    source: ownString(raw.source ?? outletFromUrl(raw.url) ?? cleaned.hints.source ?? raw.siteHint ?? UNKNOWN_OUTLET),
    ...(url ? { url } : {}),
    published: ownString(stated ?? raw.mtime.slice(0, 10)),
    ...(stated === undefined ? { undated: true as const } : {}),
    topics: (raw.topics ?? []).map(ownString),
    hash: raw.hash,
    bytes: raw.bytes,
  };
}
