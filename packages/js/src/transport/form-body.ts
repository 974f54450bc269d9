/**
 * Request bodies are form-encoded, as Clerk's browser SDK sends them: a CORS "simple" request
 * (no preflight). Strings go as they are, numbers and booleans as text, objects (metadata) as
 * JSON text, which the server parses back; undefined and null fields are left out.
 */
export function formBody(params: Record<string, unknown>): URLSearchParams | null {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    body.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return body.toString() === '' ? null : body;
}
