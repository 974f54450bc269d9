/**
 * Calls the example API's protected route the way any API client should: the session token
 * from `getToken()` (cached, re-minted shortly before it expires) as `Authorization: Bearer`.
 * `credentials: 'omit'` keeps cookies out of it, so the token is the only credential sent;
 * the second button sends nothing and shows the API's refusal.
 */
import { useAuth } from '@gatehouse/react';
import { useState } from 'react';

interface ApiResult {
  label: string;
  status: number;
  body: string;
}

export function ApiPanel() {
  const { getToken } = useAuth();
  const [result, setResult] = useState<ApiResult | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async (label: string, withToken: boolean) => {
    setBusy(true);
    try {
      const headers: Record<string, string> = {};
      if (withToken) headers.authorization = `Bearer ${await getToken()}`;
      const res = await fetch('/api/me', { headers, credentials: 'omit' });
      setResult({ label, status: res.status, body: await res.text() });
    } catch (e) {
      setResult({ label, status: 0, body: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="api-title">
      <h2 id="api-title">Call the protected API</h2>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void call('with token', true)}>
          GET /api/me with my session token
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void call('without token', false)}>
          GET /api/me without a token
        </button>
      </div>
      {result && (
        <output className="result" aria-live="polite" data-testid="api-result" data-status={result.status}>
          <span data-testid="api-status">
            {result.label}: HTTP {result.status}
          </span>
          <pre data-testid="api-body">{pretty(result.body)}</pre>
        </output>
      )}
    </section>
  );
}

const pretty = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};
