import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { CassandraModule } from './cassandra/cassandra.module';
import { validateEnvironment } from './config/environment';
import { MessagesRepository } from './messages/messages.repository';
import { SearchBackfillService } from './messages/search-backfill.service';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment }), CassandraModule],
  providers: [MessagesRepository, SearchBackfillService],
})
class SearchBackfillModule {}

/**
 * `npm run search:backfill`: makes messages stored before message search existed findable, then exits. Run
 * once after upgrading; running it again changes nothing.
 */
async function backfill(): Promise<void> {
  const context = await NestFactory.createApplicationContext(SearchBackfillModule, {
    logger: ['warn', 'error'],
  });
  try {
    const done = await context.get(SearchBackfillService).backfill(({ found }) => {
      if (process.stdout.isTTY) process.stdout.write(`\r${found} messages without search terms found`);
    });
    process.stdout.write(
      `\nSearch backfill done: ${done.found} messages had no search terms; ${done.indexed} now have them.\n`,
    );
  } finally {
    await context.close();
  }
}

backfill().catch((error: unknown) => {
  process.stderr.write(`Search backfill failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
