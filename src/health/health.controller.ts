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

  @Get()
  @ApiOperation({ operationId: 'health', summary: 'Ready when the database answers a query' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiDatabaseUnavailableResponse()
  async check(): Promise<{ status: 'ok' }> {
    await this.health.ping();
    return { status: 'ok' };
  }
}
