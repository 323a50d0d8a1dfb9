import type { MetaInput } from './article-meta.ts';

/** One article found in a JSON file, or why an element is not one. `suffix` is '' or '#index'. */
export type JsonEntry = { suffix: string; text: string; meta: MetaInput } | { suffix: string; reason: string };

export type JsonResult = { ok: true; entries: JsonEntry[] } | { ok: false; reason: string };

const TEXT_FIELDS = ['text', 'content', 'body'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function entry(value: unknown, suffix: string): JsonEntry {
  if (!isRecord(value)) return { suffix, reason: 'not an article object' };
  const text = TEXT_FIELDS.map((field) => value[field]).find((v): v is string => typeof v === 'string' && /\S/.test(v));
  if (text === undefined) return { suffix, reason: 'no text (expected a "text", "content" or "body" field)' };
  // Feed exports (NewsAPI and the like) name the outlet as { id, name }.
  const source = isRecord(value.source) ? value.source.name : value.source;
  const meta: MetaInput = {
    title: value.title,
    source,
    url: value.url ?? value.link,
    published: value.published ?? value.publishedAt ?? value.date ?? value.pubDate,
    topics: value.topics ?? value.tags,
  };
  return { suffix, text, meta };
}

/**
 * Reads one article object or an array of them. A wrapper object whose only list
 * is `articles` or `items` counts as that array.
 */
export function readJsonArticles(text: string): JsonResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (isRecord(data)) {
    const record = data;
    const list = Array.isArray(record.articles) ? record.articles : record.items;
    const hasText = TEXT_FIELDS.some((field) => field in record);
    if (!hasText && Array.isArray(list)) data = list;
  }
  if (!Array.isArray(data)) {
    const single = entry(data, '');
    return 'reason' in single ? { ok: false, reason: single.reason } : { ok: true, entries: [single] };
  }
  if (data.length === 0) return { ok: false, reason: 'no articles in JSON array' };
  return { ok: true, entries: data.map((item, index) => entry(item, `#${index}`)) };
}
