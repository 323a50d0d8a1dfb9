import { resolve } from 'node:path';
import 'dotenv/config';
import { readCliArgs, usageError, type CliSpec } from './cli-args.ts';
import { parseConfig, type Config } from '../config/env.ts';
import { formatDuration, loadFeedsFile } from '../config/feeds-file.ts';
import { readFeed } from '../feeds/read-feed.ts';
import { feedLimitsFrom } from '../feeds/poll-settings.ts';
import { htmlToText } from '../feeds/html-text.ts';
import type { FeedItem } from '../feeds/types.ts';

const SPEC: CliSpec = {
  name: 'feeds',
  usage: 'usage: npm run feeds -- check <url> [--json] [--allow-private] | list [--json]',
  help: `check: fetches a feed (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed) once and prints what would
be ingested: its title, item count and, per item, identity, title, link, published time and the
first words of its text. Nothing is stored. The FEEDS_* limits (timeouts, size, redirects) apply.

list: prints the feeds in FEEDS_FILE (default config/feeds.yaml) as the bot reads them at start:
url, name, interval and full-text mode, defaults filled in.

options:
  --json           check: the feed and its normalised items as JSON; list: the feeds as JSON
  --allow-private  allow loopback and private addresses (also FEEDS_ALLOW_PRIVATE=true)
  -h, --help       this help

examples:
  npm run --silent feeds -- check https://example.com/feed.xml
  npm run --silent feeds -- list

exit codes: 0 done; 1 the feed could not be fetched or parsed, or a setting or the feeds file is
bad (the reason on stderr); 2 a wrong invocation.`,
  options: { json: { type: 'boolean' }, 'allow-private': { type: 'boolean' } },
  positionals: true,
};

const firstWords = (item: FeedItem, n = 25) => {
  const words = (item.text ?? htmlToText(item.html ?? item.summary ?? '')).split(/\s+/).filter(Boolean);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
};

async function check(url: string, json: boolean, allowPrivate: boolean, config: Config): Promise<void> {
  const limits = feedLimitsFrom(config);
  const read = await readFeed(url, { policy: { allowPrivate }, limits });
  if (read.status !== 'ok') {
    process.stderr.write(`feeds: ${url}: ${read.status === 'error' ? read.reason : 'not modified'}\n`);
    process.exitCode = 1;
    return;
  }
  const { feed } = read;
  if (json) {
    process.stdout.write(`${JSON.stringify({ url, finalUrl: read.fetch.finalUrl, encoding: read.encoding, etag: read.fetch.etag, lastModified: read.fetch.lastModified, ...feed }, null, 2)}\n`);
    return;
  }
  const lines = [`${feed.title} (${feed.format}, ${feed.items.length} item${feed.items.length === 1 ? '' : 's'}${feed.duplicates ? `, ${feed.duplicates} duplicate${feed.duplicates === 1 ? '' : 's'} dropped` : ''})`];
  feed.items.forEach((item, i) => {
    lines.push('', `${i + 1}. ${item.title}`, `   id: ${item.id}`);
    if (item.link) lines.push(`   link: ${item.link}`);
    if (item.published) lines.push(`   published: ${item.published}`);
    const words = firstWords(item);
    if (words) lines.push(`   ${words}`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

function list(config: Config, json: boolean): void {
  const feeds = loadFeedsFile(resolve(config.FEEDS_FILE), config.FEEDS_FILE);
  if (json) {
    process.stdout.write(`${JSON.stringify({ file: config.FEEDS_FILE, feeds }, null, 2)}\n`);
    return;
  }
  if (!feeds.length) {
    process.stdout.write(
      `No feeds configured: ${config.FEEDS_FILE} is absent or lists none.\n` +
        'To add some, copy config/feeds.example.yaml to config/feeds.yaml and edit it (or point FEEDS_FILE at your own file).\n',
    );
    return;
  }
  const lines = [`${feeds.length} feed${feeds.length === 1 ? '' : 's'} in ${config.FEEDS_FILE}:`];
  feeds.forEach((f, i) => {
    lines.push('', `${i + 1}. ${f.url}`, `   name: ${f.name ?? "(the feed's own title)"}`, `   interval: ${formatDuration(f.intervalMs)}`, `   fullText: ${f.fullText}`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const args = readCliArgs(SPEC);
  if (!args) return;
  const [command, url, ...extra] = args.positionals;
  const json = Boolean(args.values.json);
  if (command === 'list') {
    if (url !== undefined) return usageError(SPEC, `unexpected ${[url, ...extra].join(' ')}`);
    if (args.values['allow-private']) return usageError(SPEC, '--allow-private is for check');
    return list(parseConfig(process.env), json);
  }
  if (command !== 'check') return usageError(SPEC, command === undefined ? 'no command' : `unknown command ${command}`);
  if (url === undefined) return usageError(SPEC, 'check needs a feed URL');
  if (extra.length) return usageError(SPEC, `unexpected ${extra.join(' ')}`);
  const config = parseConfig(process.env);
  await check(url, json, Boolean(args.values['allow-private']) || config.FEEDS_ALLOW_PRIVATE, config);
}

try {
  await main();
} catch (err) {
  // A bad setting or feeds file: its message names the key (and the file and entry).
  process.stderr.write(`feeds: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
