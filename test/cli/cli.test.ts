import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { ROOT } from '../helpers/fixtures.ts';

/** Runs a project script the way a user does, from the project root, with no stdin. */
function run(script: string, args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('cli: summary prints a readable digest with sources', () => {
  const r = run('src/cli/summary.ts', ['ghazni']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Ghazni: \d items? from \d articles?/);
  assert.match(r.out, /Sources: /);
  assert.doesNotMatch(r.out, /<p>|&amp;/);
});

test('cli: summary --json prints the Digest', () => {
  const r = run('src/cli/summary.ts', ['Kandahar', 'prison', '--json']);
  assert.equal(r.code, 0, r.err);
  const digest = JSON.parse(r.out);
  assert.equal(digest.topic, 'Kandahar prison');
  assert.ok(digest.items.length >= 1);
  for (const item of digest.items) {
    assert.equal(typeof item.text, 'string');
    assert.ok(item.sources.length >= 1);
    for (const s of item.sources) assert.ok(s.title && s.source && s.file);
  }
  assert.ok(Array.isArray(digest.articles) && typeof digest.stats === 'object');
});

test('cli: an unknown topic exits 2 with suggestions', () => {
  const r = run('src/cli/summary.ts', ['ghaznee', '--json']);
  assert.equal(r.code, 2);
  assert.deepEqual(JSON.parse(r.out).suggestions.slice(0, 1), ['Ghazni']);
});

test('cli: --help and -h print usage with examples on stdout and exit 0, searching nothing', () => {
  for (const [script, usage] of [['src/cli/summary.ts', 'usage: npm run summary -- <topic words> [--length short|medium|long] [--since 24h|7d|2026-12-01] [--json]'], ['src/cli/topics.ts', 'usage: npm run topics -- [--json]']]) {
    for (const flag of ['--help', '-h']) {
      const r = run(script!, [flag]);
      assert.equal(r.code, 0, r.err);
      assert.ok(r.out.startsWith(`${usage}\n`), r.out);
      assert.match(r.out, /example/);
      assert.equal(r.err, '');
    }
  }
});

test('cli: a wrong invocation is a usage error on stderr with exit 2, in shell terms, and nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['src/cli/summary.ts', ['ghazni', '--lenth', 'short'], /^summary: unknown option --lenth\n/],
    ['src/cli/summary.ts', ['-x', 'ghazni'], /^summary: unknown option -x\n/],
    ['src/cli/summary.ts', [], /^summary: no topic given\n/],
    ['src/cli/summary.ts', ['--json'], /^summary: no topic given\n/],
    ['src/cli/summary.ts', ['ghazni', '--length'], /^summary: .*--length/],
    ['src/cli/summary.ts', ['ghazni', '--length', 'huge'], /^summary: "huge" is not a length I know\. Choose one of: short, medium, long\.\n/],
    ['src/cli/topics.ts', ['--jsn'], /^topics: unknown option --jsn\n/],
    ['src/cli/topics.ts', ['extra'], /^topics: .*'extra'/],
  ];
  for (const [script, args, problem] of cases) {
    const r = run(script, args);
    const name = script.includes('summary') ? 'summary' : 'topics';
    assert.equal(r.code, 2, `${script} ${args.join(' ')}`);
    assert.equal(r.out, '', 'no data on stdout');
    assert.match(r.err, problem);
    assert.match(r.err, new RegExp(`^usage: npm run ${name} -- .*\\n.*npm run ${name} -- --help`, 'm'));
    assert.doesNotMatch(r.err, /\/summary|\/topics/, 'no chat syntax in a shell');
  }
});

test('cli: nothing found is a result on stdout with exit 2 that points to the topics script', () => {
  const r = run('src/cli/summary.ts', ['zzqx']);
  assert.equal(r.code, 2);
  assert.equal(r.out, `Nothing in the loaded articles about "zzqx". Try 'npm run topics' to see what they cover.\n`);
  assert.equal(r.err, '');
});

test('cli: topics --json lists topics with article counts', () => {
  const r = run('src/cli/topics.ts', ['--json']);
  assert.equal(r.code, 0, r.err);
  const { topics, articles } = JSON.parse(r.out);
  assert.equal(articles, 5);
  assert.ok(topics.some((t: { name: string; articles: number }) => t.name === 'Taliban' && t.articles === 5));
});

test('cli: a bad config value stops start-up naming the variable', () => {
  const r = run('src/cli/summary.ts', ['ghazni'], '', { DIGEST_ITEMS: 'lots' });
  assert.equal(r.code, 1);
  assert.match(r.err, /DIGEST_ITEMS/);
  assert.equal(r.out, '');
});

test('start: the terminal session shows a digest first, then answers typed commands', () => {
  const r = run('src/index.ts', [], '/summary herat\n/topics\n/reload\n/nosuch\nhello there\n/sumary ghazni\n');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Digest of the top topic/);
  assert.match(r.out, /Herat/);
  assert.match(r.out, /Topics in 5 articles/);
  assert.match(r.out, /Reloaded 5 articles/);
  assert.match(r.out, /There is no command \/nosuch/);
  assert.match(r.out, /^That is not a command\. Commands start with \/, e\.g\. \/summary ghazni; \/help lists them\.$/m);
  assert.match(r.out, /^There is no command \/sumary\. Did you mean \/summary\?/m);
});

test('cli: summary also reads the feed articles a bot stored in DATA_DIR, and creates no database where there is none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-feeds-'));
  try {
    const store = SqliteStore.open(join(dir, 'digests.sqlite'));
    const now = new Date();
    const { feed } = await store.saveFeed({ url: 'https://tigris.example/rss', intervalMs: 600_000, fullText: 'never', origin: 'chat' }, now);
    const article = (key: string, text: string, published: string) => ({ key, itemId: key, title: text.split(',')[0]!, link: key, outlet: 'Tigris Daily', published, text, contentHash: key });
    await store.recordPoll(feed.id, {
      state: { failures: 0, paused: false },
      articles: [
        article('https://tigris.example/a', 'Engineers reopened the old bridge over the Tigris in Mosul on Monday, the city council said.', now.toISOString()),
        article('https://tigris.example/b', 'Flooding closed the road from Mosul to Erbil for a day, the police said.', new Date(now.getTime() - 60 * 86_400_000).toISOString()),
      ],
    }, now);
    await store.close();

    const r = run('src/cli/summary.ts', ['mosul'], '', { DATA_DIR: dir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /reopened the old bridge over the Tigris/);
    assert.match(r.out, /Sources: Tigris Daily/);
    assert.doesNotMatch(r.out, /Flooding closed the road/, 'older than ARTICLE_MAX_AGE_DAYS: left out');

    const empty = join(dir, 'empty');
    const none = run('src/cli/summary.ts', ['ghazni'], '', { DATA_DIR: empty });
    assert.equal(none.code, 0, none.err);
    assert.equal(existsSync(join(empty, 'digests.sqlite')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
