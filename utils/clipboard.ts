/**
 * The system clipboard as the background uses it: write a value, and clear
 * it after a delay only if it still holds that value, so whatever the user
 * copied meanwhile survives. The keeper runs in the background of both
 * browsers; the clipboard itself is reached through a Document (Chrome's
 * offscreen document, Firefox's background page), because those have no
 * focus, and the async Clipboard API refuses unfocused documents.
 */

/** What the host can do with the system clipboard. */
export interface ClipboardIo {
  write(text: string): Promise<void>;
  /**
   * Empties the clipboard if it still holds the text whose digest is given.
   * The comparison happens where the clipboard is, so what the user copied
   * meanwhile never travels. A clipboard that cannot be read counts as changed.
   */
  clearIfHolds(digest: string): Promise<'cleared' | 'changed'>;
}

export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Copies through a hidden textarea and execCommand, the one route open to an unfocused extension document. */
export function documentClipboard(doc: Document): ClipboardIo {
  function withTextarea<T>(use: (area: HTMLTextAreaElement) => T): T {
    const area = doc.createElement('textarea');
    area.setAttribute('aria-hidden', 'true');
    area.style.cssText = 'position:fixed;top:0;left:0;opacity:0';
    doc.body.append(area);
    try {
      return use(area);
    } finally {
      area.value = '';
      area.remove();
    }
  }
  async function write(text: string) {
    const ok = withTextarea((area) => {
      // An empty selection copies nothing, so the clearing write sets the data through the copy event.
      const onCopy = (e: ClipboardEvent) => {
        e.clipboardData?.setData('text/plain', text);
        e.preventDefault();
      };
      doc.addEventListener('copy', onCopy, { capture: true, once: true });
      area.value = ' ';
      area.select();
      const done = doc.execCommand('copy');
      doc.removeEventListener('copy', onCopy, { capture: true });
      return done;
    });
    if (!ok) throw new Error('The browser refused to write to the clipboard.');
  }
  return {
    write,
    async clearIfHolds(expected) {
      const current = withTextarea((area) => {
        area.focus();
        return doc.execCommand('paste') ? area.value : undefined;
      });
      if (current === undefined || (await digest(current)) !== expected) return 'changed';
      await write('');
      return 'cleared';
    },
  };
}

/** A pending clear: a digest of what was copied (never the value itself) and when to clear. */
export interface PendingClear {
  digest: string;
  at: number;
}

export interface PendingStore {
  get(): Promise<PendingClear | undefined>;
  set(pending: PendingClear | undefined): Promise<void>;
}

export function memoryPendingStore(): PendingStore {
  let value: PendingClear | undefined;
  return { get: async () => value, set: async (p) => void (value = p) };
}

/**
 * Copies, and clears later what it copied. `schedule` arranges a call to
 * `clearIfOurs` at a time; the host picks the timers that survive it (a
 * timeout while it is awake, an alarm in case it is unloaded). A later copy
 * replaces the pending clear.
 */
export function clipboardKeeper({
  io,
  pending = memoryPendingStore(),
  schedule,
  now = Date.now,
}: {
  io: ClipboardIo;
  pending?: PendingStore;
  schedule: (at: number) => void;
  now?: () => number;
}) {
  return {
    async copy(text: string, clearAfterMs: number | null): Promise<void> {
      await io.write(text);
      if (clearAfterMs === null) return pending.set(undefined);
      const at = now() + clearAfterMs;
      await pending.set({ digest: await digest(text), at });
      schedule(at);
    },

    /**
     * Clears the clipboard if a clear is pending and due, or at once when
     * `early` (the vault just locked), and the clipboard still holds what we copied.
     */
    async clearIfOurs({ early = false }: { early?: boolean } = {}): Promise<'cleared' | 'changed' | 'nothing'> {
      const due = await pending.get();
      if (!due || (!early && due.at > now())) return 'nothing';
      await pending.set(undefined);
      return io.clearIfHolds(due.digest);
    },
  };
}
