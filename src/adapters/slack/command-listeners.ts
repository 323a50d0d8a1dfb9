import type { App, SlashCommand } from '@slack/bolt';
import type { Logger } from 'pino';
import { COMMANDS, runCommand } from '../../commands/registry.ts';
import type { CommandDefinition, CommandDeps, ErrorCode, Invoker, Reply } from '../../commands/types.ts';
import { renderReply, replyVisibility } from './render-reply.ts';
import { RESPONSE_POLICY, ResponseUrlGoneError, postToResponseUrl, type ResponsePolicy } from './response-url.ts';

// Slack accepts at most five posts to one response_url.
const MAX_RESPONSES = 5;

// Someone trying what they may not is worth a line in the log: who, where, and why they may not.
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  'not-admin': 'refused an admin command from a user who is not in SLACK_ADMIN_IDS',
  'not-operator': 'refused an operator command from a user who is not in SLACK_OPERATOR_IDS',
};

export interface CommandContext {
  deps: CommandDeps;
  adminIds: readonly string[];
  logger: Logger;
  /** How answers are posted to the response_url (retries, timeouts); RESPONSE_POLICY by default. */
  response?: ResponsePolicy;
}

async function answer(def: CommandDefinition, command: SlashCommand, ctx: CommandContext): Promise<Reply> {
  const invoker: Invoker = {
    platform: 'slack',
    id: command.user_id,
    channel: command.channel_id,
    isAdmin: ctx.adminIds.includes(command.user_id),
  };
  const who = { command: def.name, user: command.user_id, channel: command.channel_id, team: command.team_id };
  try {
    const reply = await runCommand(def.name, command.text ?? '', invoker, ctx.deps);
    const refused = reply.kind === 'error' && REFUSALS[reply.code];
    if (refused) ctx.logger.warn(who, refused);
    else ctx.logger.info({ ...who, reply: reply.kind }, 'command answered');
    return reply;
  } catch (err) {
    ctx.logger.error({ ...who, err }, 'command failed');
    return { kind: 'error', code: 'failed', detail: {} };
  }
}

async function send(reply: Reply, responseUrl: string, ctx: CommandContext): Promise<void> {
  const messages = renderReply(reply);
  if (messages.length > MAX_RESPONSES) ctx.logger.warn({ messages: messages.length }, `reply cut to the ${MAX_RESPONSES} messages a response_url takes`);
  const response_type = replyVisibility(reply);
  for (const message of messages.slice(0, MAX_RESPONSES)) {
    const { attempts } = await postToResponseUrl(responseUrl, { ...message, response_type }, ctx.response ?? RESPONSE_POLICY);
    if (attempts > 1) ctx.logger.info({ attempts }, 'the reply reached Slack after retries');
  }
}

/**
 * One listener per command in COMMANDS. Each acknowledges at once, so Slack's 3-second window
 * never depends on how long a digest takes, then answers through the response_url. Nothing a
 * command does can escape the listener: failures become a polite reply and a log line.
 * `settled()` waits for the answers still being worked on, so a shutdown does not cut them off.
 */
export function registerCommands(app: App, ctx: CommandContext): { settled(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  for (const def of COMMANDS) {
    app.command(`/${def.name}`, async ({ command, ack }) => {
      // A Socket Mode connection can drop between the envelope and its ack. Slack then shows the
      // user a timeout, but the response_url still works for 30 minutes: answer anyway.
      await ack().catch((err: unknown) => ctx.logger.warn({ err, command: def.name, user: command.user_id }, 'could not acknowledge the command; answering through its response_url anyway'));
      const work = (async () => {
        const reply = await answer(def, command, ctx);
        try {
          await send(reply, command.response_url, ctx);
        } catch (err) {
          if (err instanceof ResponseUrlGoneError) {
            // Expired or used up: nothing more can reach the user through it.
            ctx.logger.warn({ err, command: def.name, user: command.user_id }, 'the reply can no longer be delivered (the response_url expired); dropped');
            return;
          }
          ctx.logger.error({ err, command: def.name, user: command.user_id }, 'could not post the reply to Slack');
          if (reply.kind !== 'error') await send({ kind: 'error', code: 'failed', detail: {} }, command.response_url, ctx).catch(() => {});
        }
      })();
      inFlight.add(work);
      await work.finally(() => inFlight.delete(work));
    });
  }
  return { settled: async () => void (await Promise.allSettled([...inFlight])) };
}
