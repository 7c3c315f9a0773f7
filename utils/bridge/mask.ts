/**
 * Conceals secrets in a program's output as it streams, as `op run` does: a
 * script that prints its environment, or an error that echoes a connection
 * string, shows the mask instead. A secret split across two chunks is still
 * found, because the end of each chunk that could start one is held back
 * until the next arrives.
 */
export const MASK = '<concealed by Tokenkeep>';

/** Values shorter than this are left alone: masking every "1" in a log would hide the log, not a secret. */
export const MIN_MASKED = 4;

export function createMasker(secrets: readonly string[], mask = MASK) {
  // Longest first, so a secret that contains another is masked whole.
  const values = [...new Set(secrets.filter((s) => s.length >= MIN_MASKED))].sort((a, b) => b.length - a.length);
  const hold = values.length ? values[0]!.length - 1 : 0;
  let pending = '';

  /** Masks `text`; with `final` false, keeps back a tail that might be the start of a secret. */
  function run(text: string, final: boolean): string {
    let out = '';
    let i = 0;
    const limit = final ? text.length : text.length - hold;
    for (;;) {
      let at = -1;
      let length = 0;
      for (const secret of values) {
        const j = text.indexOf(secret, i);
        if (j !== -1 && j < limit && (at === -1 || j < at)) [at, length] = [j, secret.length];
      }
      if (at === -1) break;
      out += text.slice(i, at) + mask;
      i = at + length;
    }
    if (i < limit) {
      out += text.slice(i, limit);
      i = limit;
    }
    pending = text.slice(i);
    return out;
  }

  return {
    push: (chunk: string) => (values.length ? run(pending + chunk, false) : chunk),
    end: () => (values.length ? run(pending, true) : ''),
  };
}

export type Masker = ReturnType<typeof createMasker>;
