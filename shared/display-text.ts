// Names people type (a room's, a product's, a rule's) are shown on every screen, in CSV exports and in logs.
// Control characters (NUL included) break those; a lone surrogate is not text at all (it turns into U+FFFD or
// an encoding error on the way out); a bidi override or isolate makes a name display as something else
// ("‮gnp.exe" reads "exe.png"). Chinese, emoji and every other real text pass.

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

export type TextProblem = 'control' | 'surrogate' | 'bidi';

/** By code point: a string's iterator yields a surrogate half that is not part of a pair on its own. */
export function textProblem(value: string): TextProblem | null {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'control'; // C0, DEL, C1
    if (c >= 0xd800 && c <= 0xdfff) return 'surrogate';
    if (BIDI.has(c)) return 'bidi';
  }
  return null;
}

const WHY: Record<TextProblem, string> = {
  control: 'a control character (such as NUL, a tab or a line break)',
  surrogate: 'a broken character (a lone UTF-16 surrogate)',
  bidi: 'a text-direction control (U+200E/F, U+202A–202E, U+2066–2069, U+061C)',
};

/** The sentence for an API error: which field, and what is wrong with it. */
export function textProblemMessage(field: string, problem: TextProblem): string {
  return `${field} contains ${WHY[problem]}; use plain text`;
}
