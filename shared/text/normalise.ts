// Barrage normalisation, so that spelling variants of one shout count as one word: 哈哈哈哈 → 哈哈,
// 666666 → 666, ？？？ → ?, 可爱可爱 → 可爱, full-width → half-width, Latin lower-cased, invisible characters
// dropped. Pure: the server runs it on every comment before tokenizing, the client may run it on what it shows.

// Zero-width, joiners, bidi overrides, soft hyphen, variation selectors, BOM, and C0/C1 controls other than
// whitespace: invisible, and used to slip the same phrase past platform filters as "different" text.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\u034f|[\ufe00-\ufe0f]/g;
/** Punctuation or symbols (emoji included) repeated: one says as much as ten (？？？ → ?, 👍👍👍 → 👍). */
const SYMBOL_RUN = /([\p{P}\p{S}])\1+/gu;
/** A whole number made of one slang digit (666666, 7777, 8888, 1111): keep three. Only 1, 6, 7 and 8 and
 * only whole numbers, so prices and quantities (10000, 2999, 5555 元) keep their meaning. */
const DIGIT_RUN = /(?<!\d)([1678])\1{3,}(?!\d)/g;
/** Bilibili's laugh, 2333333: keep 233. */
const LAUGH_233 = /(?<!\d)2333+(?!\d)/g;
/** A letter (CJK or Latin) three or more times (哈哈哈哈, 啊啊啊, hhhhh): keep two, which is the word. */
const LETTER_RUN = /(\p{L})\1{2,}/gu;
/** A short unit repeated (嘉然嘉然嘉然, 然然超可爱然然超可爱, \嘉然/\嘉然/): keep one. Lazy, so the shortest unit
 * wins; applied only to units with a Han character and no digit (see `collapseUnit`). */
const UNIT_RUN = /(\S{2,8}?)\1+/gu;
const HAN = /\p{Script=Han}/u;
const DIGIT = /\d/;
const SPACES = /\s+/g;

export function normaliseBarrage(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim()
    .replace(SYMBOL_RUN, '$1')
    .replace(DIGIT_RUN, '$1$1$1')
    .replace(LAUGH_233, '233')
    .replace(LETTER_RUN, '$1$1')
    .replace(UNIT_RUN, collapseUnit);
}

/** Latin-only units are left alone (banana, lolol are words, not repeats), and so are units with digits
 * (2020, 1212 are numbers). */
function collapseUnit(run: string, unit: string): string {
  return HAN.test(unit) && !DIGIT.test(unit) ? unit : run;
}
