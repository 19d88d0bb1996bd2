// How requests are validated. Bodies are judged exactly as sent: an unknown field or a wrong type is refused
// (HTTP 400), never stripped, coerced or defaulted — Fastify's default Ajv options would quietly turn "20" into
// 20 and drop fields a schema does not name. Querystrings and params arrive as strings, so those keep Fastify's
// defaults (coercion, defaults), through the same compiler Fastify uses.
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

const STRICT_BODY = { coerceTypes: false, removeAdditional: false, useDefaults: false } as const;

type Compile = FastifySchemaCompiler<unknown>;

export function installValidation(app: FastifyInstance): void {
  // The typings of the pool describe Ajv's own compile; what it returns is Fastify's route compiler.
  const pool = AjvCompiler() as unknown as (external: object, options: { customOptions: object }) => Compile;
  const strings = pool({}, { customOptions: {} });
  const bodies = pool({}, { customOptions: STRICT_BODY });
  const compiler: FastifySchemaCompiler<unknown> = (route) =>
    finiteOnly(route.httpPart === 'body' ? bodies({ ...route, schema: closeObjects(route.schema) }) : strings(route));
  app.setValidatorCompiler(compiler);
  app.setSchemaErrorFormatter(formatErrors);
}

type Validator = ReturnType<Compile> & { errors?: unknown; schemaEnv?: unknown };

/**
 * Ajv lets Infinity through every numeric keyword (`maximum` is only judged on finite numbers), and both
 * querystring coercion ("Infinity", "1e999") and JSON.parse ("1e999") produce it. No number from outside may
 * be non-finite: after the schema passes, the validated value is walked and any such number is refused.
 */
export function finiteOnly(inner: ReturnType<Compile>): ReturnType<Compile> {
  const v = inner as Validator;
  const wrapped = ((...args: unknown[]) => {
    const ok = (v as (...a: unknown[]) => unknown)(...args);
    if (ok === false) {
      wrapped.errors = v.errors;
      return false;
    }
    const where = nonFinitePath(args[0], '', 0);
    if (where === null) return ok;
    wrapped.errors = [
      {
        instancePath: where,
        schemaPath: '#/finite',
        keyword: 'finite',
        params: {},
        message: 'must be a finite number',
      },
    ];
    return false;
  }) as Validator;
  if (v.schemaEnv !== undefined) wrapped.schemaEnv = v.schemaEnv;
  return wrapped;
}

function nonFinitePath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [k, child] of Object.entries(value)) {
    const found = nonFinitePath(child, `${path}/${k}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * A body object names all its fields: an object schema that does not say otherwise gets
 * `additionalProperties: false`. A schema that really takes any keys says `additionalProperties: true`.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object') out[key] = mapValues(value);
    else out[key] = closeObjects(value);
  }
  if (out.type === 'object' && out.properties !== undefined && !('additionalProperties' in out)) {
    out.additionalProperties = false;
  }
  return out;
}

/** Keywords whose value is data, not a schema. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);
/** Keywords whose value maps names (of fields, of patterns) to schemas. */
const MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

function mapValues(map: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, s]) => [name, closeObjects(s)]));
}

/**
 * One sentence per problem, each naming the field: `body/0/forSeconds must be integer`. A value that fits none
 * of a union's forms is said first, then each form's first problem (the one that was meant is among them).
 */
export function formatErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const unions: string[] = [];
  const lines: string[] = [];
  for (const e of errors) {
    const at = `${dataVar}${e.instancePath}`;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') unions.push(`${at} fits none of its allowed forms`);
    else if (e.keyword === 'additionalProperties') {
      lines.push(`${at} has an unknown field "${String(e.params.additionalProperty)}"`);
    } else lines.push(`${at} ${e.message ?? 'is invalid'}`);
  }
  return new Error([...new Set([...unions, ...lines])].join('; '));
}
