/**
 * What a field's own constraints let it hold (maxlength, minlength,
 * pattern), as the browser would judge a value typed into it. A value that
 * does not fit is never cut to size: a password field that takes 6 digits
 * gets nothing rather than half a password + token, and the user is told why.
 */

/** The pattern as the browser compiles it (HTML: anchored, with the v flag); undefined when absent or invalid, which browsers ignore. */
function patternOf(el: HTMLInputElement): RegExp | undefined {
  const pattern = el.getAttribute('pattern');
  if (!pattern) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'v');
  } catch {
    return undefined;
  }
}

const characters = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/** What the field takes, in words ("at most 6 characters, matching [0-9]{6}"), or undefined when it takes anything. */
export function describeConstraints(el: HTMLInputElement): string | undefined {
  const parts: string[] = [];
  if (el.maxLength > 0) parts.push(`at most ${characters(el.maxLength)}`);
  if (el.minLength > 0) parts.push(`at least ${characters(el.minLength)}`);
  if (patternOf(el)) parts.push(`matching ${el.getAttribute('pattern')}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** Why `value` cannot go into the field ("takes at most 6 characters"), or undefined when it fits. Says nothing of the value itself. */
export function whyNotFit(el: HTMLInputElement, value: string): string | undefined {
  // Length as the browser counts it for these limits: UTF-16 code units.
  if (el.maxLength > 0 && value.length > el.maxLength) return `takes at most ${characters(el.maxLength)}`;
  if (el.minLength > 0 && value.length < el.minLength) return `takes at least ${characters(el.minLength)}`;
  const pattern = patternOf(el);
  if (pattern && !pattern.test(value)) return `takes only what matches the page's pattern ${el.getAttribute('pattern')}`;
  return undefined;
}
