import { Request } from 'express';

interface RouteLayer {
  readonly route?: { readonly methods: Record<string, boolean> };
  match?(path: string): unknown;
}

/**
 * The methods the application's routes answer on a request's path, read from Express's own route table,
 * so that a known path asked with another method is a 405 with Allow rather than a 404.
 */
export function allowedMethods(request: Request): string[] {
  const stack = (request.app as { router?: { stack?: RouteLayer[] } } | undefined)?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || typeof layer.match !== 'function' || !layer.match(request.path)) continue;
    for (const [method, handled] of Object.entries(layer.route.methods)) {
      if (handled && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  return [...methods].sort();
}
