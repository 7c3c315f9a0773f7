import * as v from 'valibot';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * Requests from the background to Chrome's offscreen document, which holds
 * the clipboard. They travel on the same runtime channel as everything else,
 * so they carry a `target` that the background's own router never accepts.
 */
export const OffscreenRequestSchema = v.variant('type', [
  v.strictObject({
    target: v.literal('offscreen'),
    type: v.literal('clipboard.write'),
    text: text(1024 * 1024),
  }),
  v.strictObject({
    target: v.literal('offscreen'),
    type: v.literal('clipboard.clearIf'),
    // A SHA-256 hex digest of what was copied, never the text.
    digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  }),
]);

export type OffscreenRequest = v.InferOutput<typeof OffscreenRequestSchema>;

/** The offscreen request in `raw`, or undefined for anything else (which the offscreen document leaves unanswered). */
export function parseOffscreenRequest(raw: unknown): OffscreenRequest | undefined {
  const parsed = v.safeParse(OffscreenRequestSchema, raw);
  return parsed.success ? parsed.output : undefined;
}
