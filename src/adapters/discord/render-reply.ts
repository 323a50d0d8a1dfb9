import type { Reply } from '../../commands/types.ts';
import { describeReply } from '../../commands/describe.ts';
import { DISCORD_MARKUP } from './escape.ts';
import type { DiscordMessage } from './limits.ts';
import { contentMessages, renderDigest } from './render-digest.ts';

/** Any command reply as one or more Discord messages, each within Discord's limits. */
export function renderReply(reply: Reply): DiscordMessage[] {
  if (reply.kind === 'digest') return renderDigest(reply.digest);
  return contentMessages(describeReply(reply, DISCORD_MARKUP).join('\n'));
}

/** Errors and the results of admin and operator commands are shown only to the person who asked. */
export function isPrivateReply(reply: Reply, restrictedCommand: boolean): boolean {
  return restrictedCommand || reply.kind === 'error';
}
