/**
 * `tsx scripts/setup-system.ts demo|test|bench|screenshots`: the first step of
 * `npm start`, `npm test`, `npm run bench` and `npm run screenshots`. Installs
 * the system programs that command drives when they are missing and it may
 * (scripts/lib/system-setup.ts); otherwise exits 1 with the command to run.
 */
import type { ProgramId } from './lib/browsers';
import { ensurePrograms, SetupError } from './lib/system-setup';

const NEEDS: Record<string, { purpose: string; programs: ProgramId[] }> = {
  demo: { purpose: 'the demo', programs: ['chromium'] },
  test: { purpose: 'the tests', programs: ['chromium', 'firefox', 'xvfb', 'xdotool', 'curl', 'zsh', 'fish'] },
  bench: { purpose: 'the benchmark', programs: ['chromium', 'firefox'] },
  screenshots: { purpose: 'the screenshots', programs: ['chromium', 'firefox'] },
};

const need = NEEDS[process.argv[2] ?? ''];
if (!need) {
  process.stderr.write(`usage: tsx scripts/setup-system.ts ${Object.keys(NEEDS).join('|')}\n`);
  process.exit(2);
}
try {
  ensurePrograms(need.programs, need.purpose);
} catch (err) {
  if (!(err instanceof SetupError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
