import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../src/config/env.ts';
import { formatDuration, loadFeedsFile, parseDuration } from '../../src/config/feeds-file.ts';
import { ROOT } from '../helpers/fixtures.ts';

/** Writes `text` as feeds.yaml in a fresh temp folder and loads it, named as config/feeds.yaml. */
function load(t: { after(fn: () => void): void }, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'digest-feeds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'feeds.yaml');
  writeFileSync(path, text);
  return () => loadFeedsFile(path, 'config/feeds.yaml');
}

/** The error lines a bad file gives. */
function problems(t: { after(fn: () => void): void }, text: string): string[] {
  const run = load(t, text);
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message.split('\n');
  }
  return assert.fail('expected the file to be refused');
}

test('feeds file: a valid file is read with the defaults filled in', (t) => {
  const feeds = load(t, `
feeds:
  - url: https://news.example.com/rss
  - url: " http://wire.example.org/feed.json "
    name: "  Example Wire "
    interval: 1h30m
    fullText: never
  - url: https://b.example/atom
    interval: 90s
    fullText: always
`)();
  assert.deepEqual(feeds, [
    { url: 'https://news.example.com/rss', intervalMs: 10 * 60_000, fullText: 'auto' },
    { url: 'http://wire.example.org/feed.json', name: 'Example Wire', intervalMs: 90 * 60_000, fullText: 'never' },
    { url: 'https://b.example/atom', intervalMs: 90_000, fullText: 'always' },
  ]);
  assert.deepEqual(loadFeedsFile(join(ROOT, 'config/feeds.example.yaml')).map((f) => f.name), ['BBC News', 'The Guardian', 'Al Jazeera', 'Deutsche Welle', 'NPR World']);
});

test('feeds file: absent, empty or with an empty list means no feeds, not an error', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-feeds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(loadFeedsFile(join(dir, 'feeds.yaml')), []);
  assert.deepEqual(load(t, '')(), []);
  assert.deepEqual(load(t, '# all commented out\nfeeds:\n#  - url: https://x.example/rss\n')(), []);
  assert.deepEqual(load(t, 'feeds: []\n')(), []);
});

test('feeds file: each kind of bad entry is named by file, entry number and url, and key', (t) => {
  const lines = problems(t, `
feeds:
  - url: https://a.example/rss
    interval: 5s
  - url: ftp://b.example/rss
    name: ""
    fullText: yes
    intrval: 10m
  - name: No address
    interval: 10
  - https://c.example/rss
  - url: https://d.example/rss
    name: ${'x'.repeat(101)}
    interval: 25h
  - url: not a url
    interval: soon
`);
  assert.deepEqual(lines, [
    'config/feeds.yaml: feed 1 (https://a.example/rss): interval: "5s" is too short; at least 1m (e.g. 10m, 1h, 1h30m)',
    'config/feeds.yaml: feed 2 (ftp://b.example/rss): url: "ftp://b.example/rss" is not an http or https URL',
    "config/feeds.yaml: feed 2 (ftp://b.example/rss): name: must not be empty (leave it out to use the feed's own title)",
    'config/feeds.yaml: feed 2 (ftp://b.example/rss): fullText: must be auto, always or never (got "yes")',
    'config/feeds.yaml: feed 2 (ftp://b.example/rss): unknown key "intrval" (expected url, name, interval, fullText)',
    'config/feeds.yaml: feed 3: url: is missing: every feed needs its http or https address',
    'config/feeds.yaml: feed 3: interval: must be a duration (e.g. 10m, 1h, 1h30m) (got 10)',
    'config/feeds.yaml: feed 4: must be a mapping such as "url: https://..." (got "https://c.example/rss")',
    'config/feeds.yaml: feed 5 (https://d.example/rss): name: is too long: at most 100 characters (got 101)',
    'config/feeds.yaml: feed 5 (https://d.example/rss): interval: "25h" is too long; at most 24h',
    'config/feeds.yaml: feed 6 (not a url): url: "not a url" is not an http or https URL',
    'config/feeds.yaml: feed 6 (not a url): interval: "soon" is not a duration (e.g. 10m, 1h, 1h30m)',
  ]);
});

test('feeds file: the same URL twice is refused, naming both entries', (t) => {
  const lines = problems(t, 'feeds:\n  - url: https://A.example/rss\n  - url: https://b.example/rss\n  - url: https://a.example/rss\n');
  assert.deepEqual(lines, ['config/feeds.yaml: feed 3 (https://a.example/rss): url: the same feed as feed 1; list each feed once']);
});

test('feeds file: a file that is not YAML, not a feeds mapping, or unreadable is named', (t) => {
  assert.match(problems(t, 'feeds: [\n')[0]!, /^config\/feeds\.yaml: not valid YAML: .*line 2, column 1$/);
  assert.deepEqual(problems(t, 'feeds: hello\n'), ['config/feeds.yaml: feeds: must be a list of feeds, each starting "- url: ..." (got "hello")']);
  assert.deepEqual(problems(t, '- url: https://x.example/rss\n'), ['config/feeds.yaml: must be a mapping with a feeds: list (got [{"url":"https://x.example/rss"}])']);
  assert.deepEqual(problems(t, 'feed:\n  - url: https://x.example/rss\n'), ['config/feeds.yaml: unknown key "feed" (expected feeds)']);
  const dir = mkdtempSync(join(tmpdir(), 'digest-feeds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'feeds.yaml'));
  assert.throws(() => loadFeedsFile(join(dir, 'feeds.yaml'), 'my/feeds.yaml'), (err: Error) => err instanceof ConfigError && /^my\/feeds\.yaml: cannot read the feeds file: EISDIR/.test(err.message));
});

test('feeds file: durations parse and print both ways', () => {
  for (const [text, ms] of [['90s', 90_000], ['10m', 600_000], ['1h', 3_600_000], ['1h30m', 5_400_000], ['2h0m15s', 7_215_000]] as const) {
    assert.equal(parseDuration(text), ms, text);
  }
  for (const bad of ['', '10', 'm', '1.5h', '10 minutes', '-5m', '1m1h']) assert.equal(parseDuration(bad), undefined, bad);
  assert.deepEqual([600_000, 5_400_000, 90_000, 3_600_000].map(formatDuration), ['10m', '1h30m', '1m30s', '1h']);
});

test('feeds settings: defaults, and a bad FEEDS_* value names the key', () => {
  const c = parseConfig({});
  assert.deepEqual(
    [c.FEEDS_FILE, c.FEEDS_ALLOW_PRIVATE, c.FEEDS_MAX_FAILURES, c.FEEDS_TIMEOUT_SECONDS, c.FEEDS_MAX_BYTES, c.FEEDS_CONCURRENCY, c.FEEDS_PER_HOST],
    ['config/feeds.yaml', false, 10, 30, 5_242_880, 4, 2],
  );
  assert.equal(parseConfig({ FEEDS_ALLOW_PRIVATE: 'yes' }).FEEDS_ALLOW_PRIVATE, true);
  const bad = { FEEDS_ALLOW_PRIVATE: 'maybe', FEEDS_MAX_FAILURES: '0', FEEDS_TIMEOUT_SECONDS: 'abc', FEEDS_MAX_BYTES: '-1', FEEDS_CONCURRENCY: '1.5', FEEDS_PER_HOST: 'x' };
  assert.throws(() => parseConfig(bad), (err: Error) => {
    for (const [key, value] of Object.entries(bad)) assert.match(err.message, new RegExp(`\\n  ${key}: .*\\(got "${value.replace('.', '\\.')}"\\)`), key);
    return true;
  });
});
