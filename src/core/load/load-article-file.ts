import * as crypto from 'node:crypto';
import type { LoadResult, RawArticle } from '../types.ts';
import { checkMeta, type MetaInput } from './article-meta.ts';
import { decodeText } from './decode-text.ts';
import { htmlToArticle, looksLikeHtml } from './html-to-article.ts';
import { readJsonArticles } from './json-articles.ts';
import { splitFrontMatter } from './front-matter.ts';
import { markdownToText } from './markdown-to-text.ts';
import { prepareText, tidyBody } from './tidy-text.ts';

const FORMATS: Record<string, RawArticle['format']> = {
  '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.json': 'json',
};

/** Lower-case extension with its dot ('.md'), or '' when the name has none. */
export function extensionOf(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Why the loader will not read a file of this name, or undefined when it will. */
export function unsupportedReason(file: string): string | undefined {
  const ext = extensionOf(file);
  if (FORMATS[ext] !== undefined) return undefined;
  return ext === '' ? 'unsupported file type (no extension)' : `unsupported file type ${ext}`;
}

/** Hex SHA-256 of a file's bytes. */
export function hashBytes(bytes: Uint8Array): string {
  // The one-shot hash (Node 20.12 on) builds no Hash object: a third of the hashing time per file.
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex');
}

interface Parsed {
  format: RawArticle['format'];
  body: string;
  meta: MetaInput;
  siteHint?: string;
}

/** Plain text, unless it is really HTML (scraped fragments are often saved as .txt). */
function textOrHtml(text: string, format: RawArticle['format']): Parsed {
  if (looksLikeHtml(text)) return { ...htmlToArticle(text), format: format === 'txt' ? 'html' : format };
  return { format, body: tidyBody(text, { linesAsParagraphs: true }), meta: {} };
}

type Entry = { name: string; doc?: Parsed; reason?: string };

/** The documents in a file's text, or why the whole file is unreadable. */
function parseFormat(file: string, format: RawArticle['format'], text: string): Entry[] | { reason: string } {
  if (format === 'json') {
    const json = readJsonArticles(text);
    if (!json.ok) return { reason: json.reason };
    return json.entries.map((e) =>
      'reason' in e ? { name: file + e.suffix, reason: e.reason } : { name: file + e.suffix, doc: { ...textOrHtml(prepareText(e.text), 'json'), meta: e.meta } },
    );
  }
  if (format === 'md') {
    const split = splitFrontMatter(text);
    if (!split.ok) return { reason: split.reason };
    return [{ name: file, doc: { format, body: tidyBody(prepareText(markdownToText(split.body))), meta: split.meta } }];
  }
  return [{ name: file, doc: format === 'html' ? { ...htmlToArticle(text), format } : textOrHtml(text, format) }];
}

/**
 * Parses one file into articles and report entries. Pure: the result depends only on
 * the relative path, the bytes and the mtime, so a reload can re-run it for changed
 * files alone. Never throws for bad content; the report says what went wrong.
 *
 * @param file - path relative to the articles folder, forward slashes
 * @param bytes - the whole file
 * @param mtime - the file's modification time, ISO 8601
 * @param hash - the bytes' SHA-256 when the caller already has it
 */
export function loadArticleFile(file: string, bytes: Uint8Array, mtime: string, hash = hashBytes(bytes)): LoadResult {
  const skip = (reason: string, warnings: string[] = [], name = file): LoadResult => ({
    articles: [],
    report: [{ file: name, outcome: 'skipped', reason, ...(warnings.length > 0 ? { warnings } : {}) }],
  });
  const unsupported = unsupportedReason(file);
  if (unsupported !== undefined) return skip(unsupported);
  const format = FORMATS[extensionOf(file)] ?? 'txt';
  const decoded = decodeText(bytes);
  if (!decoded.ok) return skip(decoded.reason);
  const text = prepareText(decoded.text);

  let parsed: Entry[] | { reason: string };
  try {
    parsed = parseFormat(file, format, text);
  } catch (err) {
    // A parser library choking on hostile input must cost this file, never the whole load.
    return skip(`cannot parse as ${format}: ${(err as Error).message}`, decoded.warnings);
  }
  if (!Array.isArray(parsed)) return skip(parsed.reason, decoded.warnings);

  const result: LoadResult = { articles: [], report: [] };
  for (const { name, doc, reason } of parsed) {
    const warnings = [...decoded.warnings];
    if (doc === undefined || doc.body === '') {
      result.report.push(...skip(reason ?? 'no text left after removing markup', warnings, name).report);
      continue;
    }
    const meta = checkMeta(doc.meta, warnings);
    const article: RawArticle = { file: name, format: doc.format, body: doc.body, ...meta, mtime, bytes: bytes.length, hash };
    if (doc.siteHint !== undefined && meta.source === undefined && meta.url === undefined) article.siteHint = doc.siteHint;
    result.articles.push(article);
    result.report.push({ file: name, outcome: 'loaded', ...(warnings.length > 0 ? { warnings } : {}) });
  }
  return result;
}
