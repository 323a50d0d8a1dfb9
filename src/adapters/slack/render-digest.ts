import type { Digest, DigestItem, SourceRef } from '../../core/types.ts';
import { digestCounts, digestTitle, disagreementText, emptyDigestText, safeUrl, sourcePieces } from '../../commands/describe.ts';
import { SLACK_LIMITS, context, header, packMessages, section, type SlackBlock, type SlackMessage } from './blocks.ts';
import { SLACK_MARKUP, escapeMrkdwn, plainText, slackLink } from './mrkdwn.ts';
import { packPieces } from './split-text.ts';

// A source is one unbreakable link: bound it so any number of them still pack into sections.
const MAX_LABEL = 200;
const MAX_LINK = 1000;

function sourceLink(s: SourceRef): string {
  const label = s.source.slice(0, MAX_LABEL);
  const url = safeUrl(s.url);
  const link = url ? slackLink(label, url) : '';
  return link && link.length <= MAX_LINK ? link : escapeMrkdwn(label);
}

/** One item as section texts: its sentence, its sources, and who disagrees, cut to fit sections. */
function itemSections(item: DigestItem, n: number): string[] {
  const max = SLACK_LIMITS.sectionText;
  const prefix = 'Sources: ';
  const sources = packPieces(sourcePieces(item, sourceLink), '; ', max - prefix.length).map((s) => prefix + s);
  const lines = [`*${n}.* ${escapeMrkdwn(item.text)}`, ...sources];
  if (item.disagreement) lines.push(`_${disagreementText(item.disagreement, SLACK_MARKUP)}_`);
  return packPieces(lines, '\n', max);
}

export interface DigestRenderOptions {
  /** A line under the header, e.g. which day a scheduled digest is for; plain text. */
  subtitle?: string;
}

/**
 * A digest in Block Kit: a header with the topic, one section per item (more when an item is
 * longer than a section holds) and a context line with what was merged, split into as many
 * messages as Slack's limits need. A digest without items is its one explanatory line.
 */
export function renderDigest(digest: Digest, options: DigestRenderOptions = {}): SlackMessage[] {
  const title = plainText(digestTitle(digest));
  if (digest.items.length === 0) {
    const line = emptyDigestText(digest, SLACK_MARKUP);
    return [{ text: line, blocks: [section(line)] }];
  }
  const counts = digestCounts(digest);
  const blocks: SlackBlock[] = [header(title)];
  if (options.subtitle) blocks.push(context(escapeMrkdwn(options.subtitle)));
  digest.items.forEach((item, i) => blocks.push(...itemSections(item, i + 1).map(section)));
  blocks.push(context(counts));
  const name = escapeMrkdwn(title);
  return packMessages(blocks, (i) => (i === 0 ? `${name}: ${counts}` : `${name} (continued, part ${i + 1})`));
}
