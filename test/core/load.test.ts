import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { simpleFrontMatter } from '../../src/core/load/front-matter.ts';
import { markdownToText } from '../../src/core/load/markdown-to-text.ts';
import { parseDate } from '../../src/core/load/parse-date.ts';
import { loadArticleFile, loadArticles } from '../../src/core/load/load-articles.ts';
import type { LoadResult, RawArticle } from '../../src/core/types.ts';

const ARTICLES = fileURLToPath(new URL('../../articles/', import.meta.url));
const MAX = 100_000;

/** Writes `files` into a fresh temp folder, loads it, and removes the folder again. */
async function loadFolder(files: Record<string, string | Uint8Array>, maxBytes = MAX): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'load-test-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    return await loadArticles(dir, { maxBytes });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads a single file and returns its only article. */
async function loadOne(name: string, content: string | Uint8Array): Promise<RawArticle> {
  const { articles, report } = await loadFolder({ [name]: content });
  assert.equal(articles.length, 1, JSON.stringify(report));
  return articles[0] as RawArticle;
}

const pick = (a: RawArticle): Partial<RawArticle> => {
  const { mtime, bytes, hash, ...rest } = a;
  return rest;
};

describe('loadArticles: folder edge cases', () => {
  it('throws an error naming a missing folder', async () => {
    const missing = join(tmpdir(), 'no-such-articles-folder-4711');
    await assert.rejects(loadArticles(missing, { maxBytes: MAX }), (err: Error) => err.message.includes(missing));
  });

  it('loads an empty folder as nothing', async () => {
    assert.deepEqual(await loadFolder({}), { articles: [], report: [] });
  });

  it('walks nested folders in path order and ignores hidden files and folders', async () => {
    const { articles, report } = await loadFolder({
      'z.txt': 'Zed.',
      'a/b/c.txt': 'See.',
      'a/a.txt': 'Ay.',
      '.hidden.txt': 'Secret.',
      '.git/config.txt': 'Nope.',
      'a/.DS_Store': 'junk',
    });
    assert.deepEqual(report.map((e) => e.file), ['a/a.txt', 'a/b/c.txt', 'z.txt']);
    assert.deepEqual(articles.map((a) => a.file), ['a/a.txt', 'a/b/c.txt', 'z.txt']);
  });

  it('records bytes, hash and mtime of each file', async () => {
    const article = await loadOne('a.txt', 'Some text.');
    assert.equal(article.bytes, 10);
    assert.match(article.hash, /^[0-9a-f]{64}$/);
    assert.ok(!Number.isNaN(Date.parse(article.mtime)));
  });
});

describe('loadArticles: skipped files', () => {
  const cases: { name: string; files: Record<string, string | Uint8Array>; file: string; reason: string | RegExp; maxBytes?: number }[] = [
    { name: 'empty file', files: { 'e.txt': '' }, file: 'e.txt', reason: 'empty file' },
    { name: 'whitespace-only file', files: { 'w.md': ' \n\t\r\n ' }, file: 'w.md', reason: 'empty file' },
    { name: 'binary file (NUL bytes)', files: { 'b.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) }, file: 'b.txt', reason: 'binary file' },
    { name: 'binary file (control characters)', files: { 'c.txt': '\x01\x02\x03\x04 text \x05\x06\x07\x08' }, file: 'c.txt', reason: 'binary file' },
    { name: 'unsupported extension', files: { 'photo.xyz': 'hello' }, file: 'photo.xyz', reason: 'unsupported file type .xyz' },
    { name: 'no extension', files: { README: 'hello' }, file: 'README', reason: 'unsupported file type (no extension)' },
    { name: 'file over maxBytes', files: { 'big.txt': 'x'.repeat(2000) }, file: 'big.txt', maxBytes: 1000, reason: 'file is 2000 bytes, over the limit of 1000 bytes (MAX_ARTICLE_BYTES)' },
    { name: 'broken front matter', files: { 'f.md': '---\ntitle: a: b\n---\nBody.' }, file: 'f.md', reason: /^broken front matter: Nested mappings/ },
    { name: 'unclosed front matter', files: { 'u.md': '---\ntitle: x\nBody.' }, file: 'u.md', reason: /^broken front matter: no closing/ },
    { name: 'broken JSON', files: { 'j.json': '{"title": "x", ' }, file: 'j.json', reason: /^invalid JSON: / },
    { name: 'JSON without text', files: { 'n.json': '{"title": "x"}' }, file: 'n.json', reason: /^no text/ },
    { name: 'HTML with nothing but scripts', files: { 's.html': '<script>var a = 1;</script><nav>Home</nav>' }, file: 's.html', reason: 'no text left after removing markup' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { articles, report } = await loadFolder(c.files, c.maxBytes);
      assert.equal(articles.length, 0);
      assert.equal(report.length, 1);
      const entry = report[0];
      assert.equal(entry?.file, c.file);
      assert.equal(entry?.outcome, 'skipped');
      if (typeof c.reason === 'string') assert.equal(entry?.reason, c.reason);
      else assert.match(entry?.reason ?? '', c.reason);
    });
  }

  it('loads identical files once and names the first', async () => {
    const { articles, report } = await loadFolder({ 'a.txt': 'Same words.', 'b/copy.txt': 'Same words.', 'c.txt': 'Other words.' });
    assert.deepEqual(articles.map((a) => a.file), ['a.txt', 'c.txt']);
    assert.deepEqual(report[1], { file: 'b/copy.txt', outcome: 'duplicate', reason: 'same content as a.txt' });
  });

  it('gives a copy of a skipped file its own reason, not "duplicate"', async () => {
    const { report } = await loadFolder({ 'a.json': '[', 'b.json': '[' });
    assert.deepEqual(report.map((e) => e.outcome), ['skipped', 'skipped']);
  });

  it('loads the good files of a broken folder and names each bad one with its reason', async () => {
    const { articles, report } = await loadFolder({
      'good.txt': 'Good text.',
      'good.md': '---\ntitle: Fine\n---\nAlso good.',
      'bad.json': '[1, 2',
      'bad.md': '---\n: : :\n---\n',
      'empty.html': '',
      'nul.txt': new Uint8Array([65, 0, 66]),
      'image.png': new Uint8Array([1, 2, 3]),
    });
    assert.deepEqual(articles.map((a) => a.file), ['good.md', 'good.txt']);
    const bad = Object.fromEntries(report.filter((e) => e.outcome === 'skipped').map((e) => [e.file, e.reason]));
    assert.deepEqual(Object.keys(bad).sort(), ['bad.json', 'bad.md', 'empty.html', 'image.png', 'nul.txt']);
    assert.match(bad['bad.json'] ?? '', /^invalid JSON/);
    assert.match(bad['bad.md'] ?? '', /^broken front matter/);
    assert.equal(bad['empty.html'], 'empty file');
    assert.equal(bad['nul.txt'], 'binary file');
    assert.equal(bad['image.png'], 'unsupported file type .png');
  });
});

describe('loadArticles: decoding and normalisation', () => {
  it('decodes invalid UTF-8 as windows-1252, with a warning', async () => {
    const bytes = new Uint8Array([...Buffer.from('Caf', 'latin1'), 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x2e]);
    const { articles, report } = await loadFolder({ 'latin.txt': bytes });
    assert.equal(articles[0]?.body, 'Café “ok”.');
    assert.deepEqual(report[0]?.warnings, ['not valid UTF-8, read as windows-1252']);
  });

  // Windows-1252 bytes of text: latin-1 below 0x100, the typographic block 0x80-0x9F by hand.
  const HIGH: Record<string, number> = { '€': 0x80, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  const cp1252 = (text: string) => Buffer.from([...text].map((c) => HIGH[c] ?? c.charCodeAt(0)));

  it('loads genuine windows-1252 French and German text, with a warning', async () => {
    const files = {
      'fr.txt': cp1252('Un été à Ghazni. L’élève a dit « non » – c’est fini… Ça coûte 5 €.'),
      'de.txt': cp1252('Grüße aus Köln, sagte der Bürgermeister. „Fuß“ – ÄRGER.'),
      'short.txt': cp1252('Un été chaud.'),
    };
    const { articles, report } = await loadFolder(files);
    assert.deepEqual(articles.map((a) => a.body), [
      'Grüße aus Köln, sagte der Bürgermeister. „Fuß“ – ÄRGER.',
      'Un été à Ghazni. L’élève a dit « non » – c’est fini… Ça coûte 5 €.',
      'Un été chaud.',
    ]);
    for (const entry of report) assert.deepEqual([entry.outcome, entry.warnings], ['loaded', ['not valid UTF-8, read as windows-1252']], entry.file);
  });

  it('skips, naming the file, bytes that are garbage in UTF-8 and in windows-1252 alike', async () => {
    const text = (bytes: number[]) => Buffer.concat([Buffer.from('Taliban fighters entered Herat '), Buffer.from(bytes), Buffer.from(' on Friday.\n')]);
    const { articles, report } = await loadFolder({
      'garbage.txt': text([0xff, 0xfe, 0xc3, 0x28]),
      // Russian in windows-1251: "Привет мир", every letter a byte above 0x7F.
      'cyrillic.txt': text([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0]),
      // UTF-8 with one damaged byte: read as windows-1252 every other quote would become "â€™".
      'damaged.txt': Buffer.concat([Buffer.from('It’s a “test” of the naïve café’s menu. '), Buffer.from([0x92]), Buffer.from(' The end.')]),
      'undefined.txt': text([0x81, 0x8d]),
    });
    assert.deepEqual(articles, []);
    assert.deepEqual(
      report.map((e) => [e.file, e.outcome, e.reason]),
      ['cyrillic.txt', 'damaged.txt', 'garbage.txt', 'undefined.txt'].map((file) => [file, 'skipped', 'badly encoded: not valid UTF-8, and garbled when read as windows-1252']),
    );
  });

  const utf16 = 'Grüße aus Köln.\r\nZweiter Absatz.';
  const table: [string, Uint8Array][] = [
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(utf16, 'utf8')])],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, ...Buffer.from(utf16, 'utf16le')])],
    ['UTF-16 BE with BOM', new Uint8Array([0xfe, 0xff, ...Buffer.from(utf16, 'utf16le').swap16()])],
  ];
  for (const [name, bytes] of table) {
    it(`decodes ${name}`, async () => {
      assert.equal((await loadOne('u.txt', bytes)).body, 'Grüße aus Köln.\n\nZweiter Absatz.');
    });
  }

  it('removes zero-width and bidi characters and composes to NFC', async () => {
    const article = await loadOne('z.txt', 'Zero\u200Bwidth\u200C \u2066bidi\u2069 \u202Eno\u202C cafe\u0301\uFEFF');
    assert.equal(article.body, 'Zerowidth bidi no café');
  });

  it('collapses spaces, normalises line endings and keeps paragraphs', async () => {
    const article = await loadOne('s.txt', '  First\t\tline   here.\r\nSame paragraph.\r\n\r\n\r\n\rSecond\u00A0 paragraph. ');
    assert.equal(article.body, 'First line here.\nSame paragraph.\n\nSecond paragraph.');
  });

  it('takes each line as a paragraph when a text file has no blank lines', async () => {
    assert.equal((await loadOne('l.txt', 'One.\nTwo.\nThree.\n')).body, 'One.\n\nTwo.\n\nThree.');
  });
});

describe('loadArticles: formats', () => {
  it('reads Markdown without front matter, reducing markup to text', async () => {
    const md = [
      '# Big *news* today #', '', 'Some *emphasis*, **bold** and a [link](https://x.example/a_(b) "t").',
      'Soft wrapped snake_case line.', '![photo](p.png)', '', '```js', 'code();', '```', '- item one', '- item _two_',
      '', 'Setext', '------', '', '> quoted \\*stars\\* &amp; `code`', '[ref]: https://x.example',
    ].join('\n');
    const article = await loadOne('a.md', md);
    assert.deepEqual(pick(article), {
      file: 'a.md',
      format: 'md',
      body: 'Big news today\n\nSome emphasis, bold and a link. Soft wrapped snake_case line.\n\nitem one\nitem two\n\nSetext\n\nquoted *stars* & code',
    });
  });

  it('reads Markdown front matter into metadata', async () => {
    const md = '---\ntitle: "Ghazni falls"\nsource: Example News\nurl: https://news.example/ghazni\npublished: 2021-08-12\ntopics: Taliban, Ghazni, taliban\n---\n\nThe city fell.\n';
    assert.deepEqual(pick(await loadOne('f.md', md)), {
      file: 'f.md', format: 'md', body: 'The city fell.', title: 'Ghazni falls', source: 'Example News',
      url: 'https://news.example/ghazni', published: '2021-08-12', topics: ['Taliban', 'Ghazni'],
    });
  });

  it('drops a non-http url and an unreadable date with warnings', async () => {
    const md = '---\nurl: javascript:alert(1)\npublished: last Thursday\ntopics: [a, b]\n---\nText.';
    const { articles, report } = await loadFolder({ 'w.md': md });
    assert.deepEqual(pick(articles[0] as RawArticle), { file: 'w.md', format: 'md', body: 'Text.', topics: ['a', 'b'] });
    assert.deepEqual(report[0]?.warnings, [
      'url "javascript:alert(1)" is not an http(s) URL; dropped',
      'published "last Thursday" is not a recognised date; dropped',
    ]);
  });

  it('reads a whole HTML page with its metadata', async () => {
    const html = `<!DOCTYPE html><html><head><title>Big news &amp; more | The Daily</title>
      <meta property="og:site_name" content="The Daily"><link rel="canonical" href="https://daily.example/news/1">
      <meta property="article:published_time" content="2021-08-12T17:40:00+05:30"><style>p{}</style></head>
      <body><nav><a href="/">Home</a></nav><article><h1>Big news</h1><p>First &nbsp;para&#8217;s.</p>
      <figure><img src="x.jpg" alt="pic"><figcaption>Caption</figcaption></figure><p>Second<br>line.</p>
      <ul><li>one</li><li>two</li></ul></article><aside>Related</aside><form>Subscribe</form>
      <footer>(c) 2021</footer><script>var x = 1;</script></body></html>`;
    assert.deepEqual(pick(await loadOne('p.html', html)), {
      file: 'p.html', format: 'html', body: 'Big news\n\nFirst para’s.\n\nSecond\nline.\n\none\ntwo',
      title: 'Big news & more', source: 'The Daily', url: 'https://daily.example/news/1', published: '2021-08-12T17:40:00+05:30',
    });
  });

  it('prefers og:title and reads <time datetime>', async () => {
    const html = '<html><head><title>Site title</title><meta property="og:title" content="OG &quot;title&quot;"></head><body><p>Text. <time datetime="2021-08-12">Aug 12</time></p></body></html>';
    const article = await loadOne('t.htm', html);
    assert.equal(article.title, 'OG "title"');
    assert.equal(article.published, '2021-08-12');
  });

  it('decodes every named entity in the title and meta values, as a browser does', async () => {
    // The old hand-kept table knew about 30 names; &hearts;, &eacute; and &egrave; were left as written.
    const html = '<html><head><title>Caf&eacute; &hearts; Cr&egrave;me &#150; &copy 2021 | X</title>' +
      '<meta property="og:site_name" content="Le Caf&eacute;"></head><body><p>Text.</p></body></html>';
    const article = await loadOne('e.html', html);
    assert.equal(article.title, 'Caf\u00e9 \u2665 Cr\u00e8me \u2013 \u00a9 2021 | X');
    assert.equal(article.source, 'Le Caf\u00e9');
  });

  it('reads an HTML fragment and hints the outlet from its links', async () => {
    const html = '<p>See <a href="https://www.paper.example/a">this</a> and <a href="https://twitter.com/x">that</a>.</p><p><a href="//paper.example/b">More</a> <a href="https://other.example/">x</a></p>';
    assert.deepEqual(pick(await loadOne('frag.html', html)), { file: 'frag.html', format: 'html', body: 'See this and that.\n\nMore x', siteHint: 'paper.example' });
  });

  it('treats a .txt file holding HTML as HTML', async () => {
    const article = await loadOne('x.txt', '<p>One &amp; two.</p>.<p>Three&nbsp;four.</p>');
    assert.deepEqual(pick(article), { file: 'x.txt', format: 'html', body: 'One & two.\n\nThree four.' });
  });

  it('leaves a .txt file that only mentions a tag as text', async () => {
    assert.equal((await loadOne('y.txt', 'Use the <p> tag for paragraphs.')).format, 'txt');
  });

  it('reads a single JSON article', async () => {
    const json = JSON.stringify({ title: 'T', content: 'Body one.\n\nBody two.', url: 'http://x.example/1', source: { name: 'Wire' }, publishedAt: 'Thu, 12 Aug 2021 17:40:00 GMT', tags: ['a'] });
    assert.deepEqual(pick(await loadOne('one.json', json)), {
      file: 'one.json', format: 'json', body: 'Body one.\n\nBody two.', title: 'T', url: 'http://x.example/1', source: 'Wire',
      published: '2021-08-12T17:40:00Z', topics: ['a'],
    });
  });

  it('reads a JSON array element by element and reports a bad element', async () => {
    const json = JSON.stringify([{ text: 'First.' }, { title: 'No text' }, { body: '<p>Third &amp; last.</p>' }, 'nope']);
    const { articles, report } = await loadFolder({ 'feed.json': json });
    assert.deepEqual(articles.map((a) => [a.file, a.body]), [['feed.json#0', 'First.'], ['feed.json#2', 'Third & last.']]);
    assert.deepEqual(report.map((e) => [e.file, e.outcome]), [
      ['feed.json#0', 'loaded'], ['feed.json#1', 'skipped'], ['feed.json#2', 'loaded'], ['feed.json#3', 'skipped'],
    ]);
    assert.match(report[1]?.reason ?? '', /^no text/);
    assert.equal(report[3]?.reason, 'not an article object');
  });
});

describe('loadArticleFile', () => {
  it('is a pure function of path, bytes and mtime', () => {
    const bytes = new TextEncoder().encode('---\ntitle: T\n---\nBody.');
    const first = loadArticleFile('d/a.md', bytes, '2021-08-12T00:00:00.000Z');
    assert.deepEqual(loadArticleFile('d/a.md', bytes, '2021-08-12T00:00:00.000Z'), first);
    assert.equal(first.articles[0]?.mtime, '2021-08-12T00:00:00.000Z');
    assert.equal(first.articles[0]?.title, 'T');
  });
});

describe('parseDate', () => {
  const table: [unknown, string | undefined][] = [
    ['', undefined], ['Thursday', undefined], ['foo 2021', undefined], ['12/08/2021', undefined], ['2021-02-30', undefined],
    ['2021-08-12', '2021-08-12'], ['2021/8/12', '2021-08-12'], ['12th August 2021', '2021-08-12'], ['Sept. 3, 2021', '2021-09-03'],
    ['2021-08-12T17:40', '2021-08-12T17:40:00'], ['2021-08-12 17:40:05+0530', '2021-08-12T17:40:05+05:30'],
    ['Aug 12, 2021 5:40 PM', '2021-08-12T17:40:00'], [1628786400, '2021-08-12T16:40:00Z'], [new Date('2021-08-12'), '2021-08-12'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(parseDate(input), expected));
  }
});

describe('simpleFrontMatter', () => {
  const same = [
    'title: Hello world\npublished: 2021-08-12\ntopics: [a, b c, U.S.]\n',
    'title: "Quoted: yes"\nsource: \'single\'\n\nurl: https://x.example/a?b=c#d',
    'title: The "best" day\nslug: a:b\ntopics: []',
  ];
  for (const source of same) {
    it(`reads ${JSON.stringify(source)} as yaml does`, () => assert.deepEqual(simpleFrontMatter(source), parseYaml(source)));
  }
  const harder = ['n: 12', 'b: true', 'x: ~', 'e: 1e3', 'title: a: b', 'title: x # note', 'topics:\n  - a', 'topics: [1, 2]', 'k: "esc \\" q"', 'd: a\nd: b', '__proto__: x'];
  for (const source of harder) {
    it(`leaves ${JSON.stringify(source)} to yaml`, () => assert.equal(simpleFrontMatter(source), undefined));
  }
});

describe('markdownToText', () => {
  it('drops an unclosed code fence to the end', () => {
    assert.equal(markdownToText('Text.\n```\ncode\nmore'), 'Text.');
  });

  it('decodes every HTML entity closed by a semicolon, as CommonMark does, and no others', () => {
    assert.equal(markdownToText('Caf&eacute; &hearts; &frac12; &#x2014; &#150; &amp;'), 'Caf\u00e9 \u2665 \u00bd \u2014 \u2013 &');
    assert.equal(markdownToText('AT&T &copy 2021 &nosuchname; R&D'), 'AT&T &copy 2021 &nosuchname; R&D');
    // Upper-case &AMP; is in the HTML list (and in the DUC texts the benchmark corpora use).
    assert.equal(markdownToText('Standard &AMP; Poor&apos;s'), "Standard & Poor's");
    // NUL, a surrogate and an out-of-range code point are not characters: U+FFFD, as in HTML.
    assert.equal(markdownToText('a &#0; b &#xD800; c &#x110000;'), 'a \ufffd b \ufffd c \ufffd');
  });
});

describe('the bundled articles folder', () => {
  it('loads all five articles', async () => {
    const { articles, report } = await loadArticles(ARTICLES, { maxBytes: 1_000_000 });
    assert.equal(articles.length, 5);
    assert.ok(report.every((e) => e.outcome === 'loaded'));
  });

  it('turns the HTML fragment saved as .txt into clean text', async () => {
    const { articles } = await loadArticles(ARTICLES, { maxBytes: 1_000_000 });
    const html = articles.find((a) => a.file === '002_72ee2ab0b5e38029.txt');
    assert.ok(html);
    assert.equal(html.format, 'html');
    assert.doesNotMatch(html.body, /<p>|href|&[a-z]+;|&#\d+;/);
    assert.ok(!html.body.split('\n').some((line) => line.trim() === '.'), 'no stray "." lines');
    assert.equal(html.siteHint, 'deccanherald.com');
    assert.match(html.body, /power-sharing deal/);
  });
});
