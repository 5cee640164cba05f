import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/http/api-error-responses';
import { MessageDto } from './dto/message.dto';
import { REPLAYED_HEADER } from './message.mapper';

/** OpenAPI: what both send endpoints answer to a retry with a client_message_id already used. */
export function ApiSendReplayResponses(): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({
      type: MessageDto,
      description: 'A retry with a client_message_id already used: the stored message, unchanged.',
      headers: { [REPLAYED_HEADER]: { description: 'true on a replay.', schema: { type: 'string' } } },
    }),
    ApiConflictResponse({
      type: ErrorResponseDto,
      description: 'client_message_id was used for other content.',
    }),
  );
}
