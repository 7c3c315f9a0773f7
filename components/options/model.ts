/**
 * The options page's state: settings kept in extension storage, and the
 * "Import email file" flow. Made by a factory so tests can drive it with
 * their own storage and client.
 */
import { signal } from '@preact/signals';
import type { Capture } from '../../utils/extract/types';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';
import { RESET_CONFIRMATION } from '../../utils/protocol/messages';
import { AUTO_LOCK_RANGE, CLIPBOARD_RANGE, DEFAULT_SETTINGS, inRange, readSettings, type Settings } from '../../utils/settings';
import type { WebmailId } from '../../utils/webmail/hosts';

export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: Settings): Promise<void>;
}

export type ImportRow = { capture: Capture; state: 'ready' | 'saving' | 'saved' | 'error'; message?: string };

export type ImportState =
  { kind: 'idle' } | { kind: 'reading'; file: string } | { kind: 'done'; file: string; rows: ImportRow[] } | { kind: 'error'; file: string; message: string };

/** The result line of one options section: what happened, or what went wrong. */
export type Outcome = { ok: boolean; message: string } | null;

export function createOptionsModel({
  store,
  client,
  readCaptures,
  download,
}: {
  store: SettingsStore;
  client: Client;
  readCaptures: (file: File) => Promise<Capture[]>;
  /** Hands a file to the browser's download (a link click in the page). */
  download: (name: string, text: string) => void;
}) {
  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const importState = signal<ImportState>({ kind: 'idle' });
  const outcomes = {
    autoLock: signal<Outcome>(null),
    passphrase: signal<Outcome>(null),
    backup: signal<Outcome>(null),
    reset: signal<Outcome>(null),
    pin: signal<Outcome>(null),
  };
  /** Unlocking with a PIN: off, or on (the vault's status says which). */
  const pin = signal<'off' | 'on' | 'ready'>('off');

  async function attempt(outcome: (typeof outcomes)[keyof typeof outcomes], action: () => Promise<string>) {
    outcome.value = null;
    try {
      outcome.value = { ok: true, message: await action() };
      return true;
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
      return false;
    }
  }

  async function load() {
    settings.value = readSettings(await store.load());
  }

  const setCapture = (webmail: WebmailId, on: boolean) => update({ capture: { ...settings.value.capture, [webmail]: on } });

  async function importFile(file: File) {
    importState.value = { kind: 'reading', file: file.name };
    try {
      const captures = await readCaptures(file);
      importState.value = { kind: 'done', file: file.name, rows: captures.map((capture) => ({ capture, state: 'ready' })) };
    } catch (err) {
      importState.value = { kind: 'error', file: file.name, message: err instanceof Error ? err.message : 'This file could not be read.' };
    }
  }

  function updateRow(index: number, row: Partial<ImportRow>) {
    const current = importState.value;
    if (current.kind !== 'done') return;
    importState.value = { ...current, rows: current.rows.map((r, i) => (i === index ? { ...r, ...row } : r)) };
  }

  async function saveImported(index: number) {
    const current = importState.value;
    if (current.kind !== 'done' || !current.rows[index]) return;
    updateRow(index, { state: 'saving' });
    try {
      const { outcome } = await client({ type: 'capture.save', capture: current.rows[index].capture });
      updateRow(index, {
        state: 'saved',
        message: outcome === 'history' ? 'Saved to the history: a newer token is already current.' : outcome === 'duplicate' ? 'Already saved.' : 'Saved.',
      });
    } catch (err) {
      updateRow(index, { state: 'error', message: err instanceof Error ? err.message : 'Could not save.' });
    }
  }

  async function update(patch: Partial<Settings>) {
    settings.value = { ...settings.value, ...patch };
    await store.save(settings.value);
  }

  /** Saves a valid choice; otherwise says why and keeps the current one (false). */
  async function setAutoLock(minutes: number): Promise<boolean> {
    if (!inRange(minutes, AUTO_LOCK_RANGE)) {
      const { min, max } = AUTO_LOCK_RANGE;
      outcomes.autoLock.value = {
        ok: false,
        message: `Use a whole number of minutes from ${min} to ${max}. Tokenkeep still locks after ${settings.value.autoLockMinutes}.`,
      };
      return false;
    }
    outcomes.autoLock.value = null;
    await update({ autoLockMinutes: minutes });
    return true;
  }

  /** Seconds before the clipboard is cleared, or null for never. */
  async function setClipboardSeconds(seconds: number | null) {
    if (seconds !== null && !inRange(seconds, CLIPBOARD_RANGE)) return;
    await update({ clipboardSeconds: seconds });
  }

  return {
    settings,
    importState,
    outcomes,
    load,
    setCapture,
    setAutoLock,
    setClipboardSeconds,
    importFile,
    saveImported,

    pin,
    /** Reads whether PIN unlock is on. */
    loadPin: async () => void (pin.value = (await client({ type: 'vault.status' })).pin),
    setPin: (value: string, repeat: string) =>
      attempt(outcomes.pin, async () => {
        if (value !== repeat) throw new Error('The two PINs differ.');
        await client({ type: 'vault.setPin', pin: value });
        pin.value = 'ready';
        return 'On. Until the browser closes, the PIN unlocks Tokenkeep; after a browser start, the passphrase once.';
      }),
    clearPin: () =>
      attempt(outcomes.pin, async () => {
        await client({ type: 'vault.clearPin' });
        pin.value = 'off';
        return 'Off. Only the passphrase unlocks Tokenkeep.';
      }),
    changePassphrase: (current: string, next: string, repeat: string) =>
      attempt(outcomes.passphrase, async () => {
        if (next !== repeat) throw new Error('The two new passphrases differ.');
        await client({ type: 'vault.changePassphrase', current, next });
        return 'Passphrase changed. Use the new one from now on.';
      }),

    exportBackup: () =>
      attempt(outcomes.backup, async () => {
        const { file, name, count, skipped } = await client({ type: 'vault.export' });
        download(name, file);
        return `Saved ${name} with ${count === 1 ? '1 account' : `${count} accounts`}${skipped ? `; ${skipped} damaged ${skipped === 1 ? 'account was' : 'accounts were'} left out` : ''}. It opens with your current passphrase.`;
      }),

    importBackup: (file: File, passphrase: string) =>
      attempt(outcomes.backup, async () => {
        const { added, updated, unchanged } = await client({ type: 'vault.import', file: await file.text(), passphrase });
        return `Imported ${file.name}: ${added} added, ${updated} updated, ${unchanged} unchanged. Nothing was deleted.`;
      }),

    reset: (confirmation: string) =>
      attempt(outcomes.reset, async () => {
        if (confirmation !== RESET_CONFIRMATION) throw new Error(`Type “${RESET_CONFIRMATION}” to confirm.`);
        await client({ type: 'vault.reset', confirm: RESET_CONFIRMATION });
        return 'The vault was deleted. Open the Tokenkeep popup to set it up again.';
      }),
  };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
