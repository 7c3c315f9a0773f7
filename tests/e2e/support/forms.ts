/** Login-form fixture pages for the autofill e2e tests, served under real origins. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export const form = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/forms', name), 'utf8');

/**
 * Makes #id behave like a React-controlled input (React tracks values set
 * through the element and ignores their input events), and records the
 * events it sees: what a framework-driven form would notice of a fill.
 */
export function withReactLikeInput(html: string, id: string): string {
  const script = `<script>
  (() => {
    const input = document.getElementById(${JSON.stringify(id)});
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    let tracked = input.value;
    Object.defineProperty(input, 'value', { configurable: true, get() { return native.get.call(this); }, set(v) { tracked = v; native.set.call(this, v); } });
    window.seen = { events: [], state: '' };
    for (const type of ['focus', 'keydown', 'input', 'keyup', 'change', 'blur']) input.addEventListener(type, () => window.seen.events.push(type));
    input.addEventListener('input', () => { const now = native.get.call(input); if (now !== tracked) { tracked = now; window.seen.state = now; } });
  })();
  </script>`;
  return html.replace('</body>', `${script}</body>`);
}

/** Values of every input on the page (and in same-origin frames), by id or name. */
export const VALUES_SCRIPT = () => {
  const out: Record<string, string> = {};
  for (const el of document.querySelectorAll('input')) if (el.type !== 'hidden') out[el.id || el.name] = el.value;
  return out;
};
