/** The copy formats of a listed account, read from its kind: which it offers, which it can make now, and its one-click copy. */
import { canMake, kindOrOther, primaryFormat, type FormatSpec } from '../../utils/kinds';
import type { AccountSummary } from '../../utils/vault/account';

type Listed = Pick<AccountSummary, 'kind' | 'has'>;

const hasOf = (account: Listed) => (field: string) => account.has.includes(field);

export const formatsOf = (account: Listed): readonly FormatSpec[] => kindOrOther(account.kind).formats;

export const ready = (account: Listed, format: FormatSpec) => canMake(format, hasOf(account));

export const primaryOf = (account: Listed): FormatSpec => primaryFormat(kindOrOther(account.kind), hasOf(account));
