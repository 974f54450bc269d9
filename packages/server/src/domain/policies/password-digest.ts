/**
 * Password hashes Gatehouse can verify, for imports: argon2id/argon2i/argon2d PHC strings and
 * bcrypt (`$2a$`, `$2b$`, `$2y$`). Anything else is refused at import, not at sign-in.
 */
export const isSupportedDigest = (digest: string): boolean =>
  /^\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.test(digest) ||
  /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(digest);
