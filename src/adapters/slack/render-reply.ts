import type { Reply } from '../../commands/types.ts';
import { describeReply } from '../../commands/describe.ts';
import { SLACK_LIMITS, packMessages, section, type SlackMessage } from './blocks.ts';
import { SLACK_MARKUP } from './mrkdwn.ts';
import { renderDigest } from './render-digest.ts';
import { packPieces, splitText } from './split-text.ts';

/**
 * Who sees a reply. Digests and topic lists are worth the whole channel; errors, admin results,
 * help and "nothing found" answers only bother the person who asked.
 */
export function replyVisibility(reply: Reply): 'in_channel' | 'ephemeral' {
  if (reply.kind === 'digest') return reply.digest.items.length > 0 ? 'in_channel' : 'ephemeral';
  return reply.kind === 'topics' ? 'in_channel' : 'ephemeral';
}

/** Any command reply as Slack messages, in order, each within Block Kit's limits. */
export function renderReply(reply: Reply): SlackMessage[] {
  if (reply.kind === 'digest') return renderDigest(reply.digest);
  const lines = describeReply(reply, SLACK_MARKUP);
  const sections = packPieces(lines, '\n', SLACK_LIMITS.sectionText).map(section);
  // The first line says what the reply is; it is what a notification shows.
  const summary = splitText(lines[0] ?? '', 300)[0] ?? '';
  return packMessages(sections, () => summary);
}
