import type { Digest, DigestItem } from '../../core/types.ts';
import type { Reply } from '../../commands/types.ts';
import type { ReloadReport } from '../../core/index/live-corpus.ts';
import {
  describeReply,
  digestCounts,
  digestTitle,
  disagreementText,
  emptyDigestText,
  sourcePieces,
  sourceText,
  type Markup,
} from '../../commands/describe.ts';

// Article text is untrusted: escape sequences in it must not drive the user's terminal.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const safe = (text: string) => text.replace(CONTROL, '');

/** A terminal has no markup: plain words, with control characters removed. */
export const TEXT_MARKUP: Markup = {
  text: safe,
  bold: (s) => s,
  code: (s) => s,
  link: (label) => safe(label),
  url: safe,
};

function renderItem(item: DigestItem, n: number): string {
  const lines = [`${n}. ${safe(item.text)}`, `   Sources: ${sourcePieces(item, (s) => sourceText(s, TEXT_MARKUP)).join('; ')}`];
  if (item.disagreement) lines.push(`   ${disagreementText(item.disagreement, TEXT_MARKUP)}`);
  return lines.join('\n');
}

export function renderDigestText(digest: Digest, listTopics?: string): string {
  if (digest.items.length === 0) return emptyDigestText(digest, TEXT_MARKUP, listTopics);
  const head = `${safe(digestTitle(digest))}: ${digestCounts(digest)}`;
  return [head, '', ...digest.items.map((item, i) => renderItem(item, i + 1))].join('\n');
}

/** One line on what an automatic reload did; `/reload` gives the whole report. */
export function reloadNotice(report: ReloadReport): string {
  const [summary] = describeReply({ kind: 'reload', report }, TEXT_MARKUP);
  const details = report.ok && report.skipped.length + report.warned.length > 0 ? ' (/reload lists the files)' : '';
  return `The articles folder changed. ${summary}${details}`;
}

/** Any command reply as plain text for a terminal. */
export function renderReplyText(reply: Reply): string {
  if (reply.kind === 'digest') return renderDigestText(reply.digest);
  return describeReply(reply, TEXT_MARKUP).join('\n');
}
