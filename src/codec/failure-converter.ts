import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`failureConverterPath`) in the worker, inside the workflow sandbox and in every client:
 * moves failure messages and stack traces into an encoded payload, so the codec encrypts them too.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
