import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../domain/random.ts';
import {
  deriveKeyEncryptionKey,
  generateSigningKey,
  loadSigningKey,
  type SigningAlgorithm,
  signJwt,
} from './signing-keys.ts';

const kek = deriveKeyEncryptionKey(new Uint8Array(32).fill(7));
const NOW = 1_790_000_000;

async function keyPair(alg: SigningAlgorithm) {
  const record = await generateSigningKey('ins_1', alg, cryptoRandom, kek, NOW * 1000);
  return { record, loaded: await loadSigningKey(record, kek), publicKey: await importJWK(record.publicJwk, alg) };
}

describe('signJwt', () => {
  for (const alg of ['ES256', 'RS256'] as const)
    it(`makes ${alg} tokens that a standard JOSE verifier accepts with the published key`, async () => {
      const { record, loaded, publicKey } = await keyPair(alg);
      const claims = { sub: 'user_1', sid: 'sess_1', iat: NOW, nbf: NOW - 10, exp: NOW + 60, fva: [0, -1], v: 2 };
      const jwt = await signJwt(claims, loaded);
      expect(decodeProtectedHeader(jwt)).toEqual({ alg, kid: record.kid, typ: 'JWT' });
      const { payload } = await jwtVerify(jwt, publicKey, { currentDate: new Date(NOW * 1000) });
      expect(payload).toEqual(claims);
    });

  it('makes ES256 signatures in the fixed-size r || s form JWS requires (RFC 7518 §3.4)', async () => {
    const { loaded, publicKey } = await keyPair('ES256');
    for (let i = 0; i < 50; i++) {
      const jwt = await signJwt({ i }, loaded);
      expect(Buffer.from(jwt.split('.')[2]!, 'base64url')).toHaveLength(64);
      await expect(compactVerify(jwt, publicKey)).resolves.toBeTruthy();
    }
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const { loaded, publicKey } = await keyPair('ES256');
    const [header, , signature] = (await signJwt({ sub: 'user_1' }, loaded)).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'user_2' })).toString('base64url')}.${signature}`;
    await expect(compactVerify(forged, publicKey)).rejects.toThrow();
  });
});
