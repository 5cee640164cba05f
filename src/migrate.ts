import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { CassandraModule } from './cassandra/cassandra.module';
import { validateEnvironment } from './config/environment';

/** Only the configuration and the Cassandra module: booting it creates the keyspace and applies migrations. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }), CassandraModule],
})
class MigrationModule {}

/** `npm run migrate`: applies pending schema migrations and exits, for deployments that migrate before rollout. */
async function migrate(): Promise<void> {
  const context = await NestFactory.createApplicationContext(MigrationModule, {
    logger: ['log', 'warn', 'error'],
  });
  await context.close();
}

migrate().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
