// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fillFields } from '../../../utils/autofill/fill';
import { planFill } from '../../../utils/autofill/plan';

/** An input that behaves like a React-controlled one: React tracks values set through the instance and ignores their input events. */
function reactLike(input: HTMLInputElement, events: string[]) {
  let tracked = input.value;
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get: () => native.get!.call(input),
    set: (v: string) => {
      tracked = v;
      native.set!.call(input, v);
    },
  });
  const state = { value: '' };
  for (const type of ['focus', 'keydown', 'input', 'keyup', 'change', 'blur']) input.addEventListener(type, () => events.push(type));
  input.addEventListener('input', () => {
    const now = native.get!.call(input) as string;
    if (now !== tracked) {
      tracked = now;
      state.value = now;
    }
  });
  return state;
}

describe('filler', () => {
  it('fills each planned field with the events of typing, so a React-controlled input takes the value', () => {
    document.body.innerHTML =
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><label for="t">Security token</label><input id="t"></form>';
    const events: string[] = [];
    const username = reactLike(document.querySelector('#u')!, events);
    const plan = planFill(document, { layout: false });
    const values = { username: 'jane@acme.com', password: 'pw!', token: 'TOKEN123' } as Record<string, string>;
    const filled = fillFields(
      document,
      plan.fields.map((f) => ({ path: f.path, role: f.role, value: values[f.role]! })),
      { layout: false },
    );
    expect(filled).toEqual({ filled: ['username', 'password', 'token'] });
    expect(username.value).toBe('jane@acme.com');
    expect(events).toEqual(['focus', 'keydown', 'input', 'keyup', 'change', 'blur']);
    expect(document.querySelector<HTMLInputElement>('#t')!.value).toBe('TOKEN123');
  });

  it('never forces a read-only or disabled field', () => {
    document.body.innerHTML = '<input id="a" readonly value="keep"><input id="b" disabled><input id="c">';
    expect(
      fillFields(
        document,
        [
          { path: ['#a'], role: 'username', value: 'x' },
          { path: ['#b'], role: 'password', value: 'y' },
          { path: ['#c'], role: 'token', value: 'z' },
        ],
        { layout: false },
      ),
    ).toEqual({ filled: ['token'] });
    expect(document.querySelector<HTMLInputElement>('#a')!.value).toBe('keep');
  });

  it('fills nothing when a planned field vanished, or was hidden after the plan', () => {
    document.head.innerHTML = '<style>.later { opacity: 0 }</style>';
    document.body.innerHTML =
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><label for="t">Security token</label><input id="t"></form>';
    const plan = planFill(document, { layout: false });
    expect(plan.fields.map((f) => f.role)).toEqual(['username', 'password', 'token']);
    const values = plan.fields.map((f) => ({ path: f.path, role: f.role, value: `value for ${f.role}` }));
    // The page hides the token field between the plan and the fill.
    document.querySelector('#t')!.classList.add('later');
    expect(fillFields(document, values, { layout: false })).toEqual({ filled: [], refused: 'The token field cannot be seen (opacity 0).' });
    document.querySelector('#t')!.remove();
    expect(fillFields(document, values, { layout: false })).toEqual({ filled: [], refused: 'The token field is gone: the page changed.' });
    for (const id of ['#u', '#p']) expect(document.querySelector<HTMLInputElement>(id)!.value).toBe('');
  });

  it('fills nothing into a field whose own limits the value does not fit, and says which limit', () => {
    document.body.innerHTML =
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password" maxlength="6" pattern="[0-9]{6}"></form>';
    const plan = planFill(document, { layout: false, appendToken: true });
    const into = (password: string) => plan.fields.map((f) => ({ path: f.path, role: f.role, value: f.role === 'username' ? 'jane@acme.com' : password }));
    expect(plan.fields.map((f) => f.role)).toEqual(['username', 'password+token']);
    expect(fillFields(document, into('Pa55w0rdPVmuqFRxEP0LG40WUka5'), { layout: false })).toEqual({
      filled: [],
      refused: 'The password + token does not fit the password field, which takes at most 6 characters.',
    });
    expect(fillFields(document, into('12ab56'), { layout: false })).toEqual({
      filled: [],
      refused: "The password + token does not fit the password field, which takes only what matches the page's pattern [0-9]{6}.",
    });
    expect(document.querySelector<HTMLInputElement>('#u')!.value).toBe('');
    expect(fillFields(document, into('123456'), { layout: false })).toEqual({ filled: ['username', 'password+token'] });
  });
});

describe('filler: submitting for "Log in"', () => {
  it('submits the filled form by its submit button when asked, and not otherwise', () => {
    document.body.innerHTML =
      '<form id="f"><label for="u">Username</label><input id="u" autocomplete="username"><button type="button">Cancel</button><button>Next</button></form>';
    const pressed: string[] = [];
    document.querySelectorAll('button').forEach((b) => b.addEventListener('click', (e) => (pressed.push(b.textContent!), e.preventDefault())));
    const plan = planFill(document, { layout: false });
    const values = plan.fields.map((f) => ({ path: f.path, role: f.role, value: 'jane@acme.com' }));
    expect(fillFields(document, values, { layout: false })).toEqual({ filled: ['username'] });
    expect(pressed).toEqual([]);
    expect(fillFields(document, values, { layout: false, submit: true })).toEqual({ filled: ['username'], submitted: true });
    expect(pressed).toEqual(['Next']);
  });
});
