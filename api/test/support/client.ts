import { Wallet } from "ethers";
import { SiweMessage } from "siwe";
import { devAccount } from "@caretrail/devstack";

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
  const message = await siweMessage(baseUrl, wallet);
  const response = await fetch(`${baseUrl}/auth/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await wallet.signMessage(message) }),
  });
  const body = (await response.json()) as { token?: string; error?: { message: string } };
  if (!body.token) throw new Error(`sign-in failed: ${body.error?.message}`);
  return clientWithToken(baseUrl, body.token, wallet.address.toLowerCase());
}

export async function siweMessage(baseUrl: string, wallet: Wallet | ReturnType<typeof devAccount>, overrides: Partial<SiweMessage> = {}): Promise<string> {
  const { nonce, domain, chainId } = (await (await fetch(`${baseUrl}/auth/nonce`, { method: "POST" })).json()) as {
    nonce: string;
    domain: string;
    chainId: number;
  };
  return new SiweMessage({
    domain,
    address: wallet.address,
    statement: "Sign in to CareTrail.",
    uri: baseUrl,
    version: "1",
    chainId,
    nonce,
    issuedAt: new Date().toISOString(),
    ...overrides,
  }).prepareMessage();
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
