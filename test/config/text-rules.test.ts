import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTextRules, TEXT_RULE_FILES } from '../../src/config/text-rules.ts';

const configDir = fileURLToPath(new URL('../../config', import.meta.url));

/** A scratch copy of the real config folder with one file replaced (or removed when `text` is null). */
function withConfig(file: string, text: string | null, check: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'text-rules-'));
  try {
    for (const name of Object.values(TEXT_RULE_FILES)) copyFileSync(join(configDir, name), join(dir, name));
    if (text === null) unlinkSync(join(dir, file));
    else writeFileSync(join(dir, file), text);
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('text rules: the shipped config loads', () => {
  const rules = loadTextRules(configDir);
  assert.ok(rules.abbreviations.has('sept') && rules.abbreviations.has('u.s'));
  assert.ok(rules.stopwords.has('the') && !rules.stopwords.has('us'));
  assert.ok(rules.clean.rules.drop.length > 5);
  assert.equal(rules.clean.maxLineLength, 400);
});

test('text rules: a bad file is named with what is wrong', () => {
  const cases: [string, string | null, RegExp][] = [
    ['boilerplate.json', null, /boilerplate\.json: cannot read: ENOENT/],
    ['boilerplate.json', '{ "rules": ', /boilerplate\.json: invalid JSON/],
    ['boilerplate.json', '{ "rules": { "drop": [{ "name": "greedy", "pattern": "(\\\\s*\\\\w+)*$" }] } }', /boilerplate\.json: rule "greedy".*catastrophic/],
    ['abbreviations.txt', '# titles\nmr\nDr\n', /abbreviations\.txt: line 3: "Dr" is not lowercase/],
    ['abbreviations.txt', 'mr.\n', /abbreviations\.txt: line 1: "mr\." ends with a dot/],
    ['stopwords.txt', 'the\nof the\n', /stopwords\.txt: line 2: "of the" contains whitespace/],
    ['stopwords.txt', null, /stopwords\.txt: cannot read/],
  ];
  for (const [file, text, message] of cases) {
    withConfig(file, text, (dir) => assert.throws(() => loadTextRules(dir), message, `${file}: ${message}`));
  }
});
