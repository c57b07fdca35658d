import type { Wallet } from "ethers";
import type { SiweMessage } from "siwe";
import { devAccount } from "@caretrail/devstack";
import { buildSignInMessage, signInToApi } from "@caretrail/sdk";

// Test assertions read arbitrary response shapes.
export type GraphQLResult = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };

/** An HTTP client of the API, signed in as a dev account (or anonymous). */
export type ApiClient = {
  address: string | undefined;
  token: string | undefined;
  query: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult>;
  get: (path: string) => Promise<Response>;
};

export function anonymousClient(baseUrl: string): ApiClient {
  return clientWithToken(baseUrl, undefined, undefined);
}

/** Runs the real SIWE flow: nonce, sign with the account's key, verify. */
export async function signIn(baseUrl: string, accountIndex: number): Promise<ApiClient> {
  const wallet = devAccount(accountIndex);
  const { token } = await signInToApi(baseUrl, wallet);
  return clientWithToken(baseUrl, token, wallet.address.toLowerCase());
}

/** A SIWE message with a fresh nonce, for tests that send it themselves (or send it altered). */
export async function siweMessage(baseUrl: string, wallet: Wallet | ReturnType<typeof devAccount>, overrides: Partial<SiweMessage> = {}): Promise<string> {
  return buildSignInMessage(baseUrl, wallet.address, overrides);
}

export function clientWithToken(baseUrl: string, token: string | undefined, address: string | undefined): ApiClient {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    address,
    token,
    query: async (query, variables = {}) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult;
    },
    get: (path) => fetch(`${baseUrl}${path}`, { headers }),
  };
}

export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
