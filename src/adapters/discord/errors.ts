import { DiscordAPIError, DiscordjsErrorCodes, HTTPError } from 'discord.js';

// Interaction and webhook URLs carry the interaction's token; logs get the route without it.
const TOKEN_IN_PATH = /\/(webhooks|interactions)\/(\d+)\/[^/?]+/g;
const withoutTokens = (url: string) => url.replace(TOKEN_IN_PATH, '/$1/$2/[token]');

/** A Discord failure as log fields, without the request body or any token. */
export function loggableError(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError || err instanceof HTTPError) {
    return { type: err.name, message: withoutTokens(err.message), status: err.status, method: err.method, path: withoutTokens(new URL(err.url).pathname), ...('code' in err ? { code: err.code } : {}) };
  }
  if (err instanceof Error) return { type: err.name, message: withoutTokens(err.message), stack: err.stack ? withoutTokens(err.stack) : undefined };
  return { message: String(err) };
}

// Unknown Interaction (the 3 s for a first answer are over) and Unknown Webhook (its 15 minutes
// for edits and follow-ups are over): the interaction's token is dead, so is every retry.
const EXPIRED_INTERACTION_CODES: ReadonlySet<unknown> = new Set([10062, 10015]);

/** An answer Discord will never take, however often it is sent again. */
export function isUndeliverable(err: unknown): boolean {
  return err instanceof DiscordAPIError && EXPIRED_INTERACTION_CODES.has(err.code);
}

/** Why talking to Discord failed, in words that say what to fix; never includes the token. */
export function explainDiscordError(err: unknown, apiUrl: string): string {
  const code = (err as { code?: unknown }).code;
  const status = (err as { status?: unknown }).status;
  if (code === DiscordjsErrorCodes.TokenInvalid || status === 401) {
    return 'Discord rejected the bot token (401 Unauthorized): check DISCORD_TOKEN (Developer Portal > your app > Bot > Reset Token).';
  }
  if (code === DiscordjsErrorCodes.DisallowedIntents) return 'Discord refused the gateway intents this bot asks for.';
  if (status === 403 || code === 50001) return 'Discord refused access (403): is the bot in that server, and was it invited with the applications.commands scope?';
  if (err instanceof DiscordAPIError) return `Discord answered ${err.status} (code ${String(err.code)}): ${err.message}`;
  const message = err instanceof Error ? err.message : String(err);
  return `Could not reach Discord at ${apiUrl}: ${withoutTokens(message)}`;
}
