/**
 * The cookies a browser app's own backend reads (see @gatehouse/backend's handshake):
 * - `__session`: the current session token (JWT), replaced on every refresh;
 * - `__client_uat`: when the signed-in state last changed, in seconds (the `iat` of the first
 *   token of the new session), `0` when signed out. A backend that sees a `__session` older
 *   than `__client_uat` knows the cookie is stale and asks the Frontend API for a fresh one.
 * Both are written on the app's own host, Path=/, SameSite=Lax, Secure on https pages; they are
 * readable by scripts by design (the JWT is short-lived and the `__client` cookie, the real
 * credential, stays HttpOnly on the Frontend API host).
 */
export interface CookieTarget {
  cookie: string;
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const attrs = (secure: boolean, maxAge?: number) =>
  `; Path=/; SameSite=Lax${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}${secure ? '; Secure' : ''}`;

export class SessionCookies {
  readonly #doc: CookieTarget;
  readonly #secure: boolean;

  constructor(doc: CookieTarget, secure: boolean) {
    this.#doc = doc;
    this.#secure = secure;
  }

  /** A fresh token; `uat` only when the signed-in state changed (or was never written). */
  signedIn(jwt: string, uat?: number): void {
    this.#doc.cookie = `__session=${jwt}${attrs(this.#secure)}`;
    if (uat !== undefined) this.#doc.cookie = `__client_uat=${uat}${attrs(this.#secure, ONE_YEAR_SECONDS)}`;
  }

  signedOut(): void {
    this.#doc.cookie = `__session=${attrs(this.#secure, 0)}`;
    this.#doc.cookie = `__client_uat=0${attrs(this.#secure, ONE_YEAR_SECONDS)}`;
  }

  /** The `__client_uat` value now in the jar, or null when there is none. */
  currentUat(): number | null {
    const m = /(?:^|;\s*)__client_uat=(\d+)/.exec(this.#doc.cookie);
    return m ? Number(m[1]) : null;
  }
}
