import { setTimeout as sleep } from 'node:timers/promises';

/** How answers are posted to a slash command's response_url. */
export interface ResponsePolicy {
  /** Further attempts after a 429, a 5xx, a network error or a timeout. */
  retries: number;
  /** One attempt gets no answer after this long: it counts as failed (and is retried). */
  timeoutMs: number;
  /** Wait before the first retry of a 5xx or network failure; doubles after each (429s wait as Slack says). */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the answer fails instead. */
  maxRetryAfterMs: number;
}

export const RESPONSE_POLICY: ResponsePolicy = { retries: 3, timeoutMs: 5_000, backoffMs: 250, maxRetryAfterMs: 10_000 };

/**
 * The response_url no longer takes answers (Slack: 404 or 410 once its 30 minutes or five uses
 * are over). Retrying cannot help; the caller logs it and moves on.
 */
export class ResponseUrlGoneError extends Error {
  constructor(readonly status: number) {
    super(`the response_url no longer takes answers (HTTP ${status})`);
    this.name = 'ResponseUrlGoneError';
  }
}

/** Slack refused the answer, or kept failing until the retries ran out. */
export class ResponseFailedError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ResponseFailedError';
  }
}

/** What happened to one answer, for the log. */
export interface ResponseOutcome {
  attempts: number;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number.parseInt(header, 10);
  return Number.isNaN(seconds) || seconds < 0 ? undefined : seconds * 1000;
}

/**
 * POSTs one message to a response_url, as Bolt's `respond()` does, but the way a platform
 * asks to be retried: a 429 waits its Retry-After, a 5xx, a network error or no answer within
 * `timeoutMs` back off and try again, each at most `retries` times in all. A 404/410 (the URL
 * expired or was used up) fails at once with ResponseUrlGoneError; any other 4xx at once too.
 */
export async function postToResponseUrl(url: string, message: Record<string, unknown>, policy: ResponsePolicy = RESPONSE_POLICY): Promise<ResponseOutcome> {
  const body = JSON.stringify(message);
  let lastProblem = '';
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    let wait = policy.backoffMs * 2 ** attempt;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(policy.timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { attempts: attempt + 1 };
      if (res.status === 404 || res.status === 410) throw new ResponseUrlGoneError(res.status);
      lastProblem = `HTTP ${res.status}`;
      if (res.status === 429) {
        const asked = retryAfterMs(res.headers.get('retry-after')) ?? wait;
        if (asked > policy.maxRetryAfterMs) throw new ResponseFailedError(`Slack asked to wait ${asked} ms before answering again; that is longer than an answer may take`, 429);
        wait = asked;
      } else if (res.status < 500) {
        throw new ResponseFailedError(`Slack refused the answer: HTTP ${res.status}`, res.status);
      }
    } catch (err) {
      if (err instanceof ResponseUrlGoneError || err instanceof ResponseFailedError) throw err;
      lastProblem = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${policy.timeoutMs} ms` : (err as Error).message;
    }
    if (attempt < policy.retries) await sleep(wait);
  }
  throw new ResponseFailedError(`posting the answer failed ${policy.retries + 1} times; last: ${lastProblem}`);
}
