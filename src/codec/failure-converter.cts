// Loaded by path (`failureConverterPath`) in the worker, inside the workflow sandbox and in every client: it moves
// failure messages and stack traces into an encoded payload, so the codec encrypts them too.
//
// Why plain CommonJS in a .cts file: the SDK loads this module with require(). Under Jest (Node 20) require() cannot
// load an ES module and .cts files are not transformed, so the source must be valid JavaScript as it stands; tsc
// builds it to lib/src/codec/failure-converter.cjs, which plain Node and the workflow bundler require() as well.
/* eslint-disable @typescript-eslint/no-require-imports */
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
