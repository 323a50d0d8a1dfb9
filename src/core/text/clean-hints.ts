/**
 * Turning what a byline, dateline or wire credit names into `TextHints` values.
 */
import type { CleanRule, CleanRules } from './clean-rules.ts';
import { findDate } from './dates.ts';

/** Hints collected while cleaning; outlets named by bylines and datelines beat wire credits. */
export interface HintState {
  source?: string;
  wire?: string;
  published?: string;
}

/**
 * Records the source and date that a rule match names. Credits list agencies ("PTI, Reuters"):
 * the first one is taken. A date comes from the `date` group, else from anywhere in the match.
 */
export function collectHints(state: HintState, rule: CleanRule, match: RegExpExecArray, rules: CleanRules): void {
  const rawSource = match.groups?.source ?? rule.source;
  if (rawSource !== undefined) {
    const first = rule.kind === 'credit' ? rawSource.split(/\s*(?:,|&|\band\b)\s*/i)[0]! : rawSource;
    const source = normalizeSource(first, rules.sourceNames);
    if (source && rule.kind === 'credit') state.wire ??= source;
    else if (source) state.source ??= source;
  }
  if (rule.kind === 'byline' || rule.kind === 'dateline') {
    const date = findDate(match.groups?.date ?? match[0]);
    if (date) state.published ??= date;
  }
}

/**
 * Display form of an outlet name: known agencies get their usual spelling ("REUTERS" -> "Reuters"),
 * generic words ("agencies") give nothing, other names are kept as written.
 */
export function normalizeSource(raw: string, names: ReadonlyMap<string, string>): string | undefined {
  const name = raw.replace(/\s+/g, ' ').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  if (name === '') return undefined;
  const known = names.get(name.toLowerCase());
  if (known !== undefined) return known === '' ? undefined : known;
  if (name.length > 5 && name === name.toUpperCase()) {
    return name.toLowerCase().replace(/(^|[\s/-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  return name;
}
