import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with the value if it comes within `ms`, else with undefined; leaves no timer behind. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  const timer = new AbortController();
  try {
    return await Promise.race([work, sleep(ms, undefined, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}
