/**
 * One redaction mechanism for every place text leaves the process: the execa call site, the HTTP client and the
 * logger. Register each secret once with `defaultRedactor.add(value, label)`; see docs/security.md.
 */
export { createRedactor, defaultRedactor, MIN_SECRET_LENGTH, Redactor } from './redactor.js';
export { redactingLogger } from './logger.js';
export { isSecretName } from './secret-names.js';
export { encodedForms } from './encodings.js';
export { marker, redactArgvShapes, redactShapes, SECRET_FLAGS } from './shape-rules.js';
