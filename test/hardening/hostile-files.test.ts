import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runs } from '../helpers/fuzz.ts';
import { loadArticleFile, loadArticles } from '../../src/core/load/load-articles.ts';
import { limitNesting } from '../../src/core/load/limit-nesting.ts';
import { corpusFrom } from '../../src/core/index/corpus.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';

const NOW = '2026-11-21T00:00:00.000Z';
const EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.json', '.bin', ''];

test('fuzz: any bytes under any extension load or are skipped with a reason; the loader never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom(...EXTENSIONS), (bytes, ext) => {
      const result = loadArticleFile(`f${ext}`, bytes, NOW);
      assert.ok(result.report.length >= 1);
      for (const entry of result.report) {
        assert.ok(entry.file.startsWith(`f${ext}`));
        if (entry.outcome !== 'loaded') assert.ok(entry.reason && entry.reason.length > 3, JSON.stringify(entry));
      }
      corpusFrom(realEngine(), result);
    }),
    { numRuns: runs(400) },
  );
});

const TAGS = ['<div>', '</div>', '<p>', '<b>', '</i>', '<style>p{}</style>', '<a href="javascript:x">', '&amp;', '&#0;', '&#x110000;', '>', '"'];
const SCRIPT = '<script>alert(1)</script>';
const TEXT = fc.constantFrom('Ghazni fell to the Taliban on Thursday.', ' The governor fled. ');
// `<!`, `<?` and a lone `<` open comments and processing instructions that swallow what follows,
// in browsers too, so a script tag after one is text, not a script.
const OPENERS = ['<!--', '-->', '<![CDATA[', '<?', '<'];
const htmlish = (withOpeners: boolean) =>
  fc.array(
    fc.oneof(
      fc.constantFrom(...TAGS, SCRIPT, ...(withOpeners ? OPENERS : [])),
      withOpeners ? fc.string({ maxLength: 20 }) : fc.string({ maxLength: 20 }).map((t) => t.replace(/</g, ' ')),
      TEXT,
    ),
    { maxLength: 200 },
  );

test('fuzz: broken HTML (unclosed, nested, comments, bad entities) never throws and never leaves a tag', () => {
  fc.assert(
    fc.property(htmlish(true), (parts) => {
      const result = loadArticleFile('page.html', Buffer.from(parts.join('')), NOW);
      for (const article of result.articles) assert.doesNotMatch(article.body, /<\/?(div|p|b|script|style)\b[^>]*>/i);
    }),
    { numRuns: runs(300) },
  );
});

test('fuzz: the text of a script or style element never reaches an article', () => {
  fc.assert(
    fc.property(htmlish(false), (parts) => {
      const result = loadArticleFile('page.html', Buffer.from(parts.join('')), NOW);
      for (const article of result.articles) assert.doesNotMatch(article.body, /alert\(1\)|p\{\}/);
    }),
    { numRuns: runs(300) },
  );
});

test('hostile sizes: deep nesting, unclosed tags, a 5 MB line and a million tiny sentences load; a 50 MB file is skipped by name', { timeout: 120_000 }, async () => {
  const deep = `<html><body>${'<div>'.repeat(100_000)}Ghazni fell to the Taliban on Thursday.${'</span>'.repeat(1000)}</body></html>`;
  const unclosed = `<p>Kandahar <b>fell <i>today.</i> ${'<p><b>x'.repeat(100_000)}`;
  const { dir, cleanup } = tempArticles({
    'deep.html': deep,
    'unclosed.html': unclosed,
    'line.txt': `Herat ${'word '.repeat(1_000_000)}`,
    'tiny.txt': 'Go. '.repeat(1_000_000),
    'ok.txt': 'The Taliban took the city of Ghazni on Thursday after two days of fighting.\n',
  });
  try {
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
    const loaded = await loadArticles(dir, { maxBytes: 6 * 1024 * 1024 });
    const outcome = Object.fromEntries(loaded.report.map((r) => [r.file, r.outcome === 'loaded' ? 'loaded' : r.reason]));
    assert.equal(outcome['deep.html'], 'loaded');
    assert.equal(outcome['unclosed.html'], 'loaded');
    assert.equal(outcome['line.txt'], 'loaded');
    assert.equal(outcome['tiny.txt'], 'loaded');
    assert.match(String(outcome['huge.txt']), /too large|MAX_ARTICLE_BYTES|bytes/i);
    const corpus = corpusFrom(realEngine(), loaded);
    const ghazni = digestTopic(corpus, 'ghazni');
    assert.ok(ghazni.articles.some((a) => a.file === 'deep.html'), 'text 100,000 tags deep is still read');
  } finally {
    cleanup();
  }
});

test('limitNesting drops only the opening tags past the depth and keeps every word', () => {
  assert.equal(limitNesting('<div><div><div>a</div></div></div>', 5), '<div><div><div>a</div></div></div>');
  assert.equal(limitNesting('<b><i><u>a</u></i></b>', 2), '<b><i> a</u></i></b>');
  assert.equal(limitNesting('<p>a<p>b<br><img src=x><p>c', 1), '<p>a<p>b<br><img src=x><p>c', 'p, br and img do not deepen the tree');
});
