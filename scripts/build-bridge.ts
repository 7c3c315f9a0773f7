/**
 * Bundles the terminal bridge (the host and the `tokenkeep` CLI) into two
 * plain Node scripts in bridge/dist/. Bundled, they start in tens of
 * milliseconds and need nothing from node_modules at run time, so the
 * launcher the browser starts is `node host.mjs` and nothing more.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: { tokenkeep: path.join(root, 'bridge/cli.ts'), host: path.join(root, 'bridge/host.ts') },
  outdir: path.join(root, 'bridge/dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});
console.error('bridge: bridge/dist/tokenkeep.mjs and bridge/dist/host.mjs');
