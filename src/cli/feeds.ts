import { readCliArgs, usageError, type CliSpec } from './cli-args.ts';
import { readFeed } from '../feeds/read-feed.ts';
import { htmlToText } from '../feeds/html-text.ts';
import type { FeedItem } from '../feeds/types.ts';

const SPEC: CliSpec = {
  name: 'feeds',
  usage: 'usage: npm run feeds -- check <url> [--json] [--allow-private]',
  help: `Fetches a feed (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed) once and prints what would be
ingested: its title, item count and, per item, identity, title, link, published time and the
first words of its text. Nothing is stored.

options:
  --json           the feed and its normalised items as JSON
  --allow-private  allow loopback and private addresses (also FEEDS_ALLOW_PRIVATE=true)
  -h, --help       this help

example:
  npm run --silent feeds -- check https://example.com/feed.xml

exit codes: 0 the feed was read; 1 it could not be fetched or parsed (the reason on stderr);
2 a wrong invocation.`,
  options: { json: { type: 'boolean' }, 'allow-private': { type: 'boolean' } },
  positionals: true,
};

const firstWords = (item: FeedItem, n = 25) => {
  const words = (item.text ?? htmlToText(item.html ?? item.summary ?? '')).split(/\s+/).filter(Boolean);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
};

function allowPrivateFromEnv(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '' || /^(false|0|no)$/i.test(value)) return false;
  return /^(true|1|yes)$/i.test(value) ? true : undefined;
}

async function check(url: string, json: boolean, allowPrivate: boolean): Promise<void> {
  const read = await readFeed(url, { policy: { allowPrivate } });
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

const args = readCliArgs(SPEC);
if (args) {
  const [command, url, ...extra] = args.positionals;
  const envAllow = allowPrivateFromEnv(process.env.FEEDS_ALLOW_PRIVATE);
  if (command !== 'check') usageError(SPEC, command === undefined ? 'no command' : `unknown command ${command}`);
  else if (url === undefined) usageError(SPEC, 'check needs a feed URL');
  else if (extra.length) usageError(SPEC, `unexpected ${extra.join(' ')}`);
  else if (envAllow === undefined) {
    process.stderr.write(`feeds: FEEDS_ALLOW_PRIVATE: expected true or false, got ${process.env.FEEDS_ALLOW_PRIVATE}\n`);
    process.exitCode = 1;
  } else await check(url, Boolean(args.values.json), Boolean(args.values['allow-private']) || envAllow);
}
