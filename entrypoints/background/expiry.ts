import { browser } from 'wxt/browser';
import { notify } from './notify';
import { kindFor } from '../../utils/kinds';
import { expiryAlarms, isExpiryAlarm, parseExpiryAlarm } from '../../utils/vault/expiry';
import type { Account } from '../../utils/vault/account';

type Known = Pick<Account, 'id' | 'kind' | 'expiresAt'>;

const when = (days: number) => (days === 1 ? 'tomorrow' : `in ${days} days`);

/**
 * Reminders 14 days and 1 day before an account expires. Alarm names carry
 * account ids only, and notifications never show a label or username: the
 * browser may keep both on disk.
 */
export function startExpiryReminders({ accounts }: { accounts: () => Promise<Known[] | undefined> }) {
  browser.alarms.onAlarm.addListener(async (alarm) => {
    const due = parseExpiryAlarm(alarm.name);
    if (!due) return;
    const list = await accounts();
    const account = list?.find((a) => a.id === due.id);
    // Unlocked and gone: it was deleted after the alarm was set.
    if (list && !account) return;
    // The kind says what broke without naming the account: "A Salesforce JWT account".
    const kind = account ? kindFor(account.kind).short : '';
    const what = kind ? `A ${kind} account` : 'An account';
    await notify(
      alarm.name,
      `${what} in Tokenkeep expires ${when(due.days)}${account?.expiresAt ? ` (${account.expiresAt.slice(0, 10)})` : ''}. It is flagged in the list.`,
      'Tokenkeep: a credential expires soon',
    );
  });

  return {
    /** Makes the expiry alarms match the accounts: one per reminder still ahead. */
    async sync(list: Known[]): Promise<void> {
      const wanted = new Map(expiryAlarms(list, Date.now()).map((a) => [a.name, a.when]));
      const existing = (await browser.alarms.getAll()).filter((a) => isExpiryAlarm(a.name));
      await Promise.all(existing.filter((a) => wanted.get(a.name) !== a.scheduledTime).map((a) => browser.alarms.clear(a.name)));
      const kept = new Set(existing.filter((a) => wanted.get(a.name) === a.scheduledTime).map((a) => a.name));
      await Promise.all([...wanted].filter(([name]) => !kept.has(name)).map(([name, at]) => browser.alarms.create(name, { when: at })));
    },
  };
}
