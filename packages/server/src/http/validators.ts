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
  // addUsedSchema false (as Fastify's own compiler): these instances serve every app of the
  // process, so a schema's `$id` must not stay registered in them.
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
    addUsedSchema: false,
  });
  // ajv-formats is CommonJS; its function is both module.exports and .default.
  formats.default(ajv);
  return ajv;
};

const AJV = { coercing: makeAjv('array'), json: makeAjv(false) };

/** What `build` made of this schema text before, or builds it now. Schemas are code, not input. */
function compiledOnce<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = build();
    cache.set(key, compiled);
  }
  return compiled;
}

const validators = new Map<string, ValidateFunction>();
const validatorFor = (coercion: Coercion, schema: unknown): ValidateFunction => {
  const ajv = coercion ? AJV.coercing : AJV.json;
  return compiledOnce(validators, `${coercion}\0${JSON.stringify(schema)}`, () => ajv.compile(schema as object));
};

type Serializer = (data: unknown) => string;
const serializers = new Map<string, Serializer>();
// No shared schemas (`addSchema`) are registered, so a route's schema is all the serialiser needs.
const serializerFor = (schema: unknown): Serializer =>
  compiledOnce(
    serializers,
    JSON.stringify(schema),
    () => fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]) as Serializer,
  );

/** Every part coerced (the form-encoded Frontend API), responses serialised by their schema. */
export function useSharedSchemaCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => validatorFor('array', schema));
  app.setSerializerCompiler(({ schema }) => serializerFor(schema));
}

/** Bodies validated as JSON, without coercion; query strings and params still coerced. */
export function useJsonBodyValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => validatorFor(httpPart === 'body' ? false : 'array', schema));
}
