// CSV for spreadsheets: a header row, RFC 4180 quoting, UTF-8 with a BOM so Excel reads Chinese correctly.
export function toCsv<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // A leading = + - @ would make a spreadsheet run it as a formula: quote it as text.
    const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
