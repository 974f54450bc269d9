export {
  createGatehouseClient,
  type GatehouseClient,
  type GatehouseClientOptions,
  type PaginatedList,
} from './api/client.ts';
export {
  type APIErrorEntry,
  GatehouseAPIError,
  isGatehouseAPIError,
  isTokenVerificationError,
  TokenVerificationError,
  type TokenVerificationErrorReason,
} from './errors.ts';
export { frontendApiFromPublishableKey } from './keys/endpoints.ts';
export { clearJwksCache } from './keys/key-source.ts';
export type { AuthObject, HasParams, SignedInAuthObject, SignedOutAuthObject } from './tokens/auth-object.ts';
export {
  type AuthenticateRequestOptions,
  type AuthStatus,
  authenticateRequest,
  type RequestState,
} from './tokens/authenticate-request.ts';
export type { SessionTokenClaims } from './tokens/claims.ts';
export {
  type ReverificationErrorBody,
  reverificationError,
  reverificationErrorResponse,
} from './tokens/reverification.ts';
export { type VerifyTokenOptions, verifyToken } from './tokens/verify-token.ts';
