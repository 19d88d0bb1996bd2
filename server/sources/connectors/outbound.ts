// Every address a connector dials goes through here once, so the outbound address check (loopback and
// private ranges refused unless allowed) applies to all of them alike.
export function checkConnectorUrl(url: string, schemes: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url.slice(0, 200)}`);
  }
  if (!schemes.includes(parsed.protocol))
    throw new Error(`${parsed.protocol} is not allowed here (${schemes.join(' ')})`);
  return parsed.toString();
}
