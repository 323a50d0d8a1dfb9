import type { Digest, DigestItem, SourceRef } from '../../core/types.ts';
import type { Reply } from '../../commands/types.ts';
import { errorText } from '../../commands/messages.ts';
import type { ReloadReport } from '../../app/live-corpus.ts';

// Article text is untrusted: escape sequences in it must not drive the user's terminal.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const safe = (text: string) => text.replace(CONTROL, '');

/** The outlet's name, or the article's file when no outlet could be found. */
export function sourceLabel(s: SourceRef): string {
  return s.source === 'unknown outlet' ? s.file : s.source;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function renderItem(item: DigestItem, n: number): string {
  const lines = [`${n}. ${safe(item.text)}`, `   Sources: ${item.sources.map((s) => safe(sourceLabel(s))).join('; ')}`];
  if (item.disagreement) {
    const claims = item.disagreement.claims.map((c) => `${safe(c.value)} (${c.sources.map((s) => safe(sourceLabel(s))).join(', ')})`);
    lines.push(`   Outlets differ on the ${safe(item.disagreement.about)}: ${claims.join('; ')}.`);
  }
  return lines.join('\n');
}

export function renderDigestText(digest: Digest): string {
  const title = digest.topic ?? 'All articles';
  if (digest.items.length === 0) {
    const maybe = digest.suggestions?.length ? ` Did you mean: ${digest.suggestions.join(', ')}?` : ' Try /topics to see what they cover.';
    return `Nothing in the loaded articles about "${safe(title)}".${maybe}`;
  }
  const { stats } = digest;
  const head = `${safe(title)}: ${plural(digest.items.length, 'item')} from ${plural(digest.articles.length, 'article')}, ${plural(stats.outlets, 'outlet')}`;
  return [head, '', ...digest.items.map((item, i) => renderItem(item, i + 1))].join('\n');
}

function renderReload(r: ReloadReport): string {
  if (!r.ok) return `Reload failed, still serving the previous ${plural(r.articles, 'article')}: ${r.error}`;
  const lines = [`Reloaded ${plural(r.articles, 'article')} in ${r.elapsedMs} ms: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed, ${r.skipped.length} skipped.`];
  for (const s of r.skipped) lines.push(`  skipped ${s.file}: ${s.reason}`);
  return lines.join('\n');
}

/** Any command reply as plain text for a terminal. */
export function renderReplyText(reply: Reply): string {
  switch (reply.kind) {
    case 'digest':
      return renderDigestText(reply.digest);
    case 'topics':
      if (reply.topics.length === 0) return 'No topics: no articles are loaded.';
      return [`Topics in ${plural(reply.articles, 'article')}:`, ...reply.topics.slice(0, 40).map((t) => `  ${safe(t.name)} (${plural(t.articles, 'article')})`)].join('\n');
    case 'reload':
      return renderReload(reply.report);
    case 'help':
      return ['Commands:', ...reply.commands.map((c) => `  /${c.name}${c.options.map((o) => (o.required ? ` <${o.name}>` : ` [--${o.name} ${o.choices?.join('|') ?? o.name}]`)).join('')}  ${c.description}`)].join('\n');
    case 'error':
      return errorText(reply.code, reply.detail);
  }
}
