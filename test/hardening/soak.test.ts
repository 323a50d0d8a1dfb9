import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startDiscordBot } from '../../src/adapters/discord/discord-bot.ts';
import { startSlackBot } from '../../src/adapters/slack/slack-bot.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { RateLimiter } from '../../src/commands/rate-limit.ts';
import type { CommandDeps } from '../../src/commands/types.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import type { InteractionState } from '../fakes/discord/rest-routes.ts';
import { BOT_TOKEN, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { SIGNING_SECRET, postSlashCommand, slashCommandFields } from '../fakes/slack/slash-command.ts';
import { BUDGETS, TEST_REST, captureLogger } from '../discord/harness.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';

// Thousands of /summary and autocomplete interactions through the real discord.js and Bolt
// against the fakes, with the articles reloaded between rounds. SOAK_N sets the number of
// interactions (CI default 600, about 6 s; SOAK_N=20000 for a long run).
const TOTAL = Number(process.env.SOAK_N ?? 600);
const ROUNDS = 12;
const WARM_UP_ROUNDS = 3;
// Interactions in flight at once: enough to overlap, few enough that each is answered well within Discord's 3 s.
const CHUNK = 30;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage();
};
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function until(condition: () => boolean, what: () => string, timeoutMs = 10_000) {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`soak: timed out waiting for ${what()}`);
    await sleep(5);
  }
}

const EXTRA = `---\ntitle: Soak extra\nsource: Soak Wire\n---\n\nOfficials in Ghazni said the soak test added this article on purpose.\n`;

test(`soak: ${TOTAL} interactions through fake Discord and Slack with reloads between rounds; every one answered once, no errors, memory flat`, async (t) => {
  const articles = mkdtempSync(join(tmpdir(), 'digest-soak-'));
  cpSync(ARTICLES, articles, { recursive: true });
  const corpus = new LiveCorpus({ engine: realEngine(), dir: articles, maxBytes: 5_000_000 });
  assert.ok((await corpus.reload()).ok);
  // The rate limiter as run-bot makes it, with limits no one reaches: every Slack command comes
  // from a new user, so its map of recent callers must be swept, not grow with each one.
  const deps: CommandDeps = { corpus, budgets: BUDGETS, rateLimiter: new RateLimiter({ perUser: 1_000_000, perChannel: 1_000_000, windowMs: 1000 }) };
  const topics = corpus.current.topics.slice(0, 20).map((topic) => topic.name);
  const discordLogs = captureLogger('warn');
  const slackLogs = captureLogger('warn');

  const discord = await FakeDiscord.start();
  const slackFake = await startFakeSlack();
  const discordBot = await startDiscordBot({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, deps, logger: discordLogs.logger, rest: TEST_REST });
  const slackBot = await startSlackBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: slackFake.apiUrl, adminIds: [], deps, logger: slackLogs.logger });
  const eventsUrl = `http://127.0.0.1:${slackBot.port}/slack/events`;

  const counts = { summaries: 0, autocompletes: 0, slack: 0, messages: 0, reloads: 0, reloadMs: 0 };
  let base: NodeJS.MemoryUsage | undefined;
  // Heap after GC at the end of each round from warm-up on: a leak shows as a steady climb.
  const series: number[] = [];
  const started = performance.now();
  try {
    const perRound = Math.ceil(TOTAL / ROUNDS);
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const kinds = Array.from({ length: perRound }, (_, i) => (i % 10 < 4 ? 'summary' : i % 10 < 7 ? 'autocomplete' : 'slack'));
      for (let start = 0; start < kinds.length; start += CHUNK) {
        const chunk = kinds.slice(start, start + CHUNK);
        const discordAsked: InteractionState[] = [];
        const slackAsked: string[] = [];
        for (const kind of chunk) {
          const topic = topics[n++ % topics.length]!;
          if (kind === 'summary') discordAsked.push(discord.command('summary', { topic, length: n % 3 === 0 ? 'short' : 'medium' }));
          else if (kind === 'autocomplete') discordAsked.push(discord.autocomplete('summary', { name: 'topic', value: topic.slice(0, 1 + (n % 4)) }));
          else slackAsked.push(`s${round}-${start}-${slackAsked.length}`);
        }
        const slackPosts = slackAsked.map((id, i) =>
          postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/summary', topics[(n + i) % topics.length]!, { user: `USOAK${n + i}` }, slackFake.responseUrl(id))),
        );
        for (const posted of await Promise.all(slackPosts)) assert.equal(posted.status, 200);
        const responded = (id: string) => slackFake.records.filter((r) => r.kind === 'response' && r.name === id);
        await until(
          () => discordAsked.every((i) => i.answered !== undefined) && slackAsked.every((id) => responded(id).length > 0),
          () =>
            `${discordAsked.filter((i) => i.answered === undefined).length} Discord and ${slackAsked.filter((id) => responded(id).length === 0).length} Slack answers; ` +
            `refused: ${discord.requests.filter((r) => r.status >= 400).map((r) => `${r.status} ${JSON.stringify(r.response)}`).join(', ') || 'none'}`,
        );
        await sleep(2);
        for (const i of discordAsked) {
          const callbacks = discord.requests.filter((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
          assert.equal(callbacks.length, 1, 'one first answer per interaction');
          assert.ok(callbacks[0]!.status < 300, `accepted: ${JSON.stringify(callbacks[0]!.response)}`);
          if (i.type === 2) {
            assert.equal(i.answered, 4, '/summary answered at once, not deferred');
            counts.summaries++;
            counts.messages += discord.shown(i).length;
          } else {
            assert.equal(i.answered, 8);
            counts.autocompletes++;
          }
        }
        for (const id of slackAsked) {
          const replies = responded(id);
          assert.equal(replies.length, 1, 'one reply per Slack command');
          assert.equal(replies[0]!.refused, undefined);
          counts.slack++;
          counts.messages++;
        }
        assert.deepEqual(discord.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`), []);
        discord.clearRecords();
        slackFake.clearRecords();
      }
      // Reload between rounds, the folder changing every time: one article more, then one less.
      if (round % 2 === 0) writeFileSync(join(articles, 'zz-soak-extra.md'), EXTRA);
      else unlinkSync(join(articles, 'zz-soak-extra.md'));
      const report = await corpus.reload();
      assert.ok(report.ok, report.ok ? '' : report.error);
      counts.reloads++;
      counts.reloadMs += report.ok ? report.elapsedMs : 0;
      if (round === WARM_UP_ROUNDS - 1) base = heapAfterGc();
      if (round >= WARM_UP_ROUNDS - 1) series.push(mb(heapAfterGc().heapUsed));
    }
    const elapsedMs = Math.round(performance.now() - started);
    const end = heapAfterGc();
    const interactions = counts.summaries + counts.autocompletes + counts.slack;
    const after = interactions - Math.ceil(TOTAL / ROUNDS) * WARM_UP_ROUNDS;
    t.diagnostic(
      `soak: ${interactions} interactions (${counts.summaries} Discord /summary, ${counts.autocompletes} autocomplete, ${counts.slack} Slack /summary), ` +
        `${counts.messages} messages, ${counts.reloads} reloads (${Math.round(counts.reloadMs)} ms of them) in ${elapsedMs} ms (${Math.round((interactions / elapsedMs) * 1000)}/s)`,
    );
    t.diagnostic(
      `soak: heap after GC ${mb(base!.heapUsed)} MB after warm-up -> ${mb(end.heapUsed)} MB at the end (${after} interactions later); ` +
        `RSS ${mb(base!.rss)} -> ${mb(end.rss)} MB; per round (MB): ${series.join(' ')}`,
    );
    assert.ok(interactions >= TOTAL);
    assert.deepEqual(discordLogs.logs.filter((l) => Number(l.level) >= 50), [], 'no errors logged by the Discord bot');
    assert.deepEqual(slackLogs.logs.filter((l) => Number(l.level) >= 50), [], 'no errors logged by the Slack bot');
    // Flat: what stays after a full GC grows by less than 8 MB, or 256 bytes per interaction on
    // long runs (a leak of one small record per interaction fails a 20k run; 100k runs measured
    // 41.2 -> 42.9 MB, round to round noise about 1 MB).
    const grown = end.heapUsed - base!.heapUsed;
    assert.ok(grown < Math.max(8 * 2 ** 20, after * 256), `heap grew ${mb(grown)} MB over ${after} interactions`);
  } finally {
    await discordBot.stop();
    await slackBot.stop();
    await discord.close();
    await slackFake.close();
    rmSync(articles, { recursive: true, force: true });
  }
});
