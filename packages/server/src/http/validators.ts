/**
 * Schema validation and response serialisation, compiled once per process.
 *
 * The Frontend API takes form-encoded bodies (as Clerk's browser SDK sends them), where every
 * value is a string, so its validator coerces types ("true" → true). The Backend API takes
 * JSON, where coercion would change meaning: in a settings patch `null` (reset to default) must
 * stay null, and `""` or `0` must be refused, not read as null. So Backend API bodies are
 * validated without coercion; query strings are coerced everywhere.
 *
 * Compiling the routes' validators and serialisers is most of what `app.ready()` costs (about
 * a second for every route of both APIs). The compiled functions depend only on the schema's
 * text and the coercion mode, so they are kept by that text: routes that share a schema (the
 * error response of every route) compile it once, and a process that builds several apps (a
 * test process, one per test server) compiles each schema once in all.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import fastJsonStringify from 'fast-json-stringify';
import type { FastifyInstance } from 'fastify';

type Coercion = false | 'array';

const makeAjv = (coerceTypes: Coercion) => {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  // ajv-formats is CommonJS; its function is both module.exports and .default.
  formats.default(ajv);
  return ajv;
};

const ajvs = new Map<Coercion, Ajv>();
const validators = new Map<string, ValidateFunction>();

function validatorFor(coercion: Coercion, schema: unknown): ValidateFunction {
  const key = `${coercion}\0${JSON.stringify(schema)}`;
  let validate = validators.get(key);
  if (!validate) {
    const ajv = ajvs.get(coercion) ?? makeAjv(coercion);
    ajvs.set(coercion, ajv);
    validate = ajv.compile(schema as object);
    validators.set(key, validate);
  }
  return validate;
}

type Serializer = (data: unknown) => string;
const serializers = new Map<string, Serializer>();

function serializerFor(schema: unknown): Serializer {
  const key = JSON.stringify(schema);
  let serialize = serializers.get(key);
  if (!serialize) {
    serialize = fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]) as Serializer;
    serializers.set(key, serialize);
  }
  return serialize;
}

/** Every part coerced (the form-encoded Frontend API), responses serialised by their schema. */
export function useSharedSchemaCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => validatorFor('array', schema));
  app.setSerializerCompiler(({ schema }) => serializerFor(schema));
}

/** Bodies validated as JSON, without coercion; query strings and params still coerced. */
export function useJsonBodyValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => validatorFor(httpPart === 'body' ? false : 'array', schema));
}
