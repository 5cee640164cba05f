import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');

/** Builds the production service into dist/, as `npm run build` does. */
export function buildService(): void {
  const nest = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'nest');
  const result = spawnSync(nest, ['build'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `the service did not build:\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`,
    );
  }
  if (!existsSync(path.join(DIST_DIR, 'main.js'))) throw new Error('the build wrote no dist/main.js');
}
