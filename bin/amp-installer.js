#!/usr/bin/env node
// The CLI runs from the compiled output (npm run build / npm run setup).
import('../lib/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('/lib/src/cli/main.js')) {
    console.error('amp-installer is not built yet: run `npm run setup` (or `npm run build`) first.');
    process.exit(1);
  }
  throw err;
});
