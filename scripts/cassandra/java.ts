import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LauncherError } from './errors';

/** Cassandra 5.0 runs on Java 11 and 17; Java 24+ refuses it (it installs a SecurityManager). */
const SUPPORTED = [11, 17];

export interface JavaRuntime {
  readonly binary: string;
  readonly major: number;
}

function candidates(): string[] {
  const found: string[] = [];
  if (process.env.CASSANDRA_JAVA) found.push(process.env.CASSANDRA_JAVA);
  if (process.env.JAVA_HOME) found.push(path.join(process.env.JAVA_HOME, 'bin', 'java'));
  for (const home of [
    '/usr/lib/jvm/java-17-openjdk-amd64',
    '/usr/lib/jvm/java-17-openjdk-arm64',
    '/usr/lib/jvm/java-17-openjdk',
    '/usr/lib/jvm/java-11-openjdk-amd64',
  ]) {
    found.push(path.join(home, 'bin', 'java'));
  }
  found.push('java');
  return found;
}

function majorVersion(binary: string): number | undefined {
  const result = spawnSync(binary, ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) return undefined;
  return parseMajor(`${result.stderr}${result.stdout}`);
}

/** `java -version` prints to stderr: `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_402"`. */
export function parseMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export function findJava(): JavaRuntime {
  const seen: string[] = [];
  for (const binary of candidates()) {
    if (binary.includes(path.sep) && !existsSync(binary)) continue;
    const major = majorVersion(binary);
    if (major === undefined) continue;
    if (SUPPORTED.includes(major)) return { binary, major };
    seen.push(`${binary} (Java ${major})`);
  }
  throw new LauncherError(
    seen.length === 0
      ? 'Java was not found. Install OpenJDK 17 (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.'
      : `Cassandra 5.0 needs Java 11 or 17, but only found: ${seen.join(', ')}. Install OpenJDK 17 or point JAVA_HOME (or CASSANDRA_JAVA) at it.`,
  );
}
