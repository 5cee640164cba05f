import * as path from 'node:path';
import { NextFunction, Request, RequestHandler, Response, static as serveStatic } from 'express';

/** The web client's build (client/, built by npm run build). */
export const WEB_CLIENT_DIR = path.join(__dirname, '..', '..', '..', 'client', 'dist');

/**
 * The web client, from the API's own origin (so it needs no CORS): its page at / and its files under
 * /assets/ (named by their content's hash, so they may be cached for good). Every other path is the API's,
 * and is never looked up on disk.
 */
export function webClient(): RequestHandler {
  const page = serveStatic(WEB_CLIENT_DIR, { index: 'index.html', maxAge: 0 });
  const assets = serveStatic(path.join(WEB_CLIENT_DIR, 'assets'), { immutable: true, maxAge: '365d' });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      next();
    } else if (request.path === '/' || request.path === '/index.html') {
      void page(request, response, next);
    } else if (request.path.startsWith('/assets/')) {
      const url = request.url;
      request.url = url.slice('/assets'.length);
      // A file that is not there is the API's 404, for the path as asked.
      void assets(request, response, (error?: unknown) => {
        request.url = url;
        next(error);
      });
    } else {
      next();
    }
  };
}
