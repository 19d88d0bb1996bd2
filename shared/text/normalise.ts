// Barrage normalisation, so that spelling variants of one shout count as one word: 哈哈哈哈 → 哈哈,
// 666666 → 666, ？？？ → ？, full-width → half-width (NFKC), Latin lower-cased, invisible characters dropped.

// Zero-width and bidi controls, and C0/C1 controls: invisible, used to dodge platform filters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** A digit repeated three or more times (666666, 7777, 1111): keep three. */
const DIGIT_RUN = /(\d)\1{3,}/g;
/** Any other character repeated three or more times (哈哈哈哈, 啊啊啊, ！！！): keep two. */
const CHAR_RUN = /(\D)\1{2,}/gu;
/** Repeated punctuation: one is enough. */
const PUNCT_RUN = /([?!？！。，,.~～])\1+/g;

export function normaliseBarrage(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(PUNCT_RUN, '$1')
    .replace(DIGIT_RUN, '$1$1$1')
    .replace(CHAR_RUN, '$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}
