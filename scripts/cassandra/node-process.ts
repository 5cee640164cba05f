import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { NodeLayout } from './layout';

/**
 * The pid of a node's JVM, but only when the running process really is that node: the pid file
 * may be stale and the number reused, and nothing this tool did not start may ever be signalled.
 */
export function runningPid(node: NodeLayout): number | undefined {
  if (!existsSync(node.pidFile)) return undefined;
  const pid = Number(readFileSync(node.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('CassandraDaemon') && cmdline.includes(node.configFile) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited but still answers signal 0.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

export function launchNode(node: NodeLayout, javaBinary: string, jvmArgs: string[]): number {
  const out = openSync(node.stdoutLog, 'a');
  try {
    const child = spawn(javaBinary, jvmArgs, { detached: true, stdio: ['ignore', out, out], cwd: node.dir });
    if (child.pid === undefined) throw new Error(`could not spawn ${javaBinary}`);
    child.unref();
    writeFileSync(node.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/** SIGTERM lets the node drain (it takes seconds); SIGKILL follows if it has not exited in time. */
export async function stopNode(
  node: NodeLayout,
  signal: 'SIGTERM' | 'SIGKILL',
  timeoutMs = 60_000,
): Promise<boolean> {
  const pid = runningPid(node);
  if (pid === undefined) {
    rmSync(node.pidFile, { force: true });
    return false;
  }
  process.kill(pid, signal);
  if (!(await waitForExit(pid, timeoutMs))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
  }
  rmSync(node.pidFile, { force: true });
  return true;
}

export function lastLogLines(node: NodeLayout, count = 30): string {
  const parts: string[] = [];
  for (const file of [node.systemLog, node.stdoutLog]) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count);
    parts.push(`--- last lines of ${file}\n${lines.join('\n')}`);
  }
  return parts.join('\n');
}
