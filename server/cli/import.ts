// npm run import -- --url http://localhost:8080 --room <id> --token <ingest|admin> --format ndjson|bilibili-xml
//                   [--speed 0|N] <file>
// Sends a recorded stream to a running console's import route and prints the server's answer.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npm run import -- --room <id> --token <token> --format ndjson|bilibili-xml [--speed 0] [--url http://localhost:8080] <file>';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: `http://localhost:${process.env.PORT ?? 8080}` },
      room: { type: 'string' },
      token: { type: 'string' },
      format: { type: 'string' },
      speed: { type: 'string', default: '0' },
    },
  });
  const file = positionals[0];
  if (!values.room || !values.token || !values.format || !file) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const type = values.format === 'bilibili-xml' ? 'application/xml' : 'application/x-ndjson';
  const url = `${values.url}/api/rooms/${encodeURIComponent(values.room)}/import?format=${values.format}&speed=${values.speed}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${values.token}`, 'content-type': type },
    body: fs.readFileSync(file),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) {
    console.error(`import failed: HTTP ${res.status} ${body.code}: ${body.message}`);
    return 1;
  }
  const rejected = (body.rejected as unknown[]).length;
  console.log(
    `${values.format}: ${body.total} read, ${body.accepted} accepted, ${body.duplicates} duplicates, ` +
      `${rejected} rejected, ${body.scheduled} scheduled for replay at ${values.speed}×`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`import failed: ${err.message}`);
    process.exit(1);
  },
);
