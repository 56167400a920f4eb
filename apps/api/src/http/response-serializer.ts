import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { type ZodType, z } from 'zod';

type JsonSchema = { [key: string]: unknown };

/**
 * `{ anyOf: [{ type: T }, { type: 'null' }] }` (zod's `.nullable()`) as `{ type: [T, 'null'] }`,
 * which fast-json-stringify writes directly instead of testing each branch per value.
 */
function simplifyNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplifyNullable);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = simplifyNullable(value);
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const [value, nullBranch] = [...branches].sort((a) => (a?.type === 'null' ? 1 : -1)) as [
      JsonSchema,
      JsonSchema,
    ];
    const plain = Object.keys(value).every((key) => key === 'type' || key === 'format');
    if (
      plain &&
      typeof value.type === 'string' &&
      value.type !== 'object' &&
      value.type !== 'array' &&
      Object.keys(nullBranch).length === 1 &&
      nullBranch.type === 'null'
    ) {
      delete out.anyOf;
      return { ...out, ...value, type: [value.type, 'null'] };
    }
  }
  return out;
}

/** The JSON Schema of what a zod response schema sends (its output side), for fast-json-stringify. */
export function responseJsonSchema(schema: ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  delete json.$schema;
  return simplifyNullable(json) as JsonSchema;
}

/**
 * Response bodies written by Fastify's own serializer (fast-json-stringify), compiled once per
 * route and status from the JSON Schema of the contract's zod schema, instead of a zod encode and
 * JSON.stringify per response. Like zod's output it keeps only the declared properties, and a
 * missing required one fails the response (500) rather than sending an incomplete body.
 */
export function createResponseSerializerCompiler(): FastifySerializerCompiler<ZodType> {
  const compile = SerializerSelector()();
  return ({ schema, method, url, httpStatus }) =>
    compile({ schema: responseJsonSchema(schema), method, url, httpStatus: String(httpStatus) });
}
