import { parseDate } from './parse-date.ts';
import { tidyLine } from './tidy-text.ts';

/** Metadata as a file states it, before checking: front matter and JSON may hold anything. */
export interface MetaInput {
  title?: unknown;
  source?: unknown;
  url?: unknown;
  published?: unknown;
  topics?: unknown;
}

/** Checked metadata, ready to spread into a RawArticle. */
export interface Meta {
  title?: string;
  source?: string;
  url?: string;
  published?: string;
  topics?: string[];
}

const quote = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
};

const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

function text(field: string, value: unknown, warnings: string[]): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return tidyLine(String(value));
  warnings.push(`${field} ${quote(value)} is not text; dropped`);
  return undefined;
}

/** Keeps absolute http(s) URLs only: anything else cannot be linked from a chat message. */
export function checkUrl(value: unknown, warnings: string[]): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') {
    try {
      const url = new URL(value.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // reported below, like any other non-http value
    }
  }
  warnings.push(`url ${quote(value)} is not an http(s) URL; dropped`);
  return undefined;
}

function topics(value: unknown, warnings: string[]): string[] | undefined {
  if (isAbsent(value)) return undefined;
  let items: unknown[];
  if (typeof value === 'string') items = value.split(',');
  else if (Array.isArray(value)) items = value;
  else {
    warnings.push(`topics ${quote(value)} is neither a list nor a comma-separated string; dropped`);
    return undefined;
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const topic = typeof item === 'string' || typeof item === 'number' ? tidyLine(String(item)) : undefined;
    if (topic === undefined || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Checks and normalises stated metadata; bad values are dropped with a warning
 * pushed onto `warnings`, never thrown.
 */
export function checkMeta(input: MetaInput, warnings: string[]): Meta {
  const meta: Meta = {};
  const title = text('title', input.title, warnings);
  if (title !== undefined) meta.title = title;
  const source = text('source', input.source, warnings);
  if (source !== undefined) meta.source = source;
  const url = checkUrl(input.url, warnings);
  if (url !== undefined) meta.url = url;
  if (!isAbsent(input.published)) {
    const published = parseDate(input.published);
    if (published !== undefined) meta.published = published;
    else warnings.push(`published ${quote(input.published)} is not a recognised date; dropped`);
  }
  const list = topics(input.topics, warnings);
  if (list !== undefined) meta.topics = list;
  return meta;
}
