/**
 * How long the end-to-end tests wait for the app, from how fast this machine
 * is right now, never from a fixed guess. The slowest steps a test waits on
 * (setup, unlock, a wrong passphrase, a passphrase change) are each a few
 * Argon2id derivations, and a loaded machine slows every step alike, so one
 * derivation at the vault's own parameters, timed here, sets the pace.
 * vitest.config.ts measures it once per run and hands the figures to the
 * test files (`inject('pace')`).
 */
import { argon2, newKdfParams } from '../../../utils/vault/crypto';

export interface Pace {
  /** One Argon2id derivation at the vault's parameters, median of three, in this process. */
  kdfMs: number;
  /** The longest any single wait may take: a step that is stuck, not slow. */
  waitMs: number;
  /** A whole test, or a hook. */
  testMs: number;
}

export async function measurePace(): Promise<Pace> {
  const kdf = newKdfParams();
  await argon2('warm up the WebAssembly module', kdf);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await argon2(`pace ${i}`, kdf);
    times.push(performance.now() - started);
  }
  const kdfMs = Math.round(times.sort((a, b) => a - b)[1]!);
  // On an idle machine a derivation takes about 250 ms, and Playwright's own
  // 30 s default is 120 of them: keep that ratio when the machine is slower.
  const waitMs = Math.max(30_000, kdfMs * 120);
  return { kdfMs, waitMs, testMs: Math.max(120_000, waitMs * 4) };
}
