// The engine needs only this; the jieba-backed implementation (native code) lives in tokenizer.ts.
export interface Tokenizer {
  /** Words worth counting in one barrage line: normalised, stopwords removed, each word once. */
  tokenize(text: string): string[];
  /** Teach the segmenter words it must keep whole (product names from the room's catalogue). */
  addWords(words: string[]): void;
  /** Every word of the line in order, normalised, stopwords kept (the question detector reads 什么码, 能不能). */
  cut?(text: string): string[];
}
