/**
 * Injected on demand (scripting, under activeTab) into the frames of the tab
 * the user asked to fill. It plans in every frame and reports what it found,
 * without any secret; the background then sends the values to the one frame
 * it chose. Lives in the extension's isolated world: page scripts cannot
 * call it or see what it is given.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fillFields, type FillValue } from '../utils/autofill/fill';
import { planFill } from '../utils/autofill/plan';
import type { PlanOptions } from '../utils/autofill/types';

export default defineUnlistedScript(() => {
  (globalThis as { __tokenkeepAutofill?: unknown }).__tokenkeepAutofill = {
    plan: (options: PlanOptions) => ({ origin: location.origin, url: location.href, top: window === window.top, plan: planFill(document, options) }),
    fill: (values: FillValue[]) => fillFields(document, values),
  };
});
