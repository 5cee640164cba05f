import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { ApiDatabaseUnavailableResponse } from '../common/http/api-error-responses';
import { HealthRepository } from './health.repository';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get('live')
  @ApiOperation({
    operationId: 'live',
    summary: 'The process runs and serves HTTP (for restarts: it asks nothing of the database)',
  })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'ready',
    summary: 'Ready for traffic: a read of the application keyspace at the configured consistency answers',
  })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiDatabaseUnavailableResponse()
  async ready(): Promise<{ status: 'ok' }> {
    await this.health.ping();
    return { status: 'ok' };
  }

  @Get()
  @ApiOperation({ operationId: 'health', summary: 'The same as /health/ready (kept for existing checks)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiDatabaseUnavailableResponse()
  check(): Promise<{ status: 'ok' }> {
    return this.ready();
  }
}
