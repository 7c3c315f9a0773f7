/** Builds the extension when a script needs it, keeping stdout free for the script's own output. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Target = 'chrome' | 'firefox';

export function extensionDir(target: Target): string {
  return path.join(ROOT, '.output', `${target}-mv3`);
}

export function build(target: Target): string {
  const args = ['wxt', 'build', ...(target === 'firefox' ? ['-b', 'firefox'] : [])];
  // vite-node, which runs the scripts, sets NODE_ENV=development; passed on, it would make this a development build (JSX dev runtime, Preact devtools) and every size and time measured of it wrong.
  const { NODE_ENV: _, ...env } = process.env;
  const result = spawnSync('npx', args, { cwd: ROOT, env, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`"npx ${args.join(' ')}" failed (exit ${result.status})`);
  return extensionDir(target);
}
