import { describe, expect, it } from '@jest/globals';
import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';

import { Redactor, redactingLogger } from '../../src/redaction/index.js';

function recordingLogger(): { logger: Logger; lines: { level: LogLevel; message: string; meta?: LogMetadata }[] } {
  const lines: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => void lines.push({ level, message, meta });
  return {
    lines,
    logger: {
      log: (level, message, meta) => void lines.push({ level, message, meta }),
      trace: at('TRACE'),
      debug: at('DEBUG'),
      info: at('INFO'),
      warn: at('WARN'),
      error: at('ERROR'),
    },
  };
}

describe('redactingLogger', () => {
  it('redacts the message and the meta object of every level before the inner logger sees them', () => {
    const { logger, lines } = recordingLogger();
    const redactor = new Redactor().add('registry-pw-123', 'registry-password');
    const log = redactingLogger(logger, redactor);
    const meta = { argv: ['oc', 'create', 'secret', '--docker-password=registry-pw-123'], token: 'tok-abcdef' };

    log.info('running oc with registry-pw-123', meta);
    log.error('failed', { error: new Error('denied for registry-pw-123') });
    log.log('WARN', 'user_key=abc123 rejected');
    log.debug('no meta');

    expect(lines.map((l) => l.level)).toEqual(['INFO', 'ERROR', 'WARN', 'DEBUG']);
    expect(lines[0].message).toBe('running oc with [redacted:registry-password]');
    expect(lines[0].meta).toEqual({
      argv: ['oc', 'create', 'secret', '--docker-password=[redacted:registry-password]'],
      token: '[redacted:token]',
    });
    expect((lines[1].meta?.error as Error).message).toBe('denied for [redacted:registry-password]');
    expect(lines[2].message).toBe('user_key=[redacted:user_key] rejected');
    expect(lines[3].meta).toBeUndefined();
    expect(JSON.stringify(lines)).not.toContain('registry-pw-123');
  });

  it('keeps symbol-keyed meta such as the SDK component tags', () => {
    const { logger, lines } = recordingLogger();
    const tag = Symbol('tag');
    redactingLogger(logger, new Redactor()).warn('x', { [tag]: 'kept', sdkComponent: 'worker' });
    expect(lines[0].meta?.[tag]).toBe('kept');
    expect(lines[0].meta?.sdkComponent).toBe('worker');
  });
});
