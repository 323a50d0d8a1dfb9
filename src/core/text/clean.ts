/**
 * Boilerplate removal: from a loader's plain text to the paragraphs worth quoting, plus the title,
 * outlet and date the text itself gives away. Text that stays is left as written, since a digest
 * quotes it; only whole lines, dateline prefixes and glued-on headings are taken out.
 */
import type { CleanedText, TextHints } from '../types.ts';
import type { CleanRule, CleanRules } from './clean-rules.ts';
import { collectHints, type HintState } from './clean-hints.ts';
import { GateInput, mayMatch } from './clean-prefilter.ts';
import { isSectionHeading, isTitleLine, splitInlineHeading } from './clean-headings.ts';
import { endsSentence, isPunctuationOnly, splitUnits, unitKey, type Unit } from './clean-units.ts';

const LINE_KINDS = ['drop', 'credit', 'byline'] as const;

/**
 * Cleans one article body (plain text, paragraphs separated by blank lines or line breaks).
 * Every removed line is listed in `removed` with the name of the rule that removed it.
 */
export function cleanText(body: string, rules: CleanRules): CleanedText {
  const units = splitUnits(body);
  const removed: CleanedText['removed'] = [];
  const state: HintState = {};
  const remove = (unit: Unit, rule: string): void => {
    unit.kept = false;
    removed.push({ line: unit.text, rule });
  };
  const kept = (): Unit[] => units.filter((u) => u.kept);

  // Whole-line rules first, so that a byline above the headline does not hide it.
  for (const unit of units) {
    if (isPunctuationOnly(unit.text)) {
      remove(unit, 'punctuation-only');
      continue;
    }
    const line = new GateInput(unit.text);
    for (const kind of LINE_KINDS) {
      const hit = firstMatch(rules.rules[kind], line, false);
      if (!hit) continue;
      collectHints(state, hit.rule, hit.match, rules);
      remove(unit, hit.rule.name);
      break;
    }
  }

  const title = findTitle(units, rules);
  if (title) {
    remove(title, 'title');
    const key = unitKey(title);
    for (const unit of kept()) if (unitKey(unit) === key) remove(unit, 'title-repeat');
  }

  for (const unit of kept()) stripPrefix(unit, rules.rules.headingPrefix, removed, state, rules);
  const lead = kept()[0];
  if (lead) stripPrefix(lead, rules.rules.dateline, removed, state, rules);

  removeHeadings(kept(), rules, remove, removed);

  const seen = new Set<string>();
  for (const unit of kept()) {
    const key = unitKey(unit);
    if (seen.has(key)) remove(unit, 'duplicate-paragraph');
    else seen.add(key);
  }

  const hints: TextHints = {};
  if (title) hints.title = title.text;
  const source = state.source ?? state.wire;
  if (source) hints.source = source;
  if (state.published) hints.published = state.published;
  return { paragraphs: kept().map((u) => u.text), hints, removed };
}

/** The first kept unit, when it is short, headline-shaped and stands apart from what follows. */
function findTitle(units: Unit[], rules: CleanRules): Unit | undefined {
  const index = units.findIndex((u) => u.kept);
  const first = units[index];
  if (!first || !isTitleLine(first.text, rules)) return undefined;
  const next = units.slice(index + 1).find((u) => u.kept);
  if (!next) return undefined;
  return first.blankAfter || next.text.length > first.text.length ? first : undefined;
}

/** Section headings on their own line, then headings glued to the end of a paragraph. */
function removeHeadings(
  units: Unit[],
  rules: CleanRules,
  remove: (unit: Unit, rule: string) => void,
  removed: CleanedText['removed'],
): void {
  let previous: Unit | undefined;
  units.forEach((unit, k) => {
    const inMiddle = previous !== undefined && k < units.length - 1;
    // A paragraph before it that ends mid-sentence means this is a wrapped fragment, not a heading.
    if (inMiddle && endsSentence(previous!.text) && isSectionHeading(unit.text, rules)) remove(unit, 'section-heading');
    else previous = unit;
  });
  const rest = units.filter((u) => u.kept);
  rest.forEach((unit, k) => {
    if (k === rest.length - 1) return;
    const split = splitInlineHeading(unit.text, rules);
    if (!split) return;
    unit.text = split.body;
    removed.push({ line: split.heading, rule: 'inline-heading' });
  });
}

/** Removes a prefix (dateline, glued heading) matched by the first matching rule; drops the unit if nothing is left. */
function stripPrefix(unit: Unit, list: readonly CleanRule[], removed: CleanedText['removed'], state: HintState, rules: CleanRules): void {
  const hit = firstMatch(list, new GateInput(unit.text), true);
  if (!hit) return;
  collectHints(state, hit.rule, hit.match, rules);
  removed.push({ line: hit.match[0].trim(), rule: hit.rule.name });
  unit.text = unit.text.slice(hit.match[0].length).trimStart();
  if (unit.text === '') unit.kept = false;
}

/**
 * The first rule that matches. Whole-line rules skip lines over the rule's length cap; prefix rules
 * see only the first `maxLength` characters. Either way no pattern ever scans a huge line. A rule
 * whose gate the line fails cannot match, so its regex is not run.
 */
function firstMatch(list: readonly CleanRule[], line: GateInput, prefix: boolean): { rule: CleanRule; match: RegExpExecArray } | undefined {
  const { text } = line;
  for (const rule of list) {
    if ((!prefix && text.length > rule.maxLength) || !mayMatch(rule.gate, line)) continue;
    rule.regex.lastIndex = 0;
    const match = rule.regex.exec(prefix ? text.slice(0, rule.maxLength) : text);
    if (match) return { rule, match };
  }
  return undefined;
}
