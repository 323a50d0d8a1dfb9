/**
 * Boilerplate rules: the JSON shape read from `config/boilerplate.json`, its validation, and the
 * compiled form that `cleanText` takes. Rules are data so that a new outlet's boilerplate is a config
 * change; compiling rejects patterns that could hang the cleaner on a hostile article.
 */
import { backtrackingRisk } from './regex-safety.ts';
import { ruleGate, type RuleGate } from './clean-prefilter.ts';

/** Rule kinds, in the order the cleaner applies them. */
export const RULE_KINDS = ['drop', 'credit', 'byline', 'dateline', 'headingPrefix'] as const;

/**
 * - `drop`: the whole line is boilerplate (link lines, "Follow us on", "Subscribe").
 * - `credit`: a wire credit; named group `source` (or the rule's `source`) becomes a hint.
 * - `byline`: author/time lines; groups `source` and `date` are hints, else a date is searched for.
 * - `dateline`: a prefix of the first paragraph ("Kabul:"); only the prefix goes, groups as above.
 * - `headingPrefix`: a heading glued before a paragraph ("- Inching closer - In less than...").
 */
export type RuleKind = (typeof RULE_KINDS)[number];

/** One compiled rule. */
export interface CleanRule {
  name: string;
  kind: RuleKind;
  /** Prefix kinds are sticky (`y`): they match at index 0 only. */
  regex: RegExp;
  /** Lines longer than this are not tested, so no pattern ever scans a huge line. */
  maxLength: number;
  /** Fixed source hint for credits that name no agency in a group. */
  source?: string;
  /** What a line needs for the regex to have a chance; absent, the regex is always run. */
  gate?: RuleGate;
}

/** Compiled boilerplate rules and the thresholds of the heuristics. */
export interface CleanRules {
  maxLineLength: number;
  rules: Readonly<Record<RuleKind, readonly CleanRule[]>>;
  /** Lowercased agency spelling -> display name; an empty name means "generic, not a source". */
  sourceNames: ReadonlyMap<string, string>;
  title: { maxWords: number; maxChars: number };
  headings: { maxWords: number; maxChars: number; inlineMaxWords: number };
}

const RULE_KEYS = new Set(['name', 'pattern', 'flags', 'maxLength', 'source', 'comment']);
const TOP_KEYS = new Set(['$comment', 'maxLineLength', 'title', 'headings', 'sourceNames', 'rules']);

/**
 * Validates the parsed JSON of a boilerplate file and compiles its patterns.
 * @throws Error naming the offending key or rule: bad shape, invalid regex, backtracking risk.
 */
export function compileCleanRules(spec: unknown): CleanRules {
  const top = asObject(spec, 'boilerplate rules');
  for (const key of Object.keys(top)) if (!TOP_KEYS.has(key)) throw new Error(`unknown key "${key}"`);
  const maxLineLength = optionalInt(top.maxLineLength, 'maxLineLength', 400);
  const title = asObject(top.title ?? {}, 'title');
  const headings = asObject(top.headings ?? {}, 'headings');
  const names = asObject(top.sourceNames ?? {}, 'sourceNames');
  const sourceNames = new Map<string, string>();
  for (const [k, v] of Object.entries(names)) {
    if (typeof v !== 'string') throw new Error(`sourceNames["${k}"] must be a string`);
    sourceNames.set(k.toLowerCase(), v);
  }
  const ruleSpec = asObject(top.rules, 'rules');
  for (const key of Object.keys(ruleSpec)) {
    if (!(RULE_KINDS as readonly string[]).includes(key)) throw new Error(`rules: unknown kind "${key}"`);
  }
  const seen = new Set<string>();
  const rules = {} as Record<RuleKind, CleanRule[]>;
  for (const kind of RULE_KINDS) {
    const list = ruleSpec[kind] ?? [];
    if (!Array.isArray(list)) throw new Error(`rules.${kind} must be an array`);
    rules[kind] = list.map((raw, k) => compileRule(raw, kind, `rules.${kind}[${k}]`, maxLineLength, seen));
  }
  return {
    maxLineLength,
    rules,
    sourceNames,
    title: {
      maxWords: optionalInt(title.maxWords, 'title.maxWords', 15),
      maxChars: optionalInt(title.maxChars, 'title.maxChars', 160),
    },
    headings: {
      maxWords: optionalInt(headings.maxWords, 'headings.maxWords', 8),
      maxChars: optionalInt(headings.maxChars, 'headings.maxChars', 80),
      inlineMaxWords: optionalInt(headings.inlineMaxWords, 'headings.inlineMaxWords', 6),
    },
  };
}

function compileRule(raw: unknown, kind: RuleKind, where: string, maxLineLength: number, seen: Set<string>): CleanRule {
  const spec = asObject(raw, where);
  if (typeof spec.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(spec.name)) {
    throw new Error(`${where}.name must be a kebab-case string`);
  }
  const name = spec.name;
  const label = `rule "${name}" (${where})`;
  if (seen.has(name)) throw new Error(`${label}: duplicate rule name`);
  seen.add(name);
  for (const key of Object.keys(spec)) if (!RULE_KEYS.has(key)) throw new Error(`${label}: unknown key "${key}"`);
  if (typeof spec.pattern !== 'string' || spec.pattern === '') throw new Error(`${label}: pattern must be a non-empty string`);
  const flags = spec.flags ?? 'i';
  if (typeof flags !== 'string' || !/^[ims]*$/.test(flags)) throw new Error(`${label}: flags may only use i, m and s`);
  if (spec.source !== undefined && typeof spec.source !== 'string') throw new Error(`${label}: source must be a string`);
  const fullFlags = `${flags}u${kind === 'dateline' || kind === 'headingPrefix' ? 'y' : ''}`;
  let regex: RegExp;
  try {
    regex = new RegExp(spec.pattern, fullFlags);
  } catch (err) {
    throw new Error(`${label}: invalid pattern: ${(err as Error).message}`);
  }
  const risk = backtrackingRisk(spec.pattern, fullFlags);
  if (risk) throw new Error(`${label}: pattern is prone to catastrophic backtracking (${risk})`);
  const maxLength = Math.min(optionalInt(spec.maxLength, `${label}: maxLength`, maxLineLength), maxLineLength);
  const gate = ruleGate(spec.pattern, fullFlags);
  return { name, kind, regex, maxLength, ...(spec.source !== undefined && { source: spec.source }), ...(gate && { gate }) };
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function optionalInt(value: unknown, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1) throw new Error(`${where} must be a positive integer`);
  return value as number;
}
