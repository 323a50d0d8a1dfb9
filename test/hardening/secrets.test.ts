// Secrets never leak: the real bot runs as a child process with recognisable tokens and signing
// secret for both platforms, against the fakes, with logs at debug level, and is driven into
// every kind of error: bad settings, tokens the platform refuses, platform 500s on scheduled posts
// and on replies, commands that throw, and a crash of the process with an uncaught error. Every
// byte it wrote (stdout, stderr) and every body it sent to the platforms is searched for each
// secret, whole and in part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { APP_TOKEN, BOT_TOKEN, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { SIGNING_SECRET, postSlashCommand, slashCommandFields } from '../fakes/slack/slash-command.ts';
import { ARTICLES, ROOT } from '../helpers/fixtures.ts';

const DISCORD_TOKEN = `SeCrEtDiScOrD.${randomBytes(8).toString('hex')}.ToKeN`;
const WRONG_DISCORD_TOKEN = `WrOnGdIsCoRd.${randomBytes(8).toString('hex')}.ToKeN`;
const WRONG_SLACK_TOKEN = `xoxb-WrOnGsLaCk-${randomBytes(8).toString('hex')}`;
const USER_TOKEN = `xoxp-UsErToKeN-${randomBytes(8).toString('hex')}`;
const BAD_SIGNING = `NoTHeX-${randomBytes(8).toString('hex')}`;
/** Each secret with a distinctive part of it, so a cut or partly masked copy is caught too. */
const SECRETS: [string, string][] = [
  [DISCORD_TOKEN, 'SeCrEtDiScOrD'],
  [WRONG_DISCORD_TOKEN, 'WrOnGdIsCoRd'],
  [BOT_TOKEN, 'test-bot-token'],
  [WRONG_SLACK_TOKEN, 'WrOnGsLaCk'],
  [USER_TOKEN, 'UsErToKeN'],
  [SIGNING_SECRET, SIGNING_SECRET.slice(0, 12)],
  [BAD_SIGNING, 'NoTHeX'],
  [APP_TOKEN, 'test-app-token'],
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(entry: string, env: Record<string, string>, drive?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { PATH: process.env.PATH!, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return (async () => {
    try {
      await drive?.(child, () => stdout);
    } catch (err) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${(err as Error).message}\nstderr:\n${stderr.slice(-4000)}`);
    }
    return { code: await exited, stdout, stderr };
  })();
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (let waited = 0; !ok(); waited += 25) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function leaks(where: string, text: string): string[] {
  return SECRETS.filter(([whole, part]) => text.includes(whole) || text.includes(part)).map(([, part]) => `${where}: ${part}`);
}

test('secrets: no token or signing secret reaches stdout, stderr (debug logs, crash output) or anything sent to the platforms', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-secrets-'));
  const discord = await FakeDiscord.start({ token: DISCORD_TOKEN });
  const slack = await startFakeSlack();
  const base = { ARTICLES_DIR: ARTICLES, WATCH_ARTICLES: 'false', LOG_LEVEL: 'debug', SLACK_PORT: '0', DISCORD_API_URL: discord.apiUrl, SLACK_API_URL: slack.apiUrl };
  const index = join(ROOT, 'src/index.ts');
  try {
    // Start-up failures, side by side: malformed secrets, and tokens each platform refuses.
    const [badConfig, discordRefuses, slackRefuses] = await Promise.all([
      run(index, { ...base, DATA_DIR: join(dataDir, 'a'), SLACK_BOT_TOKEN: USER_TOKEN, SLACK_SIGNING_SECRET: BAD_SIGNING, SLACK_APP_TOKEN: WRONG_SLACK_TOKEN, DISCORD_TOKEN: `${WRONG_DISCORD_TOKEN} !`, DISCORD_APPLICATION_ID: discord.applicationId }),
      run(index, { ...base, DATA_DIR: join(dataDir, 'b'), DISCORD_TOKEN: WRONG_DISCORD_TOKEN, DISCORD_APPLICATION_ID: discord.applicationId }),
      run(index, { ...base, DATA_DIR: join(dataDir, 'c'), SLACK_BOT_TOKEN: WRONG_SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    ]);
    const tail = (r: Run) => r.stderr.slice(-1500);
    assert.equal(badConfig.code, 1, tail(badConfig));
    for (const key of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN']) assert.ok(badConfig.stderr.includes(`${key}: `), tail(badConfig));
    assert.equal(discordRefuses.code, 1, tail(discordRefuses));
    assert.ok(/news-digest-bot: .*(token|401|Unauthorized)/i.test(discordRefuses.stderr), tail(discordRefuses));
    assert.equal(slackRefuses.code, 1, tail(slackRefuses));
    assert.ok(/news-digest-bot: .*invalid_auth/i.test(slackRefuses.stderr), tail(slackRefuses));

    // A full run on both platforms: two digests due at start whose posts get 500s, answered commands,
    // a reply Slack refuses, commands that throw (the store closed under them), then a crash.
    const dueAt = new Date(Date.now() - 2 * 60_000);
    const time = `${String(dueAt.getUTCHours()).padStart(2, '0')}:${String(dueAt.getUTCMinutes()).padStart(2, '0')}`;
    const full = join(dataDir, 'full');
    const store = await openStore({ path: join(full, 'digests.sqlite') });
    const created = new Date(Date.now() - 3_600_000);
    await store.addSubscription({ platform: 'slack', channel: 'C1', topic: 'ghazni', time, timeZone: 'UTC' }, created);
    await store.addSubscription({ platform: 'discord', channel: discord.channelId, topic: 'ghazni', time, timeZone: 'UTC' }, created);
    await store.close();
    discord.failNext('POST /channels/:id/messages', { status: 500, times: 20 });
    slack.failNext('chat.postMessage', { status: 500, times: 20 });

    const crashed = await run(join(ROOT, 'test/hardening/secrets-entry.ts'), {
      ...base,
      DATA_DIR: full,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_ADMIN_IDS: 'UADMIN1',
    }, async (child, stdout) => {
      await until('the bot to start', () => /ready \d+/.test(stdout()));
      const eventsUrl = `http://127.0.0.1:${/ready (\d+)/.exec(stdout())![1]}/slack/events`;
      await until('failed scheduled posts on both platforms', () =>
        discord.requests.some((r) => r.method === 'POST' && r.path.endsWith('/messages') && r.status === 500) &&
        slack.records.some((r) => r.name === 'chat.postMessage' && r.refused !== undefined));

      const summary = discord.command('summary', { topic: 'ghazni' });
      await discord.waitFor((r) => r.path.includes(summary.token) && r.status < 300, 10_000);
      await postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/summary', 'ghazni', { user: 'UMEMBER1' }, slack.responseUrl('ok')));
      await slack.next((r) => r.kind === 'response' && r.name === 'ok', 10_000);
      slack.failNext('response_url/refused', { status: 500, times: 10 });
      await postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/summary', 'kabul', { user: 'UMEMBER1' }, slack.responseUrl('refused')));
      await slack.next((r) => r.kind === 'response' && r.name === 'refused', 10_000);
      // A request with a bad signature is turned away.
      const forged = await postSlashCommand(eventsUrl, 'f'.repeat(32), slashCommandFields('/summary', 'ghazni', { user: 'UMEMBER1' }, slack.responseUrl('forged')));
      assert.equal(forged.status, 401);

      child.stdin!.write('break-store\n');
      await until('the store to close', () => stdout().includes('store closed'));
      const listing = discord.command('subscriptions');
      await discord.waitFor((r) => r.path.includes(listing.token) && r.status < 300, 10_000);
      await postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/subscribe', 'kabul 07:00', { user: 'UADMIN1', channel: 'C1' }, slack.responseUrl('throws')));
      const apology = await slack.next((r) => r.kind === 'response' && r.name === 'throws', 10_000);
      assert.match(JSON.stringify(apology.body), /went wrong|try again/i);

      child.stdin!.write('crash\n');
    });
    assert.notEqual(crashed.code, 0, 'the uncaught error killed the process');
    assert.ok(/Unknown Channel/.test(crashed.stderr), `the crash output is there, and was searched:\n${crashed.stderr.slice(-1500)}`);
    assert.ok(crashed.stderr.includes('"level":20'), 'debug lines were written, and searched');

    // The values searched for are the ones the bot really held: it authenticated with them.
    assert.ok(slack.records.some((r) => String(r.headers.authorization) === `Bearer ${BOT_TOKEN}`));
    assert.ok(discord.requests.some((r) => r.authorized));
    const sent = [
      ...discord.requests.map((r) => JSON.stringify({ path: r.path, query: r.query, body: r.body })),
      // Slack's Web API takes the token in the form too (auth.test does): that is the credential
      // going to its owner, not a leak; everything else the bot sent is searched.
      ...slack.records.map((r) => JSON.stringify({ ...r.body, token: undefined })),
    ].join('\n');
    const found = [
      ...[badConfig, discordRefuses, slackRefuses, crashed].flatMap((r, i) => [...leaks(`run ${i + 1} stdout`, r.stdout), ...leaks(`run ${i + 1} stderr`, r.stderr)]),
      ...leaks('sent to the platforms', sent),
    ];
    console.log(`secrets figures: ${JSON.stringify({ runs: 4, stderrBytes: [badConfig, discordRefuses, slackRefuses, crashed].reduce((n, r) => n + r.stderr.length, 0), requestsSearched: discord.requests.length + slack.records.length, secrets: SECRETS.length, leaks: found.length })}`);
    assert.deepEqual(found, []);
  } finally {
    await discord.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
