/**
 * Backups in and out. Export writes the vault's records as they are
 * encrypted; import verifies the whole file first, then merges by the backup
 * rules: newer secrets win, older ones join the history, nothing is deleted.
 */
import { AppError } from '../common/errors';
import type { ImportSummary } from '../protocol/replies';
import { accountKey, mergeAccount, type Account } from '../vault/account';
import { readBackup, writeBackup } from '../vault/backup';
import type { AppContext } from './context';

export function createBackups({ vault, serial, now, newId }: AppContext) {
  return {
    async exportBackup(): Promise<{ file: string; name: string; count: number; skipped: number }> {
      const snapshot = await vault.encryptedSnapshot();
      const stamp = now();
      return {
        file: await writeBackup(snapshot, stamp),
        name: `tokenkeep-backup-${stamp.slice(0, 10)}.json`,
        count: snapshot.records.length,
        skipped: vault.problems().length,
      };
    },

    importBackup(file: string, passphrase: string): Promise<ImportSummary> {
      return serial(async () => {
        if ((await vault.state()) !== 'unlocked') throw new AppError('locked', 'Unlock Tokenkeep before importing a backup.');
        // A backup of this vault opens with its passphrase: the check is throttled as unlock is.
        const incoming = await vault.throttledCheck(() => readBackup(file, passphrase, vault.kdfFloor()));
        const keyOf = (a: Account) => accountKey(a) ?? `id:${a.id}`;
        const byKey = new Map((await vault.accounts()).map((a) => [keyOf(a), a]));
        const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
        const puts: Account[] = [];
        const stamp = now();
        for (const account of incoming) {
          const key = keyOf(account);
          const local = byKey.get(key);
          if (!local) {
            // A fresh id: the backup may come from another install, where ids can collide.
            const added = { ...account, id: newId(), updatedAt: stamp };
            byKey.set(key, added);
            puts.push(added);
            summary.added++;
            continue;
          }
          const { account: merged, changed } = mergeAccount(local, account, stamp);
          if (changed) {
            byKey.set(key, merged);
            puts.push(merged);
            summary.updated++;
          } else summary.unchanged++;
        }
        await vault.putMany(puts);
        return summary;
      });
    },
  };
}
