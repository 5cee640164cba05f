import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { json, NextFunction, Request, RequestHandler, Response } from 'express';

export const BODY_LIMIT = '64kb';
/** No request of this API nests deeper than a few levels; far deeper JSON is refused before it is transformed. */
export const MAX_BODY_DEPTH = 32;

/** How deeply a parsed JSON value nests, walked without recursion (a 64 KiB body can nest 30,000 levels). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * JSON bodies up to 64 KiB (a 4,000-character message is at most 16 KiB of UTF-8). Parser failures
 * become the same JSON errors as the rest of the API instead of Express's HTML page.
 */
const ATTACHMENTS = /^\/api\/attachments(\/|\?|$)/;
/** Uploads stream their bodies themselves, whatever their type: no parser reads them first. */
export const isUpload = (req: Request) => req.method === 'POST' && ATTACHMENTS.test(req.url);
/** Uploads and downloads, which stream for as long as a file's size takes. */
export const isAttachmentTransfer = (req: Request) => ATTACHMENTS.test(req.url);

export function jsonBodyParser(): [
  RequestHandler,
  (error: unknown, req: Request, res: Response, next: NextFunction) => void,
  RequestHandler,
] {
  const parse = json({ limit: BODY_LIMIT });
  return [
    (req: Request, res: Response, next: NextFunction) => (isUpload(req) ? next() : parse(req, res, next)),
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
    // class-transformer recurses once per level of nesting: refuse deep bodies before it sees them.
    (req: Request, _res: Response, next: NextFunction) => {
      if (jsonDepth(req.body) > MAX_BODY_DEPTH) {
        next(new BadRequestException(`request body nests deeper than ${MAX_BODY_DEPTH} levels`));
      } else {
        next();
      }
    },
  ];
}
