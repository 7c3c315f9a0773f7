/**
 * The one protocol between the extension's contexts. Every request is
 * validated where it arrives (valibot), checked against what its sender may
 * ask for, and answered with a typed reply: `{ ok: true, data }` or
 * `{ ok: false, error }`. Nothing is written for a request that fails.
 */
import type { LiveStatus } from '../live/cache';
import * as v from 'valibot';
import { ACCOUNT_COLORS } from '../common/account-colors';
import type { FillResult } from '../autofill/decide';
import { GRANT_MINUTES, type ConsentQuestion } from '../bridge/consent';
import type { BridgeStatus } from '../bridge/status';
import type { SyncStatus } from '../sync/controller';
import { AppError, type ErrorCode } from '../common/errors';
import { malformed } from '../common/malformed';
import { SALESFORCE } from '../kinds/salesforce-name';
import { isUsernameShaped, isTokenShaped } from '../extract/salesforce';
import { isSalesforceAddress } from '../extract/sender';
import type { Capture } from '../extract/types';
import { MAX_ENTRIES } from '../import/limits';
import type { ImportAction, ImportItem } from '../import/types';
import { normalizeSite } from '../common/sites';
import type { Account, AccountSummary, CaptureOutcome } from '../vault/account';
import type { AccountInput } from '../vault/account';
import type { AccountList, CaptureStatus, ImportSummary, Unlocked, VaultStatus } from './replies';
import { PIN_LENGTH } from '../vault/pin';
import { MAX_PASSPHRASE } from '../vault/vault';
import type { SenderContext } from './senders';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const CaptureSchema = v.pipe(
  v.strictObject({
    provider: v.literal(SALESFORCE),
    username: v.pipe(v.string(), v.check(isUsernameShaped, 'username is not in email format')),
    token: v.pipe(v.string(), v.check(isTokenShaped, 'token is not 20-30 letters and digits')),
    sender: v.strictObject({
      name: text(200),
      address: v.pipe(v.string(), v.check(isSalesforceAddress, 'sender is not a salesforce.com address')),
    }),
    subject: text(500),
    date: v.optional(v.pipe(v.string(), v.isoTimestamp())),
    messageId: v.optional(text(500)),
  }),
) satisfies v.GenericSchema<unknown, Capture>;

// Length limits well above what people use, far below what could hurt (10,000-character passphrases are tested).
const passphrase = text(4 * MAX_PASSPHRASE);
// The PIN's own rules (4 to 64 characters) are checked where it is set.
const pin = text(4 * PIN_LENGTH.max);
// A 64 MiB runtime message limit in Chrome caps backup files anyway.
const backupFile = text(64 * 1024 * 1024);

export const RESET_CONFIRMATION = 'delete everything';
/** What the options page sends once the user confirmed removing the synced copy. */
export const SYNC_REMOVE_CONFIRMATION = 'remove synced copy';

const optionalText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = text(100);

// The kind's own rules (which fields, how long, what shape) are checked by its module where the account is saved.
const kindName = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'not a kind name'));
const fieldName = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'not a field name'));

export const AccountInputSchema = v.strictObject({
  id: v.optional(id),
  kind: kindName,
  label: optionalText(200),
  fields: v.pipe(
    v.record(fieldName, optionalText(64 * 1024)),
    v.check((f) => Object.keys(f).length <= 20, 'too many fields'),
  ),
  sites: v.pipe(
    v.array(
      v.pipe(
        v.string(),
        v.check((site) => normalizeSite(site) === site, 'not a site (https://host or https://*.host)'),
      ),
    ),
    v.maxLength(50),
  ),
  expiresAt: v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]),
  notes: optionalText(10_000),
  /** The page a value was saved from with "Save to Tokenkeep…". */
  savedFrom: v.optional(v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^/\s]+$/, 'not an origin'))),
  syncLargeSecrets: v.optional(v.boolean()),
  color: v.optional(v.union([v.literal(''), v.picklist(ACCOUNT_COLORS)])),
  submitLogin: v.optional(v.boolean()),
}) satisfies v.GenericSchema<unknown, AccountInput>;

// An entry of another tool's export as the user kept it in the preview; its kind checks it again in the background.
const ImportItemSchema = v.strictObject({
  ...v.pick(AccountInputSchema, ['kind', 'label', 'fields', 'sites', 'notes']).entries,
  // The readers write it with toISOString (utils/import/limits.ts changedAt).
  changedAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
}) satisfies v.GenericSchema<unknown, ImportItem>;
const importItems = v.pipe(v.array(ImportItemSchema), v.maxLength(MAX_ENTRIES));

const RequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('capture.status'), capture: CaptureSchema }),
  v.strictObject({ type: v.literal('capture.save'), capture: CaptureSchema }),
  v.strictObject({ type: v.literal('capture.dismiss'), capture: CaptureSchema }),
  v.strictObject({ type: v.literal('accounts.list'), first: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
  v.strictObject({ type: v.literal('account.get'), id }),
  v.strictObject({ type: v.literal('account.save'), account: AccountInputSchema }),
  v.strictObject({ type: v.literal('account.delete'), id }),
  v.strictObject({ type: v.literal('account.restore'), id }),
  v.strictObject({
    type: v.literal('clipboard.copy'),
    id,
    format: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9+-]{0,39}$/, 'not a format name')),
    historyIndex: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  v.strictObject({ type: v.literal('account.code'), id }),
  v.strictObject({ type: v.literal('capture.pending') }),
  v.strictObject({ type: v.literal('command.pick') }),
  v.strictObject({ type: v.literal('login.open'), id }),
  // Live credentials: open the org with a single-use frontdoor URL, check that the credential still works, what the checks found.
  v.strictObject({ type: v.literal('live.open'), id }),
  v.strictObject({ type: v.literal('live.check'), id }),
  v.strictObject({ type: v.literal('live.status') }),
  v.strictObject({ type: v.literal('qr.scan'), tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.strictObject({
    type: v.literal('autofill.fill'),
    id,
    tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
    // An answer to a question names it, and the origin it showed.
    ticket: v.optional(v.pipe(v.string(), v.uuid())),
    origin: v.optional(v.pipe(v.string(), v.maxLength(2048))),
    confirmSite: v.optional(v.boolean()),
    mode: v.optional(v.picklist(['password', 'password+token', 'password+code'])),
    rememberMode: v.optional(v.boolean()),
  }),
  v.strictObject({ type: v.literal('vault.status') }),
  v.strictObject({ type: v.literal('vault.setup'), passphrase }),
  v.strictObject({ type: v.literal('vault.unlock'), passphrase }),
  v.strictObject({ type: v.literal('vault.unlockPin'), pin }),
  v.strictObject({ type: v.literal('vault.setPin'), pin }),
  v.strictObject({ type: v.literal('vault.clearPin') }),
  v.strictObject({ type: v.literal('vault.lock') }),
  v.strictObject({ type: v.literal('vault.changePassphrase'), current: passphrase, next: passphrase }),
  v.strictObject({ type: v.literal('vault.export') }),
  v.strictObject({ type: v.literal('vault.import'), file: backupFile, passphrase }),
  v.strictObject({ type: v.literal('vault.reset'), confirm: v.literal(RESET_CONFIRMATION) }),
  // Another tool's export (utils/import), read in the options page: what each entry would do, then all of them at once.
  v.strictObject({ type: v.literal('import.preview'), items: importItems }),
  v.strictObject({ type: v.literal('import.commit'), items: importItems }),
  v.strictObject({ type: v.literal('sync.status') }),
  v.strictObject({ type: v.literal('sync.notices') }),
  // The passphrase of the vault already in sync storage, when this browser joins it.
  v.strictObject({ type: v.literal('sync.enable'), passphrase: v.optional(passphrase) }),
  // A browser with no vault yet joins the synced one from its first screen.
  v.strictObject({ type: v.literal('sync.join'), passphrase }),
  v.strictObject({ type: v.literal('sync.disable') }),
  v.strictObject({ type: v.literal('sync.remove'), confirm: v.literal(SYNC_REMOVE_CONFIRMATION) }),
  v.strictObject({ type: v.literal('bridge.status') }),
  v.strictObject({ type: v.literal('bridge.enable') }),
  v.strictObject({ type: v.literal('bridge.disable') }),
  v.strictObject({ type: v.literal('consent.get'), ticket: v.pipe(v.string(), v.uuid()) }),
  v.strictObject({
    type: v.literal('consent.answer'),
    ticket: v.pipe(v.string(), v.uuid()),
    answer: v.union([
      v.literal('deny'),
      v.strictObject({
        allow: v.union([v.literal('once'), v.picklist(GRANT_MINUTES)]),
        option: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))),
      }),
    ]),
  }),
]);

export type Request = v.InferOutput<typeof RequestSchema>;

export type RequestType = Request['type'];

type Empty = Record<string, never>;

/** What each request answers with. */
export interface ResponseMap {
  'capture.status': { status: CaptureStatus };
  'capture.save': { outcome: CaptureOutcome; accountId: string };
  'capture.dismiss': Empty;
  'accounts.list': AccountList;
  'account.get': { account: Account };
  'account.save': { account: AccountSummary };
  'account.delete': Empty;
  'account.restore': { account: AccountSummary };
  /** What was copied, and in how many seconds the clipboard clears (null: never). */
  'clipboard.copy': { message: string; clearsInSeconds: number | null };
  /** An account's current TOTP code: the popup shows it with its countdown. */
  'account.code': { code: string; remaining: number; period: number };
  /** A value "Save to Tokenkeep…" took from a page, and the page's origin: the add form opens with it. */
  'capture.pending': { pending: { value: string; origin: string } | null };
  /** A keyboard command found several accounts for the page: the popup it opened lets the user choose one, to copy or to fill. */
  'command.pick': { pick: { action: 'copy' | 'fill' } | null };
  /** The login page's origin, opened in a new tab that Tokenkeep now fills. */
  'login.open': { origin: string };
  /** The host of the org opened in a new tab. */
  'live.open': { host: string };
  'live.check': { check: NonNullable<LiveStatus['check']> };
  /** By account id: what the last check found, and the org's instance. No secret. */
  'live.status': { statuses: Record<string, LiveStatus> };
  /** The text of the QR code the current tab shows. */
  'qr.scan': { text: string };
  'autofill.fill': FillResult;
  'vault.status': VaultStatus;
  'vault.setup': Empty;
  'vault.unlock': Unlocked;
  'vault.unlockPin': Unlocked;
  'vault.setPin': Empty;
  'vault.clearPin': Empty;
  'vault.lock': Empty;
  'vault.changePassphrase': Empty;
  'vault.export': { file: string; name: string; count: number; skipped: number };
  'vault.import': ImportSummary;
  'vault.reset': Empty;
  /** In the order sent. */
  'import.preview': { actions: ImportAction[] };
  'import.commit': ImportSummary;
  'sync.status': SyncStatus;
  'sync.notices': { notices: string[] };
  'sync.enable': SyncStatus;
  'sync.join': SyncStatus;
  'sync.disable': SyncStatus;
  'sync.remove': SyncStatus;
  'bridge.status': BridgeStatus;
  'bridge.enable': BridgeStatus;
  'bridge.disable': BridgeStatus;
  /** What a terminal asks for, as its consent window shows it. */
  'consent.get': { question: ConsentQuestion };
  'consent.answer': Empty;
}

export type { ErrorCode };
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/**
 * Content scripts run on pages an attacker can write into (an email body), so
 * they may only offer captures. Reading the vault is for extension pages.
 */
const CONTENT_MAY: ReadonlySet<RequestType> = new Set(['capture.status', 'capture.save', 'capture.dismiss']);

export function allowed(type: RequestType, context: SenderContext): boolean {
  return context === 'page' || CONTENT_MAY.has(type);
}

export type Handlers = { [K in RequestType]: (request: Extract<Request, { type: K }>) => Promise<ResponseMap[K]> };

export async function handleRequest(raw: unknown, context: SenderContext, handlers: Handlers): Promise<Reply<unknown>> {
  const parsed = v.safeParse(RequestSchema, raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-request', message: malformed(parsed.issues) } };
  }
  const request = parsed.output;
  if (!allowed(request.type, context)) {
    return {
      ok: false,
      error: { code: 'forbidden', message: `"${request.type}" is not allowed from a ${context === 'content' ? 'web page' : 'extension page'}` },
    };
  }
  try {
    const handler = handlers[request.type] as (r: Request) => Promise<unknown>;
    return { ok: true, data: await handler(request) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
    // Unexpected errors may carry anything in their message; the user gets a generic one.
    return { ok: false, error: { code: 'internal', message: 'internal error' } };
  }
}
