import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LauncherError } from './errors';
import { LIB_DIR, POM_FILE } from './layout';

/** Named by full coordinates: Maven 3.8's bare `dependency:` prefix resolves an old 2.x plugin. */
const COPY_DEPENDENCIES = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';
const MARKER = path.join(LIB_DIR, '.resolved-from');

function pomDigest(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).digest('hex');
}

export interface ServerJars {
  readonly dir: string;
  readonly jamm: string;
  readonly count: number;
  readonly bytes: number;
  readonly resolvedNow: boolean;
}

function describe(resolvedNow: boolean): ServerJars {
  const jars = readdirSync(LIB_DIR).filter((name) => name.endsWith('.jar'));
  const jamm = jars.find((name) => /^jamm-.*\.jar$/.test(name));
  if (!jamm) {
    throw new LauncherError(
      `The jamm agent jar is missing from ${LIB_DIR}; run "npm run db:reset -- --jars" and start again.`,
    );
  }
  const bytes = jars.reduce((sum, name) => sum + statSync(path.join(LIB_DIR, name)).size, 0);
  return { dir: LIB_DIR, jamm: path.join(LIB_DIR, jamm), count: jars.length, bytes, resolvedNow };
}

/**
 * Copies cassandra-all and its runtime dependencies into .cassandra/lib through Maven.
 * Maven's local repository caches the downloads; the copy is redone only when pom.xml changes.
 */
export function resolveServerJars(log: (line: string) => void): ServerJars {
  const digest = pomDigest();
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === digest) return describe(false);

  log('Resolving the Cassandra server jars through Maven (downloads once, then cached in ~/.m2) ...');
  rmSync(LIB_DIR, { recursive: true, force: true });
  mkdirSync(LIB_DIR, { recursive: true });
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-f', POM_FILE, COPY_DEPENDENCIES, '-DincludeScope=runtime', `-DoutputDirectory=${LIB_DIR}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new LauncherError(
      'Maven (mvn) was not found. Install it (Debian: apt-get install maven) so the Cassandra jars can be resolved.',
    );
  }
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new LauncherError(
      'Maven could not resolve org.apache.cassandra:cassandra-all. Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml) and try again.',
      output,
    );
  }
  writeFileSync(MARKER, digest);
  return describe(true);
}
