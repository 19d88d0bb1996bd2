// What a room's driving source may be, as stored with the room and set through PUT /api/rooms/:id/source.
import { type Static, Type } from '@sinclair/typebox';
import type { Clock } from '../clock.ts';
import { CONNECTOR_SCHEMAS, createConnector, isConnectorConfig } from './connectors/connector-config.ts';
import { OutboundPolicy } from './outbound-policy.ts';
import { PollConfigSchema } from './poll-mapping.ts';
import { PollSource } from './poll-source.ts';
import { createSimulator } from './simulator/simulator.ts';
import { SimulatorSource } from './simulator-source.ts';
import type { Source } from './source.ts';

export const SimulatorConfigSchema = Type.Object(
  {
    kind: Type.Literal('simulator'),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
    speed: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000 })),
    peakOnline: Type.Optional(Type.Integer({ minimum: 10, maximum: 100_000 })),
    /** Simulated time before now, generated at once, so the room opens already live. */
    warmupMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 * 3_600_000 })),
    dips: Type.Optional(
      Type.Array(
        Type.Object({
          kind: Type.Union([Type.Literal('retention'), Type.Literal('conversion')]),
          atMs: Type.Integer({ minimum: 0 }),
          durationMs: Type.Integer({ minimum: 1000 }),
          depth: Type.Number({ minimum: 0, maximum: 1 }),
        }),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export const NoSourceSchema = Type.Object({ kind: Type.Literal('none') }, { additionalProperties: false });
export const SourceConfigSchema = Type.Union([
  PollConfigSchema,
  SimulatorConfigSchema,
  NoSourceSchema,
  ...CONNECTOR_SCHEMAS,
]);
export type SourceConfig = Static<typeof SourceConfigSchema>;
export type SimulatorConfig = Static<typeof SimulatorConfigSchema>;

/** Builds the source; the simulator also returns its catalogue so the room can adopt it. */
export function createSource(
  config: SourceConfig,
  clock: Clock,
  policy: OutboundPolicy = new OutboundPolicy(),
): { source: Source | null; catalogue?: unknown } {
  if (config.kind === 'none') return { source: null };
  if (config.kind === 'poll') return { source: new PollSource(config, clock, policy) };
  if (isConnectorConfig(config)) return { source: createConnector(config, clock, policy) };
  const originTs = clock.now();
  const startTs = originTs - (config.warmupMs ?? 0);
  // Defaults live here, not in the schema: JSON-schema defaults inside a union are ignored by the validator.
  const sim = createSimulator({
    seed: config.seed ?? 1,
    startTs,
    peakOnline: config.peakOnline ?? 400,
    ...(config.dips ? { dips: config.dips } : {}),
  });
  return { source: new SimulatorSource(sim, originTs, config.speed ?? 1, clock), catalogue: sim.catalogue };
}
