import { GraphQLError } from "graphql";

/** Errors a client can act on; every one carries a stable code in `extensions.code`. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

export function unauthenticated(message = "Sign in first: POST /auth/nonce, sign the SIWE message, POST /auth/verify, then send `Authorization: Bearer <token>`."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
}
