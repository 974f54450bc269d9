/**
 * Moves every titled schema (the wire objects: User, Client, SignIn, ...) of the generated
 * OpenAPI document into `components.schemas` and points to it with `$ref`. Route schemas stay
 * inline TypeBox objects (so handlers stay typed and validation stays local); the document a
 * reader gets names each object once instead of repeating it in every route.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function extractComponents<T extends Json>(doc: T): T {
  const components: Record<string, Json> = {};
  const visit = (node: unknown, root: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, false));
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k] = visit(v, false);
    const title = out.title;
    if (root || typeof title !== 'string' || !('type' in out || 'anyOf' in out)) return out;
    const seen = components[title];
    // Two different schemas with one title keep the second inline rather than lie.
    if (seen && JSON.stringify(seen) !== JSON.stringify(out)) return out;
    components[title] = out;
    return { $ref: `#/components/schemas/${title}` };
  };
  const paths = visit(doc.paths, true);
  const existing = isObject(doc.components) ? doc.components : {};
  const schemas = { ...(isObject(existing.schemas) ? existing.schemas : {}), ...components };
  return { ...doc, paths, components: { ...existing, schemas } };
}
