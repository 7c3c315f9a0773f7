/** What the per-kind test files share: a token, the clock formats see, and a format of a kind by name. */
import { formatOf, kindOf, type Fields } from '../../../utils/kinds';
import { SAMPLE_NOW } from '../../../utils/kinds/types';

export const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
export const NOW = SAMPLE_NOW;
export const kind = (name: string) => kindOf(name)!;
export const text = async (k: string, format: string, fields: Fields, now = NOW) => formatOf(kind(k), format)!.text(fields, { now });
/** A sandbox Salesforce account, as the formats' tests quote it. */
export const sf: Fields = {
  username: 'jane@acme.com.uat',
  password: 'Pa55!word',
  token: TOKEN,
  loginUrl: 'https://test.salesforce.com',
  environment: 'sandbox',
};
