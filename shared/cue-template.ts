// 话术 templates: {商品名} {价格} {库存} {在线人数} are filled from the room at send time. An unknown
// variable is left as written, so a typo is visible rather than silently blank.
export interface TemplateVars {
  商品名?: string;
  价格?: number;
  库存?: number;
  在线人数?: number;
}

export function fillTemplate(text: string, vars: TemplateVars): string {
  return text.replace(/\{(商品名|价格|库存|在线人数)\}/g, (whole, name: keyof TemplateVars) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** Whether the text names a product ({商品名} {价格} {库存}): a hand-typed cue like this must say which one. */
export function needsProduct(text: string): boolean {
  return /\{(商品名|价格|库存)\}/.test(text);
}
