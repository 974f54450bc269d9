/**
 * Token verification speed, in one process and one run: raw `jose.jwtVerify` with an imported
 * key, against @gatehouse/backend's `verifyToken` (PEM key, and JWKS-cached key) and
 * `authenticateRequest` on a Fetch Request with a bearer token, all on the same ES256 token.
 * Each case runs for a fixed time after a warm-up; the report gives operations per second and
 * the ratio to raw jose. No network: the JWKS is served from memory by a fetch stub.
 *
 *   npm run bench:verify -- --duration 3
 */
import { parseArgs } from 'node:util';
import { exportJWK, exportSPKI, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { authenticateRequest, verifyToken } from '../packages/backend/src/index.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '3' } } });
const seconds = Math.min(60, Math.max(1, Number(values.duration)));

const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
const kid = 'key_bench';
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ sid: 'sess_bench', fva: [0, -1], v: 2, azp: 'http://localhost:5173' })
  .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
  .setSubject('user_bench')
  .setIssuer('http://localhost:3000')
  .setIssuedAt(now)
  .setNotBefore(now - 10)
  .setExpirationTime(now + 3600)
  .sign(privateKey);
const pem = await exportSPKI(publicKey);
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
const memoryFetch = (async () =>
  new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } })) as typeof fetch;
const parties = ['http://localhost:5173'];

// Options objects are built once, as an application (or the client) holds them.
const pemOptions = { jwtKey: pem, authorizedParties: parties };
const jwksOptions = { jwksUrl: 'http://jwks.local/keys', fetch: memoryFetch, authorizedParties: parties };
// A server hands the middleware a request it already parsed; building one is not our cost.
const request = new Request('http://localhost:5173/api', { headers: { authorization: `Bearer ${token}` } });

const cases: Record<string, () => Promise<unknown>> = {
  'jose.jwtVerify (raw)': () => jwtVerify(token, publicKey, { algorithms: ['ES256'] }),
  'verifyToken (jwtKey PEM)': () => verifyToken(token, pemOptions),
  'verifyToken (cached JWKS)': () => verifyToken(token, jwksOptions),
  'authenticateRequest (bearer)': () => authenticateRequest(request, jwksOptions),
};

async function measure(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    // Batches of 64 keep the clock reads out of the measurement.
    for (let i = 0; i < 64; i++) await fn();
    ops += 64;
  }
  return ops / ((performance.now() - start) / 1000);
}

// Rounds interleave the cases, so drift in the machine's speed hits all of them alike; each
// case reports its median round.
const ROUNDS = 5;
const names = Object.keys(cases);
for (const fn of Object.values(cases)) await measure(fn, 300); // warm-up
const rounds = new Map<string, number[]>(names.map((n) => [n, []]));
for (let r = 0; r < ROUNDS; r++)
  for (const n of names) rounds.get(n)!.push(await measure(cases[n]!, (seconds * 1000) / ROUNDS));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(rounds.get(names[0]!)!);
console.log(`token verification, ${seconds} s per case in ${ROUNDS} interleaved rounds, Node ${process.version}`);
for (const n of names) {
  const ops = median(rounds.get(n)!);
  console.log(
    `${n.padEnd(30)} ${String(Math.round(ops)).padStart(8)} ops/s   ${((ops / base) * 100).toFixed(1)}% of raw jose`,
  );
}
