import { digestTopic } from '../core/query/digest.ts';
import { parseSubscriptionRequest } from './subscription-input.ts';
import { zoneChoices } from './zone-choices.ts';
import type { CommandDefinition, CommandDeps, Reply, SubscriptionDeps } from './types.ts';

const TOPIC = { name: 'topic', description: 'The topic of the daily digest, e.g. ghazni', required: true, maxLength: 100, topic: true } as const;

// "Berlin" -> Europe/Berlin: the zone a user most likely meant by a name Intl does not know.
function zoneSuggestion(code: string, typed: string | undefined): { suggestion?: string } {
  const suggestion = code === 'bad-time-zone' && typed ? zoneChoices(typed, 1)[0] : undefined;
  return suggestion ? { suggestion } : {};
}

function withStore(deps: CommandDeps, run: (s: SubscriptionDeps) => Promise<Reply>): Promise<Reply> | Reply {
  return deps.subscriptions ? run(deps.subscriptions) : { kind: 'error', code: 'no-store', detail: {} };
}

export const subscribeCommand: CommandDefinition = {
  name: 'subscribe',
  description: 'Post a daily digest of a topic in this channel at a local time (admins only)',
  access: 'admin',
  needsCorpus: false,
  example: 'ghazni 07:30 Europe/Berlin',
  options: [
    TOPIC,
    { name: 'time', description: 'Local time of day, 24-hour HH:MM, e.g. 08:30', required: true, maxLength: 10, pattern: /^\d{1,2}[:.]\d{1,2}$/ },
    { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin (default from the bot config)', required: false, maxLength: 64, zone: true, pattern: /^(UTC|GMT|[A-Za-z_]+(\/[\w+-]+)+)$/i },
  ],
  run(input, invoker, deps) {
    return withStore(deps, async (s) => {
      const request = parseSubscriptionRequest(
        { topic: input.topic, time: input.time, timeZone: input.timezone },
        { defaultTimeZone: s.defaultTimeZone },
      );
      if (!request.ok) return { kind: 'error', code: request.code, detail: { ...request.detail, ...zoneSuggestion(request.code, input.timezone) } };
      const { subscription, created } = await s.store.addSubscription(
        { platform: invoker.platform, channel: invoker.channel, createdBy: invoker.id, ...request.value },
        s.now(),
      );
      // A subscription to a topic the articles never mention is allowed (news changes), but say so.
      const today = deps.corpus.loaded ? digestTopic(deps.corpus.current, subscription.topic, deps.budgets.short) : undefined;
      return {
        kind: 'subscribed',
        subscription,
        created,
        articlesNow: today?.articles.length ?? 0,
        suggestions: today?.suggestions ?? [],
      };
    });
  },
};

export const unsubscribeCommand: CommandDefinition = {
  name: 'unsubscribe',
  description: "Stop this channel's daily digest of a topic (admins only)",
  access: 'admin',
  needsCorpus: false,
  example: 'ghazni',
  options: [TOPIC],
  run(input, invoker, deps) {
    return withStore(deps, async (s) => {
      const ref = { platform: invoker.platform, channel: invoker.channel };
      const removed = await s.store.removeSubscription(ref, input.topic!, s.now());
      const remaining = removed ? [] : (await s.store.listSubscriptions(ref)).map((sub) => sub.topic);
      return { kind: 'unsubscribed', topic: input.topic!, removed, remaining };
    });
  },
};

export const subscriptionsCommand: CommandDefinition = {
  name: 'subscriptions',
  description: 'The daily digests this channel gets',
  access: 'everyone',
  needsCorpus: false,
  options: [],
  run(_input, invoker, deps) {
    return withStore(deps, async (s) => ({
      kind: 'subscriptions',
      subscriptions: await s.store.listSubscriptions({ platform: invoker.platform, channel: invoker.channel }),
    }));
  },
};
