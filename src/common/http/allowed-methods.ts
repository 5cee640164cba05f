import { HttpStatus } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';

interface RouteLayer {
  readonly route?: { readonly path?: unknown; readonly methods: Record<string, boolean> };
  match?(path: string): unknown;
}

function routeLayers(request: Request): RouteLayer[] {
  const stack = (request.app as { router?: { stack?: RouteLayer[] } } | undefined)?.router?.stack ?? [];
  return stack.filter((layer) => layer.route && typeof layer.match === 'function');
}

/** How many segments of a route's path are literal: /api/users/me has 3, /api/users/:user_id 2. */
function literalSegments(layer: RouteLayer): number {
  const path = layer.route?.path;
  if (typeof path !== 'string') return 0;
  return path.split('/').filter((segment) => segment !== '' && !/[:*{}()]/.test(segment)).length;
}

/** The routes matching a request's path that name the most of it literally. */
function mostSpecific(layers: readonly RouteLayer[]): RouteLayer[] {
  const best = Math.max(...layers.map(literalSegments));
  return layers.filter((layer) => literalSegments(layer) === best);
}

/**
 * The methods the application's routes answer on a request's path, read from Express's own route table,
 * so that a known path asked with another method is a 405 with Allow rather than a 404. A path belongs to
 * the routes that name the most of it literally, as in the OpenAPI document: /api/users/me to its own
 * routes, not also to /api/users/{user_id}; /api/conversations/{id}/messages/search not also to
 * /api/conversations/{id}/messages/{message_id}.
 */
export function allowedMethods(request: Request): string[] {
  const matching = routeLayers(request).filter((layer) => layer.match?.(request.path));
  const methods = new Set<string>();
  for (const layer of matching.length > 0 ? mostSpecific(matching) : []) {
    for (const [method, handled] of Object.entries(layer.route?.methods ?? {})) {
      if (handled && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  return [...methods].sort();
}

/** True when the methods allow the request's (HEAD is answered wherever GET is). */
export function isMethodAllowed(method: string, allowed: readonly string[]): boolean {
  return allowed.includes(method) || (method === 'HEAD' && allowed.includes('GET'));
}

export function answerMethodNotAllowed(
  request: Request,
  response: Response,
  allowed: readonly string[],
): void {
  response
    .status(HttpStatus.METHOD_NOT_ALLOWED)
    .setHeader('Allow', allowed.join(', '))
    .json({
      statusCode: HttpStatus.METHOD_NOT_ALLOWED,
      error: 'Method Not Allowed',
      message: `${request.method} is not allowed on ${request.path}; allowed: ${allowed.join(', ')}`,
    });
}

/**
 * A 405 for a path that more specific routes name, asked with a method none of them answers, before a more
 * general route that also matches the path can take the request: PUT /api/users/me is not
 * PUT /api/users/{user_id} with user_id "me" (a 400), but a method /api/users/me does not take.
 */
export function literalPathMethods(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const matching = routeLayers(request).filter((layer) => layer.match?.(request.path));
    // Only where routes of different specificity meet; elsewhere the router answers as usual.
    if (matching.length === 0 || mostSpecific(matching).length === matching.length) return next();
    const allowed = allowedMethods(request);
    if (isMethodAllowed(request.method, allowed)) return next();
    answerMethodNotAllowed(request, response, allowed);
  };
}
