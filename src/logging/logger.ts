import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { REDACT_PATHS, REDACTED, type SecretScrubber } from './redaction.js';

export type { Logger } from 'pino';

export interface LoggerSettings {
  level?: LoggerOptions['level'];
  /** Where lines go; standard output unless given (tests pass a stream to read back). */
  destination?: DestinationStream;
  /** Secret values to scrub from every line, whatever key or message they hide in. */
  scrubber?: SecretScrubber;
}

/**
 * The one root logger of a process. Everything else logs through `child()` loggers that bind the
 * connection, object and job they work for.
 */
export function createRootLogger(settings: LoggerSettings = {}): Logger {
  const scrubber = settings.scrubber;
  const options: LoggerOptions = {
    name: 'cosell',
    level: settings.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    formatters: { level: (label) => ({ level: label }) },
    ...(scrubber ? { hooks: { streamWrite: (line: string) => scrubber.scrub(line) } } : {}),
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** Bindings a job's logger carries, so every line of a job can be found by connection, object or id. */
export interface JobBindings {
  queue: string;
  jobId: string | undefined;
  connection?: string;
  object?: string;
}

export function jobLogger(parent: Logger, bindings: JobBindings): Logger {
  return parent.child(bindings);
}
