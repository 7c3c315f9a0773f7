/**
 * Conceals secrets in a program's output as it streams, as `op run` does: a
 * script that prints its environment, or an error that echoes a connection
 * string, shows the mask instead. Both of the program's streams go through
 * one masker, in the order they arrive, so a secret split across two chunks,
 * or printed half to stdout and half to stderr (which a terminal shows as
 * one), is still found: the end of what has arrived that could start a
 * secret is held back until the next chunk, on either stream, tells.
 *
 * Besides the secret as it is, the forms programs print it in are masked:
 * base64 (standard and URL-safe, also inside a larger base64 text such as
 * `curl -v`'s `Authorization: Basic …`), URL encoding, and JSON escaping.
 * Anything else (hex, compressed or encrypted output, pieces printed apart)
 * is not found: README, "The terminal".
 */
export const MASK = '<concealed by Tokenkeep>';

/** Values shorter than this are left alone: masking every "1" in a log would hide the log, not a secret. */
export const MIN_MASKED = 4;
/** A base64 fragment shorter than this could be anyone's: 8 characters are 6 bytes of the secret. */
const MIN_BASE64 = 8;

export type Stream = 'out' | 'err';
export interface Part {
  stream: Stream;
  text: string;
}

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const urlSafe = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 characters that depend on the secret alone, at each of the three
 * places it can start within a larger base64 text: the whole groups of three
 * bytes that hold nothing else.
 */
function base64Fragments(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const out: string[] = [];
  for (let before = 0; before < 3; before++) {
    const padded = new Uint8Array(before + bytes.length);
    padded.set(bytes, before);
    const encoded = base64(padded);
    const start = before === 0 ? 0 : 4;
    const end = 4 * Math.floor((before + bytes.length) / 3);
    const fragment = encoded.slice(start, end);
    if (fragment.length >= MIN_BASE64) out.push(fragment, urlSafe(fragment));
  }
  return out;
}

/** Every form of the secrets that is masked. */
export function maskedForms(secrets: readonly string[]): string[] {
  const forms = secrets
    .filter((s) => s.length >= MIN_MASKED)
    .flatMap((s) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2), JSON.stringify(s).slice(1, -1), ...base64Fragments(s)]);
  // Longest first, so a form that contains another is masked whole.
  return [...new Set(forms.filter((f) => f.length >= MIN_MASKED))].sort((a, b) => b.length - a.length);
}

export function createMasker(secrets: readonly string[], mask = MASK) {
  const values = maskedForms(secrets);
  const hold = values.length ? values[0]!.length - 1 : 0;
  /** What has arrived but not gone out: each piece with the stream it came on. */
  let pending: Part[] = [];

  /** Masks what is pending; unless `final`, keeps back a tail that might be the start of a secret. */
  function run(final: boolean): Part[] {
    const text = pending.map((p) => p.text).join('');
    const owner: Stream[] = pending.flatMap((p) => Array<Stream>(p.text.length).fill(p.stream));
    const limit = final ? text.length : Math.max(0, text.length - hold);
    const out: Part[] = [];
    const emit = (stream: Stream, piece: string) => {
      const last = out.at(-1);
      if (last?.stream === stream) last.text += piece;
      else if (piece) out.push({ stream, text: piece });
    };
    let i = 0;
    for (;;) {
      let at = -1;
      let length = 0;
      for (const value of values) {
        const j = text.indexOf(value, i);
        if (j !== -1 && j < limit && (at === -1 || j < at)) [at, length] = [j, value.length];
      }
      if (at === -1) break;
      for (let k = i; k < at; k++) emit(owner[k]!, text[k]!);
      // The mask goes where the secret began.
      emit(owner[at]!, mask);
      i = at + length;
    }
    for (; i < limit; i++) emit(owner[i]!, text[i]!);
    pending = [];
    for (let k = i; k < text.length; k++) {
      const last = pending.at(-1);
      if (last && last.stream === owner[k]) last.text += text[k];
      else pending.push({ stream: owner[k]!, text: text[k]! });
    }
    return out;
  }

  return {
    /** What can be written now of what arrived on `stream`, each piece to its own stream. */
    push(stream: Stream, chunk: string): Part[] {
      if (!values.length) return chunk ? [{ stream, text: chunk }] : [];
      pending.push({ stream, text: chunk });
      return run(false);
    },
    /** What was held back, once both streams have ended. */
    end: (): Part[] => (values.length ? run(true) : []),
  };
}

export type Masker = ReturnType<typeof createMasker>;
