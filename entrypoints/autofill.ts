/**
 * Injected on demand (scripting, under activeTab) into the frames of the tab
 * the user asked to fill. It plans in every frame and reports what it found,
 * without any secret; the background then sends the values to the one frame
 * it chose. Lives in the extension's isolated world: page scripts cannot
 * call it or see what it is given.
 *
 * Each document gets a random key the first time the script runs in it. A
 * navigation brings a new document and a new isolated world, so a fill
 * meant for the planned document finds a different key, or no script at
 * all, and fills nothing.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fillFields, type FillOutcome, type FillValue } from '../utils/autofill/fill';
import { readSignals } from '../utils/autofill/login-run';
import { planFill } from '../utils/autofill/plan';
import type { PlanOptions } from '../utils/autofill/types';

export default defineUnlistedScript(() => {
  const global = globalThis as { __tokenkeepAutofill?: unknown };
  if (global.__tokenkeepAutofill) return;
  const documentKey = crypto.randomUUID();
  global.__tokenkeepAutofill = {
    plan: (options: PlanOptions) => ({
      origin: location.origin,
      url: location.href,
      top: window === window.top,
      documentKey,
      plan: planFill(document, options),
      // What the page says to a person (a verification, a passkey, a refused login): "Log in" stops there.
      signals: readSignals(document.body?.innerText ?? ''),
      ready: document.readyState === 'complete',
    }),
    fill: (values: FillValue[], expected: { origin: string; documentKey: string }, submit = false): FillOutcome =>
      expected.origin !== location.origin || expected.documentKey !== documentKey
        ? { filled: [], refused: 'The page changed before the fill.' }
        : fillFields(document, values, { submit }),
  };
});
