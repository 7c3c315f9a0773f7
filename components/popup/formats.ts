/** The copy formats of a listed account, read from its kind: which it offers, which it can make now, and its one-click copy. */
import { canMake, kindFor, primaryFormat, type FormatSpec } from '../../utils/kinds';
import type { AccountSummary } from '../../utils/vault/account';

type Listed = Pick<AccountSummary, 'kind' | 'has'>;

const hasOf = (account: Listed) => (field: string) => account.has.includes(field);

export const formatsOf = (account: Listed): readonly FormatSpec[] => kindFor(account.kind).formats;

export const ready = (account: Listed, format: FormatSpec) => canMake(format, hasOf(account));

/** The one-click copy, or none for an account of a kind this version cannot read. */
export const primaryOf = (account: Listed): FormatSpec | undefined => primaryFormat(kindFor(account.kind), hasOf(account));
