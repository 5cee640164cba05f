/**
 * The built service with access-token verification taken out: every bearer token is taken for the user
 * BENCH_USER_ID, unchecked. Only for bench/auth-overhead.ts, which compares it with the real build to
 * measure what verifying a token costs per request; everything else (routing, validation, the membership
 * check, the reads) is the same code. Never started by the service itself.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as path from 'node:path';
import type * as AccessTokensFile from '../../src/auth/access-tokens';
import type * as AppModuleFile from '../../src/app.module';
import type * as AppSetupFile from '../../src/app.setup';
import { DIST_DIR } from '../../scripts/seed/service-build';

function fromDist<T>(file: string): T {
  // The compiled build, as in scripts/seed/service-context.ts: Nest's injection needs tsc's emitted types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(DIST_DIR, file)) as T;
}

async function main(): Promise<void> {
  const userId = Number(process.env.BENCH_USER_ID);
  const { AppModule } = fromDist<typeof AppModuleFile>('app.module.js');
  const { configureApp } = fromDist<typeof AppSetupFile>('app.setup.js');
  const { AccessTokens } = fromDist<typeof AccessTokensFile>('auth/access-tokens.js');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AccessTokens)
    .useValue({ verify: () => userId })
    .compile();
  const app: INestApplication = moduleRef.createNestApplication({
    bodyParser: false,
    logger: ['warn', 'error'],
  });
  configureApp(app);
  await app.listen(Number(process.env.PORT), process.env.HTTP_HOST ?? '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`unverified service failed: ${String(error)}\n`);
  process.exit(1);
});
