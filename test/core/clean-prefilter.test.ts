import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadTextRules } from '../../src/config/text-rules.ts';
import { RULE_KINDS, type CleanRule } from '../../src/core/text/clean-rules.ts';
import { foldCase, GateInput, mayMatch, ruleGate } from '../../src/core/text/clean-prefilter.ts';
import { cleanText } from '../../src/core/text/clean.ts';

const configDir = fileURLToPath(new URL('../../config', import.meta.url));
const rules = loadTextRules(configDir).clean;
const allRules: CleanRule[] = RULE_KINDS.flatMap((kind) => [...rules.rules[kind]]);
const prefixKinds = new Set(['dateline', 'headingPrefix']);

/** What firstMatch runs for a rule, gate aside. */
function regexMatches(rule: CleanRule, line: string): boolean {
  rule.regex.lastIndex = 0;
  return rule.regex.test(prefixKinds.has(rule.kind) ? line.slice(0, rule.maxLength) : line);
}

// Boilerplate as outlets write it: the quoted examples in the config's comments, and a few more.
const spec = JSON.parse(readFileSync(`${configDir}/boilerplate.json`, 'utf8')) as { rules: Record<string, { comment?: string }[]> };
const commented = Object.values(spec.rules).flatMap((list) => list.flatMap((r) => [...(r.comment ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!)));
const examples = [
  ...commented,
  'Click here to read the full report', 'For the full interview, click here.', 'Follow us on Twitter', 'Join our WhatsApp channel for updates',
  'Subscribe to our newsletter', 'Please subscribe to the podcast', 'Advertisement', 'Share this', '© 2021 Example Media. All rights reserved.',
  'Copyright 2021 Reuters', 'Photo: Reuters', 'Representational image', 'Tags: Taliban, Kabul', 'Download the Example app',
  'Story continues below advertisement', 'Only the headline of this report may have been reworked', 'Also read: Ghazni falls',
  'Related stories', 'Get the latest news on the war', '(With inputs from PTI)', '(Reporting by Jane Doe; Editing by John Roe)',
  'Reporting by Jane Doe', 'By Jane Doe and Ali Khan | Reuters', 'Updated: Aug 12, 2021 17:40 IST', 'Posted on: 12 August 2021',
  'An hour ago', '5 mins ago', '2021-08-12 17:40', 'Kabul: The Taliban took Ghazni.', '• Inching closer • The Taliban',
];

// Changes that keep many lines matching while moving what the gates look at: case, the two
// characters outside ASCII that case-fold onto ASCII letters, and text before or after.
const mutations: Record<string, (s: string) => string> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  longS: (s) => s.replace(/s/g, 'ſ'),
  kelvin: (s) => s.replace(/k/gi, '\u212a'),
  please: (s) => `Please ${s}`,
  quoted: (s) => `“${s}”`,
  spaced: (s) => ` ${s}`,
  tail: (s) => `${s} click here`,
  rights: (s) => `${s} all rights reserved`,
  cut: (s) => s.slice(0, Math.ceil(s.length / 2)),
};
const line = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.constantFrom(...Object.keys(mutations)), { maxLength: 3 }))
  .map(([example, names]) => names.reduce((s, name) => mutations[name]!(s), example));

test('prefilter: every config rule has a gate, and the gates are not vacuous', () => {
  const ungated = allRules.filter((r) => r.gate === undefined).map((r) => r.name);
  assert.deepEqual(ungated, [], 'a rule lost its gate: the cleaner runs its regex on every line');
  const matched = new Set(allRules.filter((r) => examples.some((e) => regexMatches(r, e))).map((r) => r.name));
  assert.ok(matched.size >= 20, `the examples match only ${[...matched].join(', ')}`);
});

test('prefilter: no line a rule matches fails its gate', () => {
  fc.assert(
    fc.property(line, (text) => {
      const input = new GateInput(text);
      for (const rule of allRules) {
        if (regexMatches(rule, text)) assert.ok(mayMatch(rule.gate, input), `${rule.name} gates out ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test('prefilter: a line that only matches after case folding is still removed', () => {
  const lead = 'The Taliban captured the city of Ghazni on Thursday after heavy fighting.';
  for (const [boiler, rule] of [
    ['Please ſubſcribe to our newsletter', 'subscribe'],
    ['For the full interview, CLIC\u212a HERE.', 'click-here'],
    ['ſhare', 'share-prompt'],
  ] as const) {
    const out = cleanText(`${lead}\n\n${boiler}`, rules);
    assert.deepEqual(out.removed, [{ line: boiler, rule }], boiler);
  }
});

test('prefilter: what a gate requires, pattern by pattern', () => {
  const passes = (source: string, flags: string, text: string) => mayMatch(ruleGate(source, flags), new GateInput(text));
  assert.equal(ruleGate('^a*', 'u'), undefined, 'can match the empty line: no gate');
  assert.equal(ruleGate('^.+$', 'u'), undefined, 'any first character and no literal: no gate');
  assert.equal(passes('(?:^a|b)cd', 'u', 'xbcd'), true, '^ inside a group anchors nothing');
  assert.equal(passes('(?:^a|b)cd', 'u', 'xbce'), false, 'the literal is still required');
  assert.equal(passes('^abc', 'mu', 'x\nabc'), true, 'with m, ^ matches after a line break');
  assert.equal(passes('^abc', 'u', 'xabc'), false);
  assert.equal(passes('abc', 'uy', 'xabc'), false, 'sticky rules match at the start only');
  assert.equal(passes('^[\\u{1F600}]x', 'u', '\u{1F600}x'), true, 'a first character outside the BMP');
  assert.equal(passes('^\\p{Lu}x', 'u', 'Éx'), true);
  assert.equal(passes('^\\p{Lu}x', 'u', 'éx'), false);
  assert.equal(passes('^by\\b', 'u', 'By'), false, 'case-sensitive');
  assert.equal(passes('^by|ago$', 'iu', 'three days AGO'), true, 'either alternative');
  assert.equal(passes('^(?!x)\\d', 'u', '7'), true, 'lookarounds consume nothing');
  assert.equal(passes('xς', 'iu', 'xσ'), true, 'outside ASCII, case folding is not lower-casing: no such literal');
});

test('prefilter: folding maps every character that matches an ASCII one under the iu flags onto it', () => {
  const ascii = /^[\x00-\x7f]$/iu;
  const singles = Array.from({ length: 0x80 }, (_, c) => new RegExp(`^[\\x${c.toString(16).padStart(2, '0')}]$`, 'iu'));
  for (let c = 0x80; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const char = String.fromCodePoint(c);
    if (!ascii.test(char)) continue;
    const a = singles.findIndex((re) => re.test(char));
    assert.equal(foldCase(char), String.fromCharCode(a).toLowerCase(), `U+${c.toString(16)}`);
  }
});
