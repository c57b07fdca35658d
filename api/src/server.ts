import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { loadViewer } from "./auth/loadViewer.js";
import { readSessionToken } from "./auth/sessionToken.js";
import { createSiweSignIn } from "./auth/siweSignIn.js";
import { buildApiSchema } from "./buildSchema.js";
import type { ApiContext, DeploymentRef } from "./context.js";
import { defaultAlertRules, type AlertRules } from "./data/alerts.js";
import { databaseUnavailableHandler, type Projection } from "./db.js";
import { unauthenticated } from "./errors.js";
import { authRoutes } from "./http/authRoutes.js";
import { exportRoutes } from "./http/exportRoutes.js";
import { graphiqlRoutes } from "./http/graphiqlPage.js";
import { assertAffordable, checkOperation, defaultQueryLimits, depthRule, type QueryLimits } from "./limits.js";
import { createLiveAuditFeed } from "./live/liveAuditFeed.js";
import { vaultRoutes, type VaultOptions } from "./vault/vaultRoutes.js";

export type ApiServerOptions = {
  projection: Projection;
  sessionSecret: string;
  sessionTtlSeconds?: number;
  deployment?: DeploymentRef;
  port?: number;
  host?: string;
  /** The host SIWE messages must name; defaults to `${host}:${port}` once listening. */
  siweDomain?: string;
  /** Production hides stack traces and internal error messages from clients. */
  production?: boolean;
  alertRules?: AlertRules;
  limits?: QueryLimits;
  livePollIntervalMs?: number;
  vault: VaultOptions;
};

export type ApiServer = { url: string; port: number; httpServer: Server; stop: () => Promise<void> };

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { projection, sessionSecret, deployment, production = false } = options;
  const limits = options.limits ?? defaultQueryLimits;
  const liveFeed = createLiveAuditFeed(projection, options.livePollIntervalMs);
  const schema = buildApiSchema({ alertRules: options.alertRules ?? defaultAlertRules, liveFeed });
  const host = options.host ?? "127.0.0.1";
  let domain = options.siweDomain ?? "";

  const viewerFromToken = async (authorization: unknown) => {
    if (typeof authorization !== "string" || authorization === "") return undefined;
    const token = authorization.replace(/^Bearer\s+/i, "");
    const session = readSessionToken(token, sessionSecret);
    if (!session) throw unauthenticated("The session token is invalid or expired: sign in again (POST /auth/nonce, POST /auth/verify).");
    return loadViewer(projection, session);
  };
  const contextFor = async (authorization: unknown): Promise<ApiContext> => ({ projection, deployment, viewer: await viewerFromToken(authorization) });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer(
    {
      schema,
      onSubscribe: async (ctx, _id, payload) => {
        const variables = payload.variables ?? {};
        const checked = checkOperation(schema, payload.query, variables, payload.operationName ?? undefined, limits);
        if (!("kind" in checked)) return checked;
        try {
          const contextValue = await contextFor((ctx.connectionParams as { authorization?: unknown } | undefined)?.authorization);
          return { schema, document: checked, variableValues: variables, operationName: payload.operationName, contextValue };
        } catch (error) {
          return [error as GraphQLError];
        }
      },
    },
    wsServer,
  );

  const costLimit: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertAffordable(schema, document, request.variables ?? {}, operationName ?? undefined, limits);
        },
      };
    },
  };

  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthRule(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: !production,
    introspection: true,
    formatError: (formatted, error) => formatClientError(formatted, error, production),
    plugins: [
      costLimit,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();

  app.use(graphiqlRoutes());
  app.use(
    "/auth",
    authRoutes({ signIn: createSiweSignIn({ domain: () => domain, chainId: deployment?.chainId }), projection, sessionSecret, sessionTtlSeconds: options.sessionTtlSeconds ?? 900, domain: () => domain, chainId: deployment?.chainId }),
  );
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo, { context: async ({ req }) => contextFor(req.headers.authorization) }));
  app.use("/export", exportRoutes({ schema, contextFor }));
  app.use("/vault", vaultRoutes({ ...options.vault, projection, viewerFromToken }));
  app.use(databaseUnavailableHandler);

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  domain ||= `${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    httpServer,
    stop: async () => {
      liveFeed.stop();
      await apollo.stop();
    },
  };
}

/** Clients see codes and actionable messages; in production, never stack traces or internal details. */
function formatClientError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // A database outage (db.ts): the code and a retry hint only, in every mode.
  if (code === "SERVICE_UNAVAILABLE") return { message: formatted.message, extensions: { code } };
  if (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED" || code === "BAD_USER_INPUT") {
    return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT", reason: code } };
  }
  if (code === "UNAUTHENTICATED" || code === "FORBIDDEN" || !production) return formatted;
  console.error("api: internal error", error);
  return { message: "Internal server error: the API log has the details; retry, or report it if it persists.", extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
