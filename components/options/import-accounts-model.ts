/**
 * "Import from another tool" as signals: a file read in this page (the
 * readers load only when a file is chosen), its entries turned into
 * accounts, the background's word on what each would do, the user's
 * choices (untick, another kind, a page to fill on), then all of it at once.
 * Secrets stay in this model's memory and the one message that imports
 * them; the page shows field names only.
 */
import { signal } from '@preact/signals';
import { errorMessage } from '../../utils/common/errors';
import { kindOf } from '../../utils/kinds';
import { importItem, type Candidate, type Entry, type ImportAction, type ImportFile, type ReadResult } from '../../utils/import/types';
import type { Client } from '../../utils/protocol/client';

export interface ImportRow {
  entry: Entry;
  candidate: Candidate;
  ticked: boolean;
  /** What the background says it would do; absent while it is asked, or for an entry that cannot be imported. */
  action?: ImportAction;
}

export type ImportStep =
  | { step: 'idle' }
  | { step: 'reading'; file: string }
  /** The file is encrypted: its password, asked for again after a wrong one. */
  | { step: 'password'; file: string; message: string }
  | { step: 'error'; file: string; message: string }
  | { step: 'preview'; file: string; format: string; busy: boolean; message?: string }
  | { step: 'done'; file: string; message: string };

export interface ImportAccountsDeps {
  client: Client;
  /** The readers (utils/import/read.ts), off the page's thread; `signal` aborts when the user cancels or picks another file. */
  read: (file: ImportFile, password: string | undefined, signal: AbortSignal) => Promise<ReadResult>;
  /** Entry to account (utils/import/candidates.ts), loaded with the readers. */
  candidate: (entry: Entry, kind?: string) => Promise<Candidate>;
}

const importable = (row: ImportRow) => !row.candidate.problem && row.action?.action !== 'skip';

export function createImportAccountsModel({ client, read, candidate }: ImportAccountsDeps) {
  const state = signal<ImportStep>({ step: 'idle' });
  const rows = signal<ImportRow[]>([]);
  let file: ImportFile | undefined;
  /** The read under way: cancelled, or overtaken by another, its result is dropped. */
  let reading: AbortController | undefined;
  const stopReading = () => reading?.abort();

  /** Asks the background what each importable entry would do, and keeps the user's ticks where they still make sense. */
  async function preview(next: ImportRow[], fresh: boolean, signal?: AbortSignal) {
    const asked = next.filter((r) => !r.candidate.problem);
    const { actions } = await client({ type: 'import.preview', items: asked.map((r) => importItem(r.candidate)) });
    if (signal?.aborted) return;
    const byRow = new Map(asked.map((r, i) => [r, actions[i]!]));
    rows.value = next.map((r) => {
      const action = byRow.get(r);
      const row = { ...r, ...(action ? { action } : {}) };
      return { ...row, ticked: importable(row) && (fresh ? !r.candidate.doubtful : r.ticked) };
    });
  }

  async function open(password?: string) {
    if (!file) return;
    const name = file.name;
    state.value = { step: 'reading', file: name };
    stopReading();
    const mine = (reading = new AbortController());
    try {
      const result = await read(file, password, mine.signal);
      if (mine.signal.aborted) return;
      const next = await Promise.all(result.entries.map(async (entry) => ({ entry, candidate: await candidate(entry), ticked: false })));
      await preview(next, true, mine.signal);
      if (mine.signal.aborted) return;
      state.value = { step: 'preview', file: name, format: result.format, busy: false };
    } catch (err) {
      if (mine.signal.aborted) return;
      const message = errorMessage(err);
      // The readers' AppError and the client's ProtocolError both carry the code: a password is asked for again.
      state.value =
        (err as { code?: string } | null)?.code === 'wrong-passphrase' ? { step: 'password', file: name, message } : { step: 'error', file: name, message };
    }
  }

  const change = async (index: number, update: (row: ImportRow) => Promise<ImportRow> | ImportRow) => {
    const current = state.value;
    if (current.step !== 'preview') return;
    const next = [...rows.value];
    next[index] = await update(next[index]!);
    rows.value = next;
    return next;
  };

  return {
    state,
    rows,
    async pick(picked: ImportFile) {
      file = picked;
      rows.value = [];
      await open();
    },
    open,
    toggle: (index: number, ticked: boolean) => change(index, (row) => ({ ...row, ticked: ticked && importable(row) })),
    async setKind(index: number, kind: string) {
      if (!kindOf(kind)) return;
      const next = await change(index, async (row) => ({ entry: row.entry, candidate: await candidate(row.entry, kind), ticked: row.ticked }));
      if (!next) return;
      try {
        await preview(next, false);
      } catch (err) {
        const current = state.value;
        if (current.step === 'preview') state.value = { ...current, message: errorMessage(err) };
      }
    },
    toggleSite: (index: number, site: string, on: boolean) =>
      change(index, (row) => {
        const sites = on ? [...new Set([...row.candidate.sites, site])] : row.candidate.sites.filter((s) => s !== site);
        return { ...row, candidate: { ...row.candidate, sites } };
      }),
    cancel() {
      stopReading();
      file = undefined;
      rows.value = [];
      state.value = { step: 'idle' };
    },
    async confirm() {
      const current = state.value;
      if (current.step !== 'preview') return;
      const chosen = rows.value.filter((r) => r.ticked);
      state.value = { ...current, busy: true, message: undefined };
      try {
        const summary = await client({ type: 'import.commit', items: chosen.map((r) => importItem(r.candidate)) });
        file = undefined;
        rows.value = [];
        state.value = {
          step: 'done',
          file: current.file,
          message: `Imported from ${current.file}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} already in Tokenkeep.`,
        };
      } catch (err) {
        state.value = { ...current, busy: false, message: errorMessage(err) };
      }
    },
  };
}

export type ImportAccountsModel = ReturnType<typeof createImportAccountsModel>;
