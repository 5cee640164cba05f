import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { json, NextFunction, Request, RequestHandler, Response } from 'express';

export const BODY_LIMIT = '64kb';

/**
 * JSON bodies up to 64 KiB (a 4,000-character message is at most 16 KiB of UTF-8). Parser failures
 * become the same JSON errors as the rest of the API instead of Express's HTML page.
 */
export function jsonBodyParser(): [
  RequestHandler,
  (error: unknown, req: Request, res: Response, next: NextFunction) => void,
] {
  return [
    json({ limit: BODY_LIMIT }),
    (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      const type = (error as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') {
        next(new PayloadTooLargeException(`request body is larger than ${BODY_LIMIT.replace('kb', ' KiB')}`));
      } else if (type === 'entity.parse.failed') {
        next(new BadRequestException('request body is not valid JSON'));
      } else if (type !== undefined) {
        next(new BadRequestException(`request body could not be read (${type})`));
      } else {
        next(error);
      }
    },
  ];
}
