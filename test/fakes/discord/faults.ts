import type { Fault } from '../faults.ts';

export interface FaultAnswer {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** What Discord sends for an injected failure: its 429 body and headers, its 5xx bodies. */
export function discordFaultAnswer(fault: Fault & { status: number }): FaultAnswer {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.status === 429) {
    headers['x-ratelimit-scope'] = 'user';
    const body = fault.body ?? { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 1, global: false };
    return { status: 429, body, headers };
  }
  if (fault.body !== undefined) return { status: fault.status, body: fault.body, headers };
  if (fault.status >= 500) return { status: fault.status, body: { message: `${fault.status}: Internal Server Error`, code: 0 }, headers };
  return { status: fault.status, body: { message: `${fault.status}: injected`, code: 0 }, headers };
}
