import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';

import { defaultRedactor, type Redactor } from './redactor.js';

/**
 * A Temporal {@link Logger} that redacts the message and the meta object before handing them to `inner`;
 * for `Runtime.install({ logger: redactingLogger(new DefaultLogger('INFO')) })` in the worker.
 */
export function redactingLogger(inner: Logger, redactor: Redactor = defaultRedactor): Logger {
  const meta = (m?: LogMetadata): LogMetadata | undefined => (m === undefined ? undefined : redactor.redactDeep(m));
  const msg = (message: string): string => redactor.redact(String(message));
  return {
    log: (level: LogLevel, message: string, m?: LogMetadata) => inner.log(level, msg(message), meta(m)),
    trace: (message: string, m?: LogMetadata) => inner.trace(msg(message), meta(m)),
    debug: (message: string, m?: LogMetadata) => inner.debug(msg(message), meta(m)),
    info: (message: string, m?: LogMetadata) => inner.info(msg(message), meta(m)),
    warn: (message: string, m?: LogMetadata) => inner.warn(msg(message), meta(m)),
    error: (message: string, m?: LogMetadata) => inner.error(msg(message), meta(m)),
  };
}
