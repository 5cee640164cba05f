/**
 * A local redis-server for development and tests, started the way the local Cassandra node is: in the
 * project's .redis directory, on 127.0.0.1 only, nothing persisted (it carries only live events).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import * as path from 'node:path';

export const REDIS_PORT = Number(process.env.REDIS_PORT ?? 6379);
const DIR = path.join(__dirname, '..', '..', '.redis');
const PID_FILE = path.join(DIR, 'redis.pid');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisLaunchError extends Error {}

/** True when a Redis answers PING on 127.0.0.1 at the port. */
export function redisAnswers(port = REDIS_PORT): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** Starts redis-server unless one answers; true when this call started it. */
export async function startRedis(log: (line: string) => void = console.log): Promise<boolean> {
  if (await redisAnswers()) {
    log(`Redis already answers at 127.0.0.1:${REDIS_PORT}.`);
    return false;
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new RedisLaunchError(
      "redis-server is not installed: install Debian's redis-server package (apt-get install redis-server)",
    );
  }
  mkdirSync(DIR, { recursive: true });
  const started = spawnSync('redis-server', [
    '--port',
    String(REDIS_PORT),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--dir',
    DIR,
    '--pidfile',
    PID_FILE,
    '--logfile',
    path.join(DIR, 'redis.log'),
  ]);
  if (started.status !== 0)
    throw new RedisLaunchError(`redis-server failed to start: ${started.stderr.toString()}`);
  for (const began = Date.now(); !(await redisAnswers()); await sleep(100)) {
    if (Date.now() - began > 10_000)
      throw new RedisLaunchError(`Redis did not answer within 10 s; see ${DIR}/redis.log`);
  }
  log(`Redis ready at 127.0.0.1:${REDIS_PORT} (redis://127.0.0.1:${REDIS_PORT}).`);
  return true;
}

/** The pid of the local redis-server this tool started, if it runs. */
function runningPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Stops the local redis-server (SIGTERM, then SIGKILL after 5 s). */
export async function stopRedis(log: (line: string) => void = console.log): Promise<void> {
  const pid = runningPid();
  if (pid === undefined) {
    log('The local Redis is not running.');
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (const began = Date.now(); runningPid() !== undefined; await sleep(100)) {
    if (Date.now() - began > 5000) process.kill(pid, 'SIGKILL');
  }
  rmSync(PID_FILE, { force: true });
  log(`Stopped Redis (pid ${pid}).`);
}

/** Kills the local redis-server at once, as a crash would (for fault tests). */
export function killRedis(): void {
  const pid = runningPid();
  if (pid !== undefined) process.kill(pid, 'SIGKILL');
}
