/**
 * The terminal bridge's part of the protocol: what the `tokenkeep` CLI may ask,
 * as the host checks it on the socket and the background checks it again on
 * the native port, and what each request answers. The replies have the
 * shape of every other reply (`{ ok, data | error }`), and the CLI checks
 * them too: a reply it cannot read is an error, never half an environment.
 */
import * as v from 'valibot';
import { malformed } from '../common/malformed';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** CLI to host, and host to browser: a request is small, and a bigger frame is refused unread. */
export const REQUEST_LIMIT = 64 * 1024;
/** Browser to host, and host to CLI. Chrome caps what a host sends at 1 MB; answers are far smaller. */
export const REPLY_LIMIT = 1024 * 1024;

/** Stands, in the arguments of a terminal login, for the path of the pipe sf reads the secret from. */
export const KEY_FILE = '{file}';

/** What the CLI reports about where it runs; the consent window shows it. */
const origin = {
  cwd: text(4096),
  command: v.pipe(v.array(text(4096)), v.maxLength(256)),
};
const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'the account name is empty'), v.maxLength(200));

export const TerminalRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('terminal.list'), ...origin }),
  // run: the values go into a command's environment (tokenkeep run), not to the terminal.
  v.strictObject({ type: v.literal('terminal.env'), name, run: v.optional(v.boolean()), ...origin }),
  v.strictObject({
    type: v.literal('terminal.get'),
    name,
    field: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9+-]{0,39}$/, 'not a field or format name')),
    ...origin,
  }),
  // An access token minted for the account (a kind that mints), for a pipe.
  v.strictObject({ type: v.literal('terminal.token'), name, ...origin }),
  // program: the sf the CLI will run, as it found it; the window names it.
  v.strictObject({ type: v.literal('terminal.login'), name, program: text(4096), ...origin }),
  // The sf CLI's orgs the user named (tokenkeep import sf), each with the SFDX auth URL sf showed: the one request that brings secrets in.
  v.strictObject({
    type: v.literal('terminal.import'),
    orgs: v.pipe(v.array(v.strictObject({ label: text(200), sfdxUrl: text(4096) })), v.minLength(1), v.maxLength(100)),
    ...origin,
  }),
]);

export type TerminalRequest = v.InferOutput<typeof TerminalRequestSchema>;
export type TerminalRequestType = TerminalRequest['type'];

/** Host to browser: whether it took the socket (waiting: another browser's host holds it). */
export const HostStatusSchema = v.strictObject({ status: v.picklist(['listening', 'waiting', 'failed']), message: v.optional(text(1000)) });

/** Host to browser: a CLI's request, numbered so that answers find their connection. */
export const HostMessageSchema = v.strictObject({ id: v.pipe(v.number(), v.integer(), v.minValue(1)), request: v.unknown() });

const variable = v.strictObject({ name: text(200), value: text(REPLY_LIMIT), secret: v.boolean() });

const RESPONSES = {
  'terminal.list': v.strictObject({ accounts: v.array(v.strictObject({ label: text(200), kind: text(200) })) }),
  'terminal.env': v.strictObject({ account: text(200), variables: v.array(variable) }),
  'terminal.get': v.strictObject({ account: text(200), value: text(REPLY_LIMIT), secret: v.boolean() }),
  'terminal.token': v.strictObject({ account: text(200), value: text(REPLY_LIMIT), instanceUrl: text(2048) }),
  // via: sf reads the secret on its standard input, or from a pipe named in its arguments (KEY_FILE).
  'terminal.login': v.strictObject({ account: text(200), secret: text(REPLY_LIMIT), via: v.picklist(['stdin', 'pipe']), args: v.array(text(4096)) }),
  'terminal.import': v.strictObject({ added: v.number(), updated: v.number(), unchanged: v.number(), skipped: v.array(text(4096)) }),
} satisfies Record<TerminalRequestType, v.GenericSchema>;

export type TerminalResponseMap = { [K in TerminalRequestType]: v.InferOutput<(typeof RESPONSES)[K]> };

const ErrorSchema = v.strictObject({ ok: v.literal(false), error: v.strictObject({ code: text(40), message: text(4096) }) });

export type TerminalReply<K extends TerminalRequestType> = { ok: true; data: TerminalResponseMap[K] } | { ok: false; error: { code: string; message: string } };

/** Browser to host: the answer to request `id`. */
export const BrowserMessageSchema = v.strictObject({ id: v.pipe(v.number(), v.integer(), v.minValue(1)), reply: v.unknown() });

/** The reply to a request of `type`, checked; anything else becomes a clear error. */
export function readReply<K extends TerminalRequestType>(type: K, raw: unknown): TerminalReply<K> {
  const failed = v.safeParse(ErrorSchema, raw);
  if (failed.success) return failed.output;
  const ok = v.safeParse(v.strictObject({ ok: v.literal(true), data: RESPONSES[type] }), raw);
  if (ok.success) return ok.output as TerminalReply<K>;
  return { ok: false, error: { code: 'bad-reply', message: 'Tokenkeep answered with something this tokenkeep command cannot read: update one of them.' } };
}

/** A request from the socket, checked, or the refusal to send back for it. */
export function parseTerminalRequest(raw: unknown): { ok: true; request: TerminalRequest } | Extract<TerminalReply<TerminalRequestType>, { ok: false }> {
  const parsed = v.safeParse(TerminalRequestSchema, raw);
  if (parsed.success) return { ok: true, request: parsed.output };
  return { ok: false, error: { code: 'bad-request', message: `Tokenkeep refused a ${malformed(parsed.issues)}.` } };
}
