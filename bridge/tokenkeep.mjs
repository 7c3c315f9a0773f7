#!/usr/bin/env node
// The `tokenkeep` bin: the bundled CLI, which `npm run build` (or `npm run build:bridge`) makes.
import { existsSync } from 'node:fs';

const bundle = new URL('./dist/tokenkeep.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('tokenkeep: the CLI is not built yet: run npm run build:bridge in the Tokenkeep folder.\n');
  process.exit(2);
}
await import(bundle.href);
