// C0 controls other than tab/newline, DEL and C1 controls: they break screens and logs, and no person types them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlChars(s: string): boolean {
  return CONTROL.test(s);
}
