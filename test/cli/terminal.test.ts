// The terminal session as a person meets it: `npm start` in a real terminal. A pipe is not enough,
// as readline behaves differently when stdin is a TTY (raw mode, prompts, Ctrl-C). util-linux's
// `script` (in Debian's essential bsdutils) gives the child a pseudo-terminal.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ARTICLES } from '../helpers/fixtures.ts';

const hasScript = spawnSync('script', ['--version']).status === 0;

interface Terminal {
  /** Everything the terminal showed so far, escape sequences removed. */
  screen(): string;
  type(text: string): void;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
  kill(): void;
}

function startInTerminal(env: Record<string, string>): Terminal {
  const command = `${JSON.stringify(process.execPath)} --import tsx src/index.ts`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, TERM: 'dumb', NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // eslint-disable-next-line no-control-regex
  const screen = () => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  return {
    screen,
    type: (text) => child.stdin.write(text),
    async waitFor(pattern, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!pattern.test(screen())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** `npm start` in a terminal, on a copy of the bundled articles; ended and removed after the test. */
function openTerminal(t: TestContext, logLevel: string): { term: Terminal; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'terminal-'));
  cpSync(ARTICLES, join(dir, 'articles'), { recursive: true });
  const term = startInTerminal({ ARTICLES_DIR: join(dir, 'articles'), DATA_DIR: join(dir, 'data'), RELOAD_DEBOUNCE_MS: '200', LOG_LEVEL: logLevel });
  t.after(() => {
    term.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  return { term, dir };
}

test('terminal: /quit leaves the session in a real terminal', { skip: !hasScript && 'util-linux script is not installed' }, async (t) => {
  const { term } = openTerminal(t, 'warn');
  await term.waitFor(/\/quit or Ctrl-D to leave/);
  term.type('/quit\r');
  const code = await Promise.race([term.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 15_000))]);
  assert.equal(code, 0, `after /quit the process is ${code}; the screen shows:\n${term.screen()}`);
});

test('terminal: logs go to a file, not over the prompt, and an automatic reload is told in one line', { skip: !hasScript && 'util-linux script is not installed' }, async (t) => {
  const { term, dir } = openTerminal(t, 'info');
  await term.waitFor(/\/quit or Ctrl-D to leave/);
  const logFile = join(dir, 'data', 'bot.log');
  assert.match(term.screen(), new RegExp(`Logs: ${logFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // pino's lines (JSON or pretty) never reach the screen, at info level either.
  assert.doesNotMatch(term.screen(), /"level":|\bINFO\b|articles loaded/);
  // The file logger writes asynchronously: the line may land just after the prompt.
  const logged = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  for (let tries = 0; !/"msg":"articles loaded"/.test(logged()) && tries < 250; tries++) await new Promise((r) => setTimeout(r, 20));
  assert.match(logged(), /"msg":"articles loaded"/);

  appendFileSync(join(dir, 'articles', 'new.txt'), 'Herat fell to the Taliban on Friday, officials said.\n\nThe city is the third largest in the country.\n');
  await term.waitFor(/The articles folder changed\. Reloaded 6 articles in \d+ ms: 1 added/);
  assert.doesNotMatch(term.screen(), /articles reloaded after a change/);
  term.type('/quit\r');
  assert.equal(await term.exited, 0);
});
