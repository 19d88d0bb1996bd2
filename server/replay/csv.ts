// CSV for spreadsheets: RFC 4180 quoting, UTF-8 with a BOM so Excel reads Chinese correctly. The rows come laid
// out as cells (csv-columns.ts: two header rows, then the values).
export function cellsToCsv(rows: unknown[][]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // A leading = + - @ would make a spreadsheet run it as a formula: quote it as text.
    const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
