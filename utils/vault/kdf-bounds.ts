/**
 * Which key-derivation parameters Tokenkeep will run a passphrase through,
 * whoever wrote them: a header on disk, one in browser sync, or a backup's.
 * Below what Tokenkeep sets for new passphrases, a header would make the
 * passphrase cheap to guess (a planted sync header at 8 KiB and one pass);
 * far above it, every unlock would hang (20 times the default takes about
 * 10 s on the two-core machine of December 2026, where the default takes
 * half a second). Either is refused with a message, never derived.
 */
import type { KdfParams } from './crypto';

const cost = (k: Pick<KdfParams, 'memoryKiB' | 'iterations'>) => `${k.memoryKiB} KiB, ${k.iterations} ${k.iterations === 1 ? 'pass' : 'passes'}`;

/** How far above the floor a header may go: past this, an unlock would take more than about 10 s. */
export const MAX_COST_OVER_FLOOR = 20;

/** A clear reason these parameters are not used, or undefined; `floor` is what this Tokenkeep sets for a new passphrase. */
export function kdfProblem(kdf: Omit<KdfParams, 'salt'> & { salt?: Uint8Array }, floor: Omit<KdfParams, 'salt'>): string | undefined {
  if (kdf.algorithm !== 'argon2id') return 'its key derivation is not Argon2id.';
  if (
    !Number.isInteger(kdf.memoryKiB) ||
    !Number.isInteger(kdf.iterations) ||
    !Number.isInteger(kdf.parallelism) ||
    kdf.parallelism < 1 ||
    kdf.parallelism > 16
  )
    return 'its key derivation parameters are not ones Tokenkeep writes.';
  if (kdf.memoryKiB < floor.memoryKiB || kdf.iterations < floor.iterations) {
    return `its key derivation (${cost(kdf)}) is weaker than Tokenkeep sets (${cost(floor)}), which would make the passphrase cheap to guess.`;
  }
  if (kdf.memoryKiB * kdf.iterations > floor.memoryKiB * floor.iterations * MAX_COST_OVER_FLOOR) {
    return `its key derivation (${cost(kdf)}) costs more than ${MAX_COST_OVER_FLOOR} times what Tokenkeep sets, so every unlock would hang for many seconds.`;
  }
  if (kdf.salt && kdf.salt.length < 16) return 'its salt is too short.';
  return undefined;
}
