import { parse as parseYaml } from 'yaml';
import type { MetaInput } from './article-meta.ts';

/** A Markdown file split into its stated metadata and its body, or why it cannot be read. */
export type FrontMatterResult = { ok: true; meta: MetaInput; body: string } | { ok: false; reason: string };

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;
const KEY_VALUE = /^([A-Za-z_][\w-]*):[ \t]+(\S.*?)[ \t]*$/;
// Values YAML would read as something other than a string: numbers, booleans, null, .inf.
const NOT_A_STRING = /^(?:[-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.(?:inf|nan)|~|null|true|false)$/i;
const PLAIN = /^[^-?:,[\]{}#&*!|>'"%@`\s](?:(?!: | #)[^\t])*$/;
const FLOW_ITEM = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u;

function scalar(raw: string): string | undefined {
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(raw);
  if (quoted !== null) return quoted[1] ?? quoted[2];
  if (!PLAIN.test(raw) || raw.endsWith(':') || NOT_A_STRING.test(raw)) return undefined;
  return raw;
}

function flowList(raw: string): string[] | undefined {
  if (!raw.startsWith('[') || !raw.endsWith(']')) return undefined;
  const items = raw.slice(1, -1).split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '') return [];
  return items.every((item) => FLOW_ITEM.test(item) && !NOT_A_STRING.test(item)) ? items : undefined;
}

/**
 * Reads front matter made only of one-line `key: value` and `key: [a, b]` fields, giving
 * exactly what the yaml package would. Undefined for anything else, which then goes to
 * yaml: parsing there costs ~100 µs a file, too much for 100,000 Markdown files.
 */
export function simpleFrontMatter(source: string): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const match = KEY_VALUE.exec(line);
    const key = match?.[1];
    const raw = match?.[2];
    // __proto__ would set the object's prototype rather than a field.
    if (key === undefined || raw === undefined || key === '__proto__' || Object.hasOwn(fields, key)) return undefined;
    const value = raw.startsWith('[') ? flowList(raw) : scalar(raw);
    if (value === undefined) return undefined;
    fields[key] = value;
  }
  return fields;
}

function parseFields(source: string): Record<string, unknown> | string {
  const simple = simpleFrontMatter(source);
  if (simple !== undefined) return simple;
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `broken front matter: ${message.split('\n')[0]}`;
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) return 'broken front matter: expected "field: value" lines';
  return data as Record<string, unknown>;
}

/** Splits optional YAML front matter (between leading `---` lines) from a Markdown body. */
export function splitFrontMatter(text: string): FrontMatterResult {
  const opening = OPENING.exec(text);
  if (opening === null) return { ok: true, meta: {}, body: text };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (closing === null) return { ok: false, reason: 'broken front matter: no closing --- line' };
  const fields = parseFields(rest.slice(0, closing.index));
  if (typeof fields === 'string') return { ok: false, reason: fields };
  const meta: MetaInput = {
    title: fields.title,
    source: fields.source,
    url: fields.url,
    published: fields.published ?? fields.date,
    topics: fields.topics ?? fields.tags,
  };
  return { ok: true, meta, body: rest.slice(closing.index + closing[0].length) };
}
