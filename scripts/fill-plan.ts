/**
 * npm run --silent fill-plan -- FILE.html [--account JSON] [--append-token]
 * Prints the fill plan the extension would follow on that page, as JSON:
 * the form, for each field its selector, role and the reason it was
 * chosen, and notes on what it left out (hidden fields, code, card and
 * address fields) and which of two logins it took. --account (an account
 * as JSON, or a path to one) leaves out the roles it cannot fill; secrets
 * in it are never printed. --append-token appends the token to the password
 * where the form has no token field.
 *
 * The page is planned in headless Chromium, as the extension plans it in
 * the browser: what is drawn where (off the page, covered) takes layout,
 * which no DOM in Node has (scripts/lib/plan-in-chromium.ts).
 * Exit 0 with a plan (possibly empty), 2 when the file cannot be read or
 * Chromium cannot start.
 */
import { access, readFile } from 'node:fs/promises';
import { hasOf } from '../utils/autofill/decide';
import { fromFlat } from '../utils/vault/flat';
import { openPlanner } from './lib/plan-in-chromium';

function usage(message: string): never {
  process.stderr.write(`fill-plan: ${message}\nusage: npm run --silent fill-plan -- FILE.html [--account JSON] [--append-token]\n`);
  process.exit(2);
}

/** The fill roles an account can answer, from its kind's declarations: `{"kind": …, …fields}` (kind: salesforce when absent). */
async function readAccount(value: string): Promise<ReturnType<typeof hasOf>> {
  const text = value.trim().startsWith('{') ? value : await readFile(value, 'utf8');
  const { kind, fields } = fromFlat(JSON.parse(text));
  // A TOTP secret stands for its code: which code does not change the plan.
  return hasOf(Object.fromEntries(Object.entries(kind.fill).map(([role, field]) => [role, fields[field]])));
}

async function main(args: string[]) {
  let file: string | undefined;
  let has: Awaited<ReturnType<typeof readAccount>> | undefined;
  let appendToken = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--append-token') appendToken = true;
    else if (arg === '--account') {
      const value = args[++i];
      if (!value) usage('--account needs a JSON object or a file');
      has = await readAccount(value).catch((err: Error) => usage(`--account: ${err.message}`));
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (file) usage('one file at a time');
    else file = arg;
  }
  if (!file) usage('no file given');
  await access(file).catch((err: NodeJS.ErrnoException) => usage(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`));
  const planner = await openPlanner().catch((err: Error) => usage(`cannot start Chromium to lay the page out: ${err.message}`));
  const plan = await planner.plan(file, { appendToken, ...(has ? { has } : {}) }).finally(() => planner.close());
  process.stdout.write(
    `${JSON.stringify({ file, ...plan, fields: plan.fields.map(({ selector, role, reason }) => ({ selector, role, reason })) }, null, 2)}\n`,
  );
}

await main(process.argv.slice(2));
