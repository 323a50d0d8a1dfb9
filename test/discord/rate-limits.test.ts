import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REST } from 'discord.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';

const restFor = (fake: FakeDiscord, globalRequestsPerSecond = 50) => new REST({ api: fake.apiUrl, version: '10', retries: 0, timeout: 10_000, globalRequestsPerSecond }).setToken(fake.token);
const post = (rest: REST, channel: string, i: number) => rest.post(`/channels/${channel}/messages`, { body: { content: `message ${i}` } });

test('the fake Discord announces a channel\'s bucket (5 messages per 5 s) in X-RateLimit headers, and discord.js waits for it instead of being refused', async () => {
  const fake = await FakeDiscord.start({ rateLimits: true });
  try {
    const [channel] = fake.addGuild({ channels: 1 }).channelIds as [string];
    const rest = restFor(fake);
    await Promise.all(Array.from({ length: 7 }, (_, i) => post(rest, channel, i)));
    assert.equal(fake.posted.length, 7);
    assert.deepEqual(fake.rateLimits!.limited, { global: 0, route: 0 });
    const sixth = fake.requests.filter((r) => r.method === 'POST')[5]!;
    const first = fake.requests.find((r) => r.method === 'POST')!;
    // Not a speed assertion: the fake refuses a sixth message within the window, so discord.js must have waited it out.
    assert.ok(sixth.at - first.at >= 4000, `the sixth message came ${sixth.at - first.at} ms after the first`);
  } finally {
    await fake.close();
  }
});

test('the fake Discord refuses requests past 50 a second per bot with a global 429, which two clients (two processes) meet and wait out', async () => {
  const fake = await FakeDiscord.start({ rateLimits: true });
  try {
    const channels = fake.addGuild({ channels: 16 }).channelIds;
    // Each client keeps under 50 a second by itself, as discord.js does; together they are over it.
    const clients = [restFor(fake), restFor(fake)];
    await Promise.all(clients.flatMap((rest, c) => channels.flatMap((channel, i) => (i % 2 === c ? [0, 1, 2, 3, 4].map((n) => post(rest, channel, n)) : []))));
    assert.equal(fake.posted.length, 80);
    assert.ok(fake.rateLimits!.limited.global > 0, JSON.stringify(fake.rateLimits!.limited));
    const refused = fake.requests.filter((r) => r.status === 429);
    assert.ok(refused.every((r) => (r.response as { global: boolean }).global === true));
    assert.equal(fake.requests.filter((r) => r.status === 200).length, 80);
  } finally {
    await fake.close();
  }
});

test('two clients that split the 50 a second (DISCORD_REQUESTS_PER_SECOND=25 each) are never refused', async () => {
  const fake = await FakeDiscord.start({ rateLimits: true });
  try {
    const channels = fake.addGuild({ channels: 16 }).channelIds;
    const clients = [restFor(fake, 25), restFor(fake, 25)];
    await Promise.all(clients.flatMap((rest, c) => channels.flatMap((channel, i) => (i % 2 === c ? [0, 1, 2, 3, 4].map((n) => post(rest, channel, n)) : []))));
    assert.equal(fake.posted.length, 80);
    assert.deepEqual(fake.rateLimits!.limited, { global: 0, route: 0 });
  } finally {
    await fake.close();
  }
});
