/**
 * Schema validation per API. The Frontend API takes form-encoded bodies (as Clerk's browser SDK
 * sends them), where every value is a string, so its validator coerces types ("true" → true).
 * The Backend API takes JSON, where coercion would change meaning: in a settings patch `null`
 * (reset to default) must stay null, and `""` or `0` must be refused, not read as null. So
 * Backend API bodies are validated without coercion; query strings are coerced everywhere.
 */
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const makeAjv = (coerceTypes: false | 'array') => {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  // ajv-formats is CommonJS; its function is both module.exports and .default.
  formats.default(ajv);
  return ajv;
};

export function useJsonBodyValidation(app: FastifyInstance): void {
  const body = makeAjv(false);
  const other = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : other).compile(schema));
}
