/**
 * The body of a settings PATCH, derived from the settings schema itself: every field optional,
 * `null` resets a field to its default, unknown fields refused at every depth.
 */
import { type TSchema, Type } from 'typebox';
import { type InstanceSettings, InstanceSettingsSchema } from './instance-settings.ts';

type JsonSchema = Record<string, unknown> & { type?: string; properties?: Record<string, JsonSchema> };

const isSchema = (v: unknown): v is Record<string, JsonSchema> => typeof v === 'object' && v !== null;

function patchOf(schema: JsonSchema): JsonSchema {
  const { default: _default, ...rest } = schema;
  // A record (custom providers by name): each value is itself patched key by key.
  if (rest.type === 'object' && !rest.properties && isSchema(rest.patternProperties)) {
    const patterns: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(rest.patternProperties))
      patterns[k] = { anyOf: [patchOf(v as JsonSchema), { type: 'null' }] };
    return { ...rest, patternProperties: patterns };
  }
  if (rest.type === 'object' && rest.properties) {
    const properties: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(rest.properties)) properties[k] = { anyOf: [patchOf(v), { type: 'null' }] };
    return { ...rest, properties, required: [], additionalProperties: false };
  }
  return rest;
}

export const InstanceSettingsPatchSchema = Type.Unsafe<SettingsPatch>(
  patchOf(JSON.parse(JSON.stringify(InstanceSettingsSchema)) as JsonSchema) as TSchema,
);

type DeepPatch<T> = T extends readonly unknown[]
  ? T | null
  : T extends object
    ? { [K in keyof T]?: DeepPatch<T[K]> | null }
    : T | null;

export type SettingsPatch = { [K in keyof InstanceSettings]?: DeepPatch<InstanceSettings[K]> | null };
