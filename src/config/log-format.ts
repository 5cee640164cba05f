import { LogFormat } from './app-config';

/** Where the logs go and what is installed: what decides 'auto'. */
export interface LogSink {
  readonly terminal: boolean;
  readonly production: boolean;
  readonly prettyInstalled: boolean;
}

/**
 * Whether to write human-readable lines: asked for, or (auto) when a person reads a terminal outside
 * production and pino-pretty (a development dependency) is there. Pipes, files and production get JSON.
 */
export function prettyLogs(format: LogFormat, sink: LogSink): boolean {
  if (format === 'json') return false;
  if (format === 'pretty') return sink.prettyInstalled;
  return sink.terminal && !sink.production && sink.prettyInstalled;
}

export function prettyInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
