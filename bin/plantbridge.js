#!/usr/bin/env node
// The `plantbridge` command: runs the compiled CLI (npm scripts build it first).
import('../dist/main/host/cli-entry.js').catch((err) => {
  console.error(`plantbridge: cannot load the compiled backend (${err.message}). Run \`npm run build\` first.`);
  process.exit(2);
});
