// The workflowsPath of the worker: every workflow type is exported here.
export { checkTools } from './check-tools.js';
export { install } from './install.js';
export { lab } from './lab.js';
export { preflight } from './preflight.js';
export { rebuild } from './rebuild.js';
export { teardown } from './teardown.js';
