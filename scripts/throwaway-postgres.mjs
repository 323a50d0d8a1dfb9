// A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, a free port on
// 127.0.0.1, no Unix socket, a random password. Used by run-tests.mjs (one cluster per `npm test`),
// by test/store/pg-factory.ts (when a test file runs alone) and by .ci/run:
//   node scripts/throwaway-postgres.mjs start DIR   prints the connection URL
//   node scripts/throwaway-postgres.mjs stop DIR
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user (or nobody).
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folder holding pg_ctl and initdb: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir() {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

const asRoot = () => process.getuid?.() === 0;

function owner() {
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { user, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

const asOwner = (bin, args) => (asRoot() ? ['runuser', ['-u', owner().user, '--', bin, ...args]] : [bin, args]);

function run(bin, args) {
  const r = spawnSync(...asOwner(bin, args), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${[bin, ...args].join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

/** pg_ctl on the cluster under `dir` without blocking this process (whose fakes must keep answering). */
function pgCtlAsync(dir, args) {
  const bin = join(postgresBinDir(), 'pg_ctl');
  const data = join(dir, 'data');
  return new Promise((resolve, reject) =>
    execFile(...asOwner(bin, ['-D', data, ...args]), (err, stdout, stderr) => (err ? reject(new Error(`pg_ctl ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`)) : resolve())),
  );
}

// fsync off: a test cluster that dies with the machine is thrown away anyway.
const serverOptions = (port) => `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200`;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Starts a cluster under `dir` (created when absent) and returns its superuser's URL. */
export async function startThrowawayPostgres(dir = mkdtempSync(join(tmpdir(), 'digest-pg-'))) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries (pg_ctl) on PATH or in /usr/lib/postgresql/*/bin');
  mkdirSync(dir, { recursive: true });
  // The cluster's user must reach its folder through the temp folder, which mkdtemp made private.
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const password = randomBytes(12).toString('hex');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (asRoot()) {
    const { uid, gid } = owner();
    mkdirSync(data, { mode: 0o700 });
    chownSync(data, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  run(join(bin, 'initdb'), ['-D', data, '-U', 'digest', '--pwfile', pwfile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C', '--no-sync']);
  rmSync(pwfile);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(data, 'server.log'), '-o', serverOptions(port), '-w', '-t', '60', 'start']);
  return `postgres://digest:${password}@127.0.0.1:${port}/postgres`;
}

/** Stops the cluster under `dir` at once (no checkpoint: nothing in it is kept) and removes the folder. */
export function stopThrowawayPostgres(dir) {
  const bin = postgresBinDir();
  if (bin && existsSync(join(dir, 'data', 'postmaster.pid'))) run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  rmSync(dir, { recursive: true, force: true });
}

/** Stops the server under `dir` as an operator's restart does (fast: sessions ended, files kept). */
export function stopThrowawayServer(dir) {
  return pgCtlAsync(dir, ['-m', 'fast', '-w', 'stop']);
}

/** Starts the server under `dir` again after stopThrowawayServer, on the port of its `url`. */
export function startThrowawayServer(dir, url) {
  return pgCtlAsync(dir, ['-l', join(dir, 'data', 'server.log'), '-o', serverOptions(new URL(url).port), '-w', '-t', '60', 'start']);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start' && dir) console.log(await startThrowawayPostgres(dir));
  else if (command === 'stop' && dir) stopThrowawayPostgres(dir);
  else {
    console.error('usage: node scripts/throwaway-postgres.mjs start|stop DIR');
    process.exit(2);
  }
}
