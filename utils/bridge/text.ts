/**
 * The CLI reports its command line and folder itself, so a program could send
 * text that draws something else: control, format and direction characters,
 * zero-width and blank characters other than the space are shown as escapes,
 * never obeyed or left to hide in plain sight.
 */
export const visible = (text: string) =>
  text.replace(
    /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u115f\u1160\u1680\u180e\u2000-\u200a\u202f\u205f\u3000\u3164\uffa0]/gu,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
