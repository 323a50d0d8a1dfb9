import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTextRules } from '../../src/config/text-rules.ts';
import { compileCleanRules } from '../../src/core/text/clean-rules.ts';
import { cleanText } from '../../src/core/text/clean.ts';

const configDir = fileURLToPath(new URL('../../config', import.meta.url));
const rules = loadTextRules(configDir).clean;
const article = (name: string) => readFileSync(fileURLToPath(new URL(`../../articles/${name}`, import.meta.url)), 'utf8');
const clean = (body: string) => cleanText(body, rules);
const lead = 'The Taliban captured the city of Ghazni on Thursday after heavy fighting.';
const tail = 'Officials said thousands of families had fled the provinces in recent weeks.';
const between = (line: string) => `${lead}\n\n${line}\n\n${tail}`;

test('clean: edge cases', () => {
  const cases: [string, string, string[]][] = [
    ['empty input', '', []],
    ['only whitespace', '  \n\n \t\n', []],
    ['one sentence', 'The Taliban took Ghazni.', ['The Taliban took Ghazni.']],
    ['one short line is not a title when nothing follows', 'Taliban Take Ghazni', ['Taliban Take Ghazni']],
    ['CRLF line endings', `${lead}\r\n\r\n${tail}`, [lead, tail]],
    ['lines of punctuation only', `${lead}\n.\n***\n— •\n${tail}`, [lead, tail]],
    ['hard-wrapped lines are joined', 'The Taliban captured the city of\nGhazni on Thursday, officials\nsaid.', ['The Taliban captured the city of Ghazni on Thursday, officials said.']],
  ];
  for (const [name, body, paragraphs] of cases) {
    const out = clean(body);
    assert.deepEqual(out.paragraphs, paragraphs, name);
  }
  assert.deepEqual(clean(''), { paragraphs: [], hints: {}, removed: [] });
});

test('clean: whole-line boilerplate is removed with the rule name', () => {
  const cases: [string, string][] = [
    ['Read | Afghan cities taken over or contested by Taliban', 'read-link'],
    ['Also read: Ghazni falls to the Taliban', 'read-link'],
    ['READ MORE - Kabul prepares for siege', 'read-link'],
    ['RELATED NEWS Taliban Complete Northeast Afghan Blitz as More Cities Fall; Kandahar Jail Overrun', 'related-links'],
    ['Related stories', 'related-links'],
    ['Read all the Latest News, Breaking News and Coronavirus News here', 'latest-news-promo'],
    ['Get the latest news on the Afghan crisis from our live blog', 'latest-news-promo'],
    ['Click here to read the full report', 'click-here'],
    ['For the full interview, click here.', 'click-here'],
    ['Follow us on Twitter and Facebook', 'follow-us'],
    ['Join our WhatsApp channel for updates', 'follow-us'],
    ['Subscribe to our newsletter', 'subscribe'],
    ['Subscribe', 'subscribe'],
    ['Advertisement', 'advertisement'],
    ['Story continues below advertisement', 'advertisement'],
    ['© 2021 Example Media. All rights reserved.', 'copyright'],
    ['(Only the headline of this report may have been reworked by the staff; the rest of the content is auto-generated from a syndicated feed.)', 'syndication-note'],
    ['Photo: Reuters', 'photo-caption-credit'],
    ['By John Smith', 'byline-by'],
    ['By Jane Doe and Ali Khan | Reuters', 'byline-by'],
    ['Updated: Aug 12, 2021 17:40 IST', 'date-stamp'],
    ['Thu 12th August 2021 | 05:40 PM', 'date-stamp'],
  ];
  for (const [line, rule] of cases) {
    const out = clean(between(line));
    assert.deepEqual(out.paragraphs, [lead, tail], line);
    assert.deepEqual(out.removed, [{ line, rule }], line);
  }
});

test('clean: sentences that merely look like boilerplate stay', () => {
  const lines = [
    'By the time the city fell, the governor had fled.',
    'By Thursday, the Taliban had taken ten provincial capitals.',
    'Readers in Kabul said the city was calm.',
    'Related talks in Doha made no progress, diplomats said.',
    'With the army in retreat, the Taliban pressed on.',
  ];
  for (const line of lines) assert.deepEqual(clean(between(line)).paragraphs, [lead, line, tail], line);
});

test('clean: wire credits are removed and the agency becomes the source hint', () => {
  const cases: [string, string | undefined][] = [
    ['(With Reuters inputs)', 'Reuters'],
    ['WITH ANI INPUTS', 'ANI'],
    ['(AFP)', 'AFP'],
    ['— Reuters', 'Reuters'],
    ['(With inputs from PTI)', 'PTI'],
    ['With inputs from PTI, Reuters', 'PTI'],
    ['With inputs from agencies', undefined],
    ['(With agency inputs)', undefined],
    ['(Reporting by Jane Doe in Kabul; Editing by John Roe)', 'Reuters'],
  ];
  for (const [line, source] of cases) {
    const out = clean(`${lead}\n\n${tail}\n\n${line}`);
    assert.deepEqual(out.paragraphs, [lead, tail], line);
    assert.equal(out.removed.length, 1, line);
    assert.equal(out.hints.source, source, line);
  }
});

test('clean: title, byline and a repeated title', () => {
  const body = `Taliban Seize Ghazni City\n\nJane Doe 3 hours ago Thu 12th August 2021 | 05:40 PM\n\ntaliban seize ghazni  city\n\n${lead}\n\n${tail}`;
  const out = clean(body);
  assert.deepEqual(out.paragraphs, [lead, tail]);
  assert.deepEqual(out.hints, { title: 'Taliban Seize Ghazni City', published: '2021-08-12' });
  assert.deepEqual(out.removed.map((r) => r.rule).sort(), ['byline-relative-time', 'title', 'title-repeat']);
});

test('clean: what is not a title', () => {
  const cases: [string, string][] = [
    ['first line ends with a period', `The Taliban took Ghazni.\n\n${lead}`],
    ['first line is long', `${lead}\n\n${tail}`],
    ['first line starts in lower case', `taliban take ghazni\n\n${lead}`],
    ['first line is longer than what follows on the next line', `Taliban Take Ghazni After Days Of Fighting\nThey left.`],
  ];
  for (const [name, body] of cases) assert.equal(clean(body).hints.title, undefined, name);
});

test('clean: datelines are stripped from the first paragraph only', () => {
  const cases: [string, string, { source?: string; published?: string }][] = [
    ['Kabul: The Taliban have captured Ghazni.', 'The Taliban have captured Ghazni.', {}],
    [
      'Kabul, (UrduPoint / Pakistan Point News - 12th Aug, 2021 ) :The Taliban seized the city of Ghazni Thursday.',
      'The Taliban seized the city of Ghazni Thursday.',
      { source: 'UrduPoint / Pakistan Point News', published: '2021-08-12' },
    ],
    ['KABUL, Aug 12 (Reuters) - The Taliban took Ghazni.', 'The Taliban took Ghazni.', { source: 'Reuters' }],
    ['WASHINGTON (AP) — The Pentagon said on Thursday it was watching.', 'The Pentagon said on Thursday it was watching.', { source: 'AP' }],
    ['ANKARA, Turkey (AP) - Turkey asked Italy to return him.', 'Turkey asked Italy to return him.', { source: 'AP' }],
    ['INNSBRUCK, Austria (AP) -- Rescuers searched the slopes.', 'Rescuers searched the slopes.', { source: 'AP' }],
    ['NEW DELHI: India said it was watching closely.', 'India said it was watching closely.', {}],
    ['US-led forces began leaving in May.', 'US-led forces began leaving in May.', {}],
    ['As Taliban insurgents captured Ghazni, talks began.', 'As Taliban insurgents captured Ghazni, talks began.', {}],
  ];
  for (const [first, kept, hints] of cases) {
    const out = clean(`${first}\n\nKabul: officials said the second paragraph keeps its prefix.`);
    assert.deepEqual(out.paragraphs, [kept, 'Kabul: officials said the second paragraph keeps its prefix.'], first);
    assert.deepEqual(out.hints, hints, first);
  }
});

test('clean: a dateline or byline outlet beats a wire credit', () => {
  const out = clean(`Kabul, (Pakistan Point News - 12th Aug, 2021 ) : ${lead}\n\n(AFP)`);
  assert.equal(out.hints.source, 'Pakistan Point News');
  assert.equal(clean(`${lead}\n\n(AFP)`).hints.source, 'AFP');
});

test('clean: section headings in the middle of an article', () => {
  const headings = ['RAPID GAINS', 'Cities fall in quick succession', 'New power-sharing terms?', '- Inching closer -', '— What comes next —'];
  for (const heading of headings) {
    const out = clean(between(heading));
    assert.deepEqual(out.paragraphs, [lead, tail], heading);
    assert.equal(out.removed.length, 1, heading);
  }
  const notHeadings: [string, string][] = [
    ['a short sentence with a period', between('He left.')],
    ['a short quote', between('"We will fight."')],
    ['a short line ending on a function word', between('Fighting continued in the city and')],
    ['a short line after a paragraph that ends mid-sentence', `${lead}\n\nThe governor fled towards the\n\nKabul Airport Road\n\n${tail}`],
  ];
  for (const [name, body] of notHeadings) assert.equal(clean(body).removed.length, 0, name);
  // A short last line is not "in the middle".
  assert.deepEqual(clean(`${lead}\n\nMore to follow`).paragraphs, [lead, 'More to follow']);
});

test('clean: a heading glued before a paragraph goes, the sentence stays', () => {
  const out = clean(`${lead}\n\n- Inching closer - In less than a week the insurgents have taken 10 provincial capitals.\n\n${tail}`);
  assert.deepEqual(out.paragraphs, [lead, 'In less than a week the insurgents have taken 10 provincial capitals.', tail]);
  assert.deepEqual(out.removed, [{ line: '- Inching closer -', rule: 'dash-heading' }]);
  const list = `${lead}\n\n- Kabul - the capital - is calm.`;
  assert.deepEqual(clean(list).paragraphs, [lead, '- Kabul - the capital - is calm.']);
});

test('clean: a heading glued after the last sentence of a paragraph', () => {
  const glued = 'It provides the militants with a route to the capital from their strongholds in the south. Taliban take key headquarters';
  const out = clean(`${glued}\nIn Ghazni, the militants seized key government offices.`);
  assert.deepEqual(out.paragraphs, [
    'It provides the militants with a route to the capital from their strongholds in the south.',
    'In Ghazni, the militants seized key government offices.',
  ]);
  assert.deepEqual(out.removed, [{ line: 'Taliban take key headquarters', rule: 'inline-heading' }]);
  const kept: [string, string][] = [
    ['the last paragraph', `${lead}\n\n${glued}`],
    ['a fragment of seven words', `${lead} Then the Taliban took the whole city quickly\n\n${tail}`],
    ['after an honorific', `${lead}\n\nThe deal was signed by Mr. Smith\n\n${tail}`],
  ];
  for (const [name, body] of kept) assert.equal(clean(body).removed.length, 0, name);
});

test('clean: repeated paragraphs are removed, whatever their case and spacing', () => {
  const out = clean(`${lead}\n\n${tail}\n\n${lead.toUpperCase()}\n\n${tail.replace(/ /g, '  ')}`);
  assert.deepEqual(out.paragraphs, [lead, tail]);
  assert.deepEqual(out.removed.map((r) => r.rule), ['duplicate-paragraph', 'duplicate-paragraph']);
});

test('clean: a paragraph that a stripped heading makes a repeat is removed too', () => {
  // The title check keys every paragraph first; the key must follow the text the heading left.
  const out = clean(`Taliban Seize Ghazni City\n\n- Inching closer - ${lead}\n\n${lead}\n\n${tail}`);
  assert.deepEqual(out.paragraphs, [lead, tail]);
  assert.deepEqual(out.removed.map((r) => r.rule), ['title', 'dash-heading', 'duplicate-paragraph']);
});

test('clean: rules with catastrophic backtracking are rejected, naming the rule', () => {
  const evil = ['(a+)+$', '(a|a)*b', '(.*)*x', '^(\\w+\\s?)+$', '(?:\\d+\\d)+', '([a-z]+\\d?)*!', '(?:[^"]|\\\\.)*"', '(a?){2,}'];
  for (const pattern of evil) {
    assert.throws(
      () => compileCleanRules({ rules: { drop: [{ name: 'evil-rule', pattern }] } }),
      (err: Error) => /rule "evil-rule"/.test(err.message) && /catastrophic backtracking/.test(err.message),
      pattern,
    );
  }
  const safe = ['^(?:\\w+\\s)+$', '(a|b)*c', '^\\p{Lu}[\\p{L}.]*(?: \\p{Lu}[\\p{L}.]*){0,3}:', '.*foo.*', '^[-–—] ?[^-]{1,80} ?[-–—]'];
  for (const pattern of safe) assert.doesNotThrow(() => compileCleanRules({ rules: { drop: [{ name: 'safe-rule', pattern }] } }), pattern);
});

test('clean: malformed rule files are rejected with the place of the error', () => {
  const cases: [unknown, RegExp][] = [
    [null, /must be an object/],
    [{ rules: { drop: 'x' } }, /rules\.drop must be an array/],
    [{ rules: { nonsense: [] } }, /unknown kind "nonsense"/],
    [{ rules: { drop: [{ name: 'Bad Name', pattern: 'x' }] } }, /rules\.drop\[0\]\.name/],
    [{ rules: { drop: [{ name: 'no-pattern' }] } }, /rule "no-pattern".*pattern must be/],
    [{ rules: { drop: [{ name: 'bad-regex', pattern: '(' }] } }, /rule "bad-regex".*invalid pattern/],
    [{ rules: { drop: [{ name: 'bad-flags', pattern: 'x', flags: 'g' }] } }, /rule "bad-flags".*flags/],
    [{ rules: { drop: [{ name: 'twice', pattern: 'x' }, { name: 'twice', pattern: 'y' }] } }, /rule "twice".*duplicate/],
    [{ rules: { drop: [{ name: 'typo', pattern: 'x', patern: 'y' }] } }, /rule "typo".*unknown key "patern"/],
    [{ maxLineLength: -1, rules: {} }, /maxLineLength must be a positive integer/],
  ];
  for (const [spec, message] of cases) assert.throws(() => compileCleanRules(spec), message);
});

test('clean: a 5 MB single line is cleaned in bounded time', { timeout: 30_000 }, () => {
  const bodies = [
    'a'.repeat(5_000_000),
    `Read all the Latest ${'News, '.repeat(800_000)}here`,
    `Kabul ${'Aa '.repeat(1_700_000)}`,
    `- ${'Inching closer '.repeat(330_000)}`,
    `${'The Taliban advanced. '.repeat(230_000)}Heading At The End`,
  ];
  for (const body of bodies) {
    const out = clean(body);
    assert.equal(out.paragraphs.length, 1);
    assert.ok(out.paragraphs[0]!.length > 4_000_000);
  }
  // Just under the cap, the real rules meet text built to tempt their quantifiers.
  const near = `${'Abc Def-'.repeat(45)} 6 minutes`;
  assert.equal(clean(near).paragraphs.length, 1);
});

test('clean: article 000 (Reuters via an Indian outlet)', () => {
  const out = clean(article('000_daf80ed14b82efc8.txt'));
  assert.equal(out.hints.source, 'Reuters');
  assert.equal(out.hints.title, undefined);
  assertNoBoilerplate(out.paragraphs);
  assert.ok(out.paragraphs.includes('The Taliban said they had captured Kandahar’s provincial prison.'));
  assert.equal(out.paragraphs[0]!.slice(0, 40), 'As Taliban insurgents captured the city ');
  assert.equal(out.paragraphs.length, 15);
});

test('clean: article 001 (DW, line-separated paragraphs, inline headings)', () => {
  const out = clean(article('001_22de3a7143e72ed7.txt'));
  assertNoBoilerplate(out.paragraphs);
  assert.ok(out.paragraphs[0]!.startsWith('The Taliban have captured the strategic Afghan city of Ghazni'));
  assert.ok(out.paragraphs.includes('The city is the tenth provincial capital to fall to the insurgents in the past week. It provides the militants with a route to the capital from their strongholds in the south.'));
  assert.ok(out.paragraphs.includes('Afghan government negotiators in Qatar are reported to have offered the Taliban a power-sharing deal.'));
  assert.equal(out.paragraphs.length, 18);
});

test('clean: article 002 (HTML converted by the loader, every paragraph twice)', () => {
  const first = 'Afghan government negotiators in Qatar have offered the Taliban a power-sharing deal in return for an end to fighting in the country, a government negotiating source told AFP on Thursday.';
  const second = '"Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to share power in return for a halt in violence in the country," the source said.';
  const once = `${first}\n\n.\n\nRead | Afghan cities taken over or contested by Taliban\n\n.\n\n${second}`;
  const out = clean(`${once}\n\n.\n\n${once}`);
  assert.deepEqual(out.paragraphs, [first, second]);
  assert.deepEqual(new Set(out.removed.map((r) => r.rule)), new Set(['punctuation-only', 'read-link', 'duplicate-paragraph']));
});

test('clean: article 003 (ANI credit, no blank lines)', () => {
  const out = clean(article('003_4c2413a37a2a131d.txt'));
  assert.equal(out.hints.source, 'ANI');
  assertNoBoilerplate(out.paragraphs);
  assert.equal(out.paragraphs.length, 11);
  assert.ok(out.paragraphs.at(-1)!.endsWith('Afghan National Army Commando.'));
});

test('clean: article 004 (UrduPoint, title, byline, dateline, AFP subheads)', () => {
  const out = clean(article('004_783f40194c0b156c.txt'));
  assert.deepEqual(out.hints, {
    title: 'Taliban Move Closer To Afghan Capital After Taking Ghazni City',
    source: 'UrduPoint / Pakistan Point News',
    published: '2021-08-12',
  });
  assertNoBoilerplate(out.paragraphs);
  assert.ok(out.paragraphs[0]!.startsWith('The Taliban seized the strategic Afghan city of Ghazni Thursday'));
  assert.ok(out.paragraphs.includes('In less than a week the insurgents have taken 10 provincial capitals and encircled the biggest city in the north, the traditional anti-Taliban bastion of Mazar-i-Sharif.'));
  assert.ok(!out.paragraphs.some((p) => /taliban move closer to afghan capital/i.test(p)));
  assert.equal(out.paragraphs.length, 17);
});

function assertNoBoilerplate(paragraphs: string[]): void {
  const junk = ['RELATED NEWS', 'Read all the Latest', 'With Reuters inputs', 'WITH ANI INPUTS', '6 minutes ago', 'RAPID GAINS',
    'Taliban take key headquarters', 'Cities fall in quick succession', 'New power-sharing terms?', '- Inching closer -',
    'Kabul:', 'UrduPoint', 'Faizan Hashmi'];
  for (const p of paragraphs) for (const j of junk) assert.ok(!p.includes(j), `"${j}" left in: ${p.slice(0, 80)}`);
}
