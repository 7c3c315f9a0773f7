/**
 * Bundles the terminal bridge (the `tokenkeep` CLI and the host it starts as
 * `tokenkeep.mjs host`) into one plain Node script. Bundled, it starts in
 * tens of milliseconds and needs nothing from node_modules at run time. The
 * extension ships the same file (wxt.config.ts), for its options page to
 * save; `npm run build:bridge` writes it to bridge/dist/ for a checkout.
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle's text: both parts in one file (no code splitting, so the host's dynamic import is inlined). */
export async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'bridge/main.ts')],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
  });
  return result.outputFiles[0]!.text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(path.join(root, 'bridge/dist'), { recursive: true });
  await writeFile(path.join(root, 'bridge/dist/tokenkeep.mjs'), await bundleBridge(), { mode: 0o755 });
  console.error('bridge: bridge/dist/tokenkeep.mjs');
}
