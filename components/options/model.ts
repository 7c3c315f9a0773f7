/**
 * The options page's state: settings kept in extension storage, and the
 * "Import email file" flow. Made by a factory so tests can drive it with
 * their own storage and client.
 */
import { signal } from '@preact/signals';
import type { Capture } from '../../utils/extract/types';
import type { Client } from '../../utils/messages-client';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../../utils/settings';
import type { WebmailId } from '../../utils/webmail/hosts';

export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: Settings): Promise<void>;
}

export type ImportRow = { capture: Capture; state: 'ready' | 'saving' | 'saved' | 'error'; message?: string };

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'done'; file: string; rows: ImportRow[] }
  | { kind: 'error'; file: string; message: string };

export function createOptionsModel({
  store,
  client,
  readCaptures,
}: {
  store: SettingsStore;
  client: Client;
  readCaptures: (file: File) => Promise<Capture[]>;
}) {
  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const importState = signal<ImportState>({ kind: 'idle' });

  async function load() {
    settings.value = readSettings(await store.load());
  }

  async function setCapture(webmail: WebmailId, on: boolean) {
    const next = { ...settings.value, capture: { ...settings.value.capture, [webmail]: on } };
    settings.value = next;
    await store.save(next);
  }

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
      updateRow(index, { state: 'saved', message: outcome === 'history' ? 'Saved to the history: a newer token is already current.' : outcome === 'duplicate' ? 'Already saved.' : 'Saved.' });
    } catch (err) {
      updateRow(index, { state: 'error', message: err instanceof Error ? err.message : 'Could not save.' });
    }
  }

  return { settings, importState, load, setCapture, importFile, saveImported };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
