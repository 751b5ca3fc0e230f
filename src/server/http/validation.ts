/**
 * Request validation with TypeBox's own compiler (the same schemas that type the handlers and make the OpenAPI
 * document). Query, path and header values are converted from strings first; bodies are checked as sent, so
 * `"1"` is not a number and unknown fields are errors (schemas set additionalProperties: false).
 *
 * Equivalent to @fastify/type-provider-typebox's TypeBoxValidatorCompiler without loading ajv-formats at start.
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/** Fastify validator compiler backed by TypeBox. */
export const typeBoxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value: unknown) => {
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    if (check.Check(converted)) return { value: converted };
    return { error: check.Errors(converted) as unknown as Error };
  };
};
