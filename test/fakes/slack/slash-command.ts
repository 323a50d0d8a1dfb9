import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = '8f742231b10e8888abcd99a0b1c2d3e4';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The form fields Slack sends for a slash command. */
export function slashCommandFields(command: string, text: string, who: { user: string; channel?: string }, responseUrl: string): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'fake',
    channel_id: who.channel ?? 'C1',
    channel_name: 'news',
    user_id: who.user,
    user_name: who.user.toLowerCase(),
    command,
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  };
}

export interface SignedPost {
  status: number;
  body: string;
  elapsedMs: number;
}

/**
 * Plays Slack: POSTs a slash command form to the bot's /slack/events, signed with `secret`.
 * `ageSeconds` back-dates the timestamp; `signature` replaces the computed one.
 */
export async function postSlashCommand(
  eventsUrl: string,
  secret: string,
  fields: Record<string, string>,
  options: { ageSeconds?: number; signature?: string } = {},
): Promise<SignedPost> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0);
  const started = performance.now();
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
    },
    body,
  });
  return { status: res.status, body: await res.text(), elapsedMs: performance.now() - started };
}
