import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The body of every error response. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400, type: 'integer' })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'What was wrong, naming the field: one message, or one per invalid field.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['sender_id must be an integer number'],
  })
  message!: string | string[];

  @ApiProperty({ required: false, description: 'For a 500: the id under which the error is logged.' })
  error_id?: string;
}

/** 503 when the database is unreachable or slow; 500 for anything unexpected, with an error id. */
export function ApiDatabaseUnavailableResponse(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiResponse({
      status: 503,
      type: ErrorResponseDto,
      description:
        'The database is unreachable or did not answer in time. Retry after the Retry-After header’s seconds.',
      headers: {
        'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
      },
    }),
    ApiResponse({
      status: 500,
      type: ErrorResponseDto,
      description: 'Unexpected error; error_id is in the service log.',
    }),
  );
}

/** 404 for an unknown conversation and for one the caller is not a member of: the same answer, by design. */
export function ApiConversationNotFoundResponse(): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status: 404,
    type: ErrorResponseDto,
    description: 'No conversation has this id, or the caller is not one of its members.',
  });
}
