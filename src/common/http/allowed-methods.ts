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

/** A route path without parameters or wildcards, such as /api/users/me. */
function isLiteral(layer: RouteLayer): boolean {
  const path = layer.route?.path;
  return typeof path === 'string' && !/[:*{}()]/.test(path);
}

/**
 * The methods the application's routes answer on a request's path, read from Express's own route table,
 * so that a known path asked with another method is a 405 with Allow rather than a 404. A path that a
 * route names literally (/api/users/me) belongs to its literal routes alone, as in the OpenAPI document:
 * that /api/users/{user_id} also matches it gives it none of that route's methods.
 */
export function allowedMethods(request: Request): string[] {
  const matching = routeLayers(request).filter((layer) => layer.match?.(request.path));
  const literal = matching.filter(isLiteral);
  const methods = new Set<string>();
  for (const layer of literal.length > 0 ? literal : matching) {
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
 * A 405 for a path a literal route names, asked with a method none of its literal routes answers, before
 * a parametric route that also matches the path can take the request: PUT /api/users/me is not
 * PUT /api/users/{user_id} with user_id "me" (a 400), but a method /api/users/me does not take.
 */
export function literalPathMethods(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const literal = routeLayers(request).filter((layer) => isLiteral(layer) && layer.match?.(request.path));
    if (literal.length === 0) return next();
    const allowed = allowedMethods(request);
    if (isMethodAllowed(request.method, allowed)) return next();
    answerMethodNotAllowed(request, response, allowed);
  };
}
