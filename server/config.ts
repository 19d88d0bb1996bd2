// Configuration comes from environment variables, validated at boot: a wrong value stops the server with a
// readable list of what is wrong instead of surfacing later as odd behaviour.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_TICK_HZ, MAX_TICK_HZ, MIN_TICK_HZ } from '../shared/constants.ts';
import { OutboundPolicy } from './sources/outbound-policy.ts';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Bearer token for GET /metrics; unset, /metrics is off (it lists every room id). */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  TICK_HZ: Type.Number({ minimum: MIN_TICK_HZ, maximum: MAX_TICK_HZ, default: DEFAULT_TICK_HZ }),
  /** Start the built-in simulated demo room. */
  DEMO: Type.Boolean({ default: false }),
  DEMO_PEAK_ONLINE: Type.Integer({ minimum: 10, maximum: 100_000, default: 400 }),
  /** Hosts and CIDRs sources may reach besides public addresses (comma-separated), e.g. 127.0.0.1,10.0.0.0/8. */
  SOURCE_ALLOW: Type.String({ default: '' }),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per address). */
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** PostgreSQL instead of the SQLite file in DATA_DIR: postgres://user:pass@host:5432/db */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'postgres://…' })),
  /** The PostgreSQL schema to work in (created if missing); default the connection's (public). */
  DATABASE_SCHEMA: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$' })),
  /** How long a shutdown (SIGTERM/SIGINT) may take to flush and close before the process exits anyway. */
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
  /** Sessions that ended more than this many days ago are removed (0 keeps everything). */
  RETENTION_DAYS: Type.Integer({ minimum: 0, maximum: 36_500, default: 0 }),
  /** Clustered mode: instances sharing this Redis (and one store) split the rooms between them. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** This instance's name in the cluster (default host name and pid). */
  INSTANCE_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Clustered: the address other instances reach this one at (default http://<HOST or host name>:<port>). */
  ADVERTISE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Redis key prefix of the cluster. */
  CLUSTER_PREFIX: Type.String({ minLength: 1, default: 'live-console:' }),
  /** How long a room's owner may be silent before another instance takes the room. */
  LEASE_TTL_MS: Type.Integer({ minimum: 500, maximum: 60_000, default: 5_000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string;
  adminTokenGenerated: boolean;
  metricsToken: string | null;
  tickHz: number;
  demo: boolean;
  demoPeakOnline: number;
  logLevel: string;
  /** Loopback/private hosts and CIDRs sources may reach (SOURCE_ALLOW). */
  sourceAllow: string[];
  /** Client addresses from X-Forwarded-For (TRUST_PROXY). */
  trustProxy: boolean;
  shutdownGraceMs: number;
  /** 0: keep every session. */
  retentionDays: number;
  /** PostgreSQL storage when set (DATABASE_URL), else SQLite in dataDir. */
  databaseUrl: string | null;
  databaseSchema: string | null;
  /** Null: one process runs every room (the default). */
  cluster: {
    redisUrl: string;
    instanceId: string;
    prefix: string;
    leaseTtlMs: number;
    advertiseUrl: string | null;
  } | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Env> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties))
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  Object.assign(raw, overrides);
  const value = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw)) as Env;
  const errors = [...Value.Errors(EnvSchema, value)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path.slice(1)}=${JSON.stringify(raw[e.path.slice(1)])}: ${e.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  if (value.DATABASE_URL !== undefined && !URL.canParse(value.DATABASE_URL))
    throw new ConfigError('invalid configuration:\n  DATABASE_URL: not a URL (postgres://user:pass@host:5432/db)');
  const sourceAllow = value.SOURCE_ALLOW.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  try {
    new OutboundPolicy(sourceAllow);
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  SOURCE_ALLOW: ${(err as Error).message}`);
  }
  const adminToken = value.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: value.DATA_DIR,
    adminToken,
    adminTokenGenerated: value.ADMIN_TOKEN === undefined,
    cluster: value.REDIS_URL
      ? {
          redisUrl: value.REDIS_URL,
          instanceId: value.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
          prefix: value.CLUSTER_PREFIX,
          leaseTtlMs: value.LEASE_TTL_MS,
          advertiseUrl: value.ADVERTISE_URL ?? null,
        }
      : null,
    metricsToken: value.METRICS_TOKEN ?? null,
    tickHz: value.TICK_HZ,
    demo: value.DEMO,
    demoPeakOnline: value.DEMO_PEAK_ONLINE,
    logLevel: value.LOG_LEVEL,
    sourceAllow,
    trustProxy: value.TRUST_PROXY,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    retentionDays: value.RETENTION_DAYS,
    databaseUrl: value.DATABASE_URL ?? null,
    databaseSchema: value.DATABASE_SCHEMA ?? null,
  };
}
