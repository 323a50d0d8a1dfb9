/**
 * Checks what `/subscribe` receives. Pure and platform-neutral: failures are codes with details,
 * which the commands layer turns into words, like every other command error.
 */

import { parseLocalTime, parseTimeZone, type Checked } from '../ports/schedule-time.ts';

/** A validated subscription request, ready for `SubscriptionStore.addSubscription`. */
export interface SubscriptionRequest {
  topic: string;
  time: string;
  timeZone: string;
}

/**
 * Validates `/subscribe topic time [timezone]`. The zone falls back to the configured default,
 * which is checked too: a bad default is a configuration error worth reporting, not a silent UTC.
 */
export function parseSubscriptionRequest(
  input: { topic?: string | undefined; time?: string | undefined; timeZone?: string | undefined },
  options: { defaultTimeZone: string; maxTopicLength?: number },
): Checked<SubscriptionRequest> {
  const topic = (input.topic ?? '').replace(/\s+/g, ' ').trim();
  if (!topic) return { ok: false, code: 'empty-topic', detail: { option: 'topic' } };
  const max = options.maxTopicLength ?? 100;
  if (topic.length > max) return { ok: false, code: 'too-long', detail: { option: 'topic', max: String(max) } };
  const time = parseLocalTime(input.time ?? '');
  if (!time.ok) return time;
  const zone = parseTimeZone(input.timeZone?.trim() ? input.timeZone : options.defaultTimeZone);
  if (!zone.ok) return zone;
  return { ok: true, value: { topic, time: time.value.text, timeZone: zone.value } };
}
