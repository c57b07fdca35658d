import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { createSessionSockets } from "./live/sessionSockets.js";
import { disclosurePolicy, type DisclosurePolicy } from "./privacy/disclosurePolicy.js";
import { WebSocketServer, type WebSocket } from "ws";
import { createMemoryAuthStores, defaultSignInRateLimits, type AuthStores, type SignInRateLimits } from "./auth/authStores.js";
import { loadViewer, loadViewerUnlessSignedOut, type Viewer } from "./auth/loadViewer.js";
import { readSessionToken } from "./auth/sessionToken.js";
import { createSiweSignIn } from "./auth/siweSignIn.js";
import { buildApiSchema } from "./buildSchema.js";
import { createLoaders, type ApiContext, type DeploymentRef } from "./context.js";
import { defaultAlertRules, type AlertRules } from "./data/alerts.js";
import { databaseUnavailableHandler, DEFAULT_REQUEST_DEADLINE_MS, type Projection } from "./db.js";
import { DEADLINE_MESSAGE, formatClientError, HTTP_STATUS, INTERNAL_MESSAGE, isClientError, limitExceeded, sendError, unauthenticated } from "./errors.js";
import { authRoutes } from "./http/authRoutes.js";
import { exportRoutes } from "./http/exportRoutes.js";
import { graphiqlRoutes } from "./http/graphiqlPage.js";
import { assertAffordable, checkOperation, defaultQueryLimits, limitRules, precheckCost, type QueryLimits } from "./limits.js";
import { createLiveAuditFeed } from "./live/liveAuditFeed.js";
import { vaultRoutes, type VaultOptions } from "./vault/vaultRoutes.js";

/** Bounds on the WebSocket door (graphql-ws at /graphql). */
export type WebSocketLimits = { maxPayloadBytes: number; maxConnections: number; maxSubscriptionsPerConnection: number };

export const defaultWebSocketLimits: WebSocketLimits = { maxPayloadBytes: 64 * 1024, maxConnections: 1_000, maxSubscriptionsPerConnection: 20 };

/** Request bodies: signed-out callers can only ask public questions, so they get a small allowance. */
export const BODY_LIMITS = { signedIn: "100kb", signedOut: "16kb" } as const;

export type ApiServerOptions = {
  projection: Projection;
  sessionSecret: string;
  /** How long a session token lives (default 900 s); short in tests of expiry. */
  sessionTtlSeconds?: number;
  /** How often open WebSocket sessions are re-checked against the (shared) revocation store; default 5 s. */
  sessionRecheckIntervalMs?: number;
  deployment?: DeploymentRef;
  port?: number;
  host?: string;
  /** The host SIWE messages must name; defaults to `${host}:${port}` once listening. */
  siweDomain?: string;
  /**
   * Development only: send internal error messages and stack traces to clients. Off unless asked for
   * (main.ts reads CARETRAIL_DEBUG_ERRORS=1); never inferred from NODE_ENV.
   */
  exposeErrorDetails?: boolean;
  alertRules?: AlertRules;
  limits?: QueryLimits;
  webSocketLimits?: WebSocketLimits;
  /** Nonces, revoked sessions and sign-in rate limits; in memory unless given (one process). */
  authStores?: AuthStores;
  /**
   * `schema.table` of authStores' sign-outs when they live in the projection's database (startApi gives it): each
   * request then checks its session and loads its viewer in one statement instead of two.
   */
  sessionRevocationsTable?: string;
  signInRateLimits?: SignInRateLimits;
  /** The analytics disclosure policy; the process-wide one (in-memory budgets) unless given. */
  disclosurePolicy?: DisclosurePolicy;
  livePollIntervalMs?: number;
  vault: VaultOptions;
  /**
   * Every GraphQL request, export and vault read answers within this (504 DEADLINE_EXCEEDED otherwise); give the
   * projection the same statement timeout (startApi does) so Postgres stops the statement and frees its connection.
   */
  requestDeadlineMs?: number;
  /** Where internal errors are logged, with their request id. */
  logError?: (line: string, error: unknown) => void;
};

export type ApiServer = { url: string; port: number; httpServer: Server; stop: () => Promise<void> };

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { projection, sessionSecret, deployment, exposeErrorDetails = false } = options;
  const limits = options.limits ?? defaultQueryLimits;
  const wsLimits = options.webSocketLimits ?? defaultWebSocketLimits;
  const stores = options.authStores ?? createMemoryAuthStores(options.signInRateLimits ?? defaultSignInRateLimits);
  const disclosure = options.disclosurePolicy ?? disclosurePolicy();
  const logError = options.logError ?? ((line, error) => console.error(line, error));
  const liveFeed = createLiveAuditFeed(projection, options.livePollIntervalMs);
  const schema = buildApiSchema({ alertRules: options.alertRules ?? defaultAlertRules, liveFeed, logError });
  const host = options.host ?? "127.0.0.1";
  let domain = options.siweDomain ?? "";

  const signedOut = () => unauthenticated("The session token is invalid, expired or signed out: sign in again (POST /auth/nonce, POST /auth/verify).");
  /** The session an Authorization value names: undefined when none is sent; UNAUTHENTICATED when bad or expired. */
  const tokenSession = (authorization: unknown) => {
    if (typeof authorization !== "string" || authorization === "") return undefined;
    const session = readSessionToken(authorization.replace(/^Bearer\s+/i, ""), sessionSecret);
    if (!session) throw signedOut();
    return session;
  };
  /** As tokenSession, and UNAUTHENTICATED when signed out. */
  const sessionFrom = async (authorization: unknown) => {
    const session = tokenSession(authorization);
    if (session && (await stores.revocations.isRevoked(session.id))) throw signedOut();
    return session;
  };
  const revocationsTable = options.sessionRevocationsTable;
  const viewerFromToken = async (authorization: unknown): Promise<Viewer | undefined> => {
    if (!revocationsTable) {
      const session = await sessionFrom(authorization);
      return session && loadViewer(projection, session);
    }
    const session = tokenSession(authorization);
    if (!session) return undefined;
    const viewer = await loadViewerUnlessSignedOut(projection, session, revocationsTable);
    if (!viewer) throw signedOut();
    return viewer;
  };
  const contextFor = async (authorization: unknown, requestId: string = randomUUID()): Promise<ApiContext> => ({
    projection,
    deployment,
    viewer: await viewerFromToken(authorization),
    requestId,
    loaders: createLoaders(projection, deployment),
    disclosure,
  });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  const deadlineMs = options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
  httpServer.requestTimeout = Math.max(30_000, deadlineMs + 5_000);
  httpServer.headersTimeout = 10_000;

  // WebSocket: small frames, a bounded number of connections and subscriptions, and a session checked at connect.
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: wsLimits.maxPayloadBytes });
  const sessionSockets = createSessionSockets(stores.revocations, options.sessionRecheckIntervalMs ?? 5_000, logError);
  wsServer.on("connection", (socket) => {
    if (wsServer.clients.size > wsLimits.maxConnections) socket.close(1013, "Too many connections: retry later.");
  });
  type Extra = { socket: WebSocket; sessionId?: string; requestId?: string };
  const wsCleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const session = await sessionFrom(ctx.connectionParams?.authorization).catch(() => undefined);
        if (!session) return false; // closes with 4403 before any subscription work
        ctx.extra.sessionId = session.id;
        sessionSockets.add(session, ctx.extra.socket);
        return true;
      },
      onClose: (ctx) => {
        if (ctx.extra.sessionId) sessionSockets.remove(ctx.extra.sessionId, ctx.extra.socket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length >= wsLimits.maxSubscriptionsPerConnection) {
          return [subscriptionLimit(wsLimits.maxSubscriptionsPerConnection)];
        }
        const variables = payload.variables ?? {};
        const checked = checkOperation(schema, payload.query, variables, payload.operationName ?? undefined, limits);
        if (!("kind" in checked)) return checked;
        try {
          const contextValue = await contextFor(ctx.connectionParams?.authorization);
          return { schema, document: checked, variableValues: variables, operationName: payload.operationName, contextValue };
        } catch (error) {
          return [error as GraphQLError];
        }
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatClientError(error.toJSON(), exposeErrorDetails)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatClientError(error.toJSON(), exposeErrorDetails)) } : undefined,
    },
    wsServer,
  );
  const closeSessionSockets = (sessionId: string) => sessionSockets.closeSession(sessionId, "Signed out");

  const costLimit: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertAffordable(schema, document, request.variables ?? {}, operationName ?? undefined, limits);
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors)
            if (!isClientError(error)) logError(`api: internal error (request ${contextValue.requestId})`, error.originalError ?? error);
        },
      };
    },
  };

  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: limitRules(limits),
    parseOptions: { maxLexicalTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: exposeErrorDetails,
    introspection: true,
    formatError: (formatted) => formatClientError(formatted, exposeErrorDetails),
    // Apollo indents responses by default (two spaces per level): more bytes and CPU on every page of events.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      costLimit,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            await wsCleanup.dispose();
          },
        }),
      },
    ],
  });
  await apollo.start();

  const requestIds: RequestHandler = (_req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set("x-request-id", requestId);
    next();
  };
  // Signed-out callers may only ask public questions: a small body allowance, read only after the header check.
  const signedInBody = express.json({ limit: BODY_LIMITS.signedIn });
  const signedOutBody = express.json({ limit: BODY_LIMITS.signedOut });
  const graphqlBody: RequestHandler = (req, res, next) => {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Express's request is Node's, re-prototyped
    (req.headers.authorization ? signedInBody : signedOutBody)(req, res, next);
  };

  // Over-budget documents are refused after one parse, before graphql's validation and before Apollo.
  const costFirst: RequestHandler = (req, res, next) => {
    const source = (req.method === "GET" ? req.query : req.body) as Record<string, unknown> | undefined;
    let variables = source?.variables;
    if (typeof variables === "string") variables = safeJson(variables);
    const refusal = precheckCost(schema, source?.query, variables, source?.operationName, limits);
    if (!refusal) {
      next();
      return;
    }
    res.status(400).json({ errors: [formatClientError(refusal.toJSON(), exposeErrorDetails)] });
  };

  app.use(requestIds);
  app.use(["/graphql", "/export", "/vault"], requestDeadline(deadlineMs));
  app.use(graphiqlRoutes());
  app.use(
    "/auth",
    authRoutes({
      signIn: createSiweSignIn({ domain: () => domain, chainId: deployment?.chainId, nonces: stores.nonces }),
      stores,
      projection,
      sessionSecret,
      sessionTtlSeconds: options.sessionTtlSeconds ?? 900,
      domain: () => domain,
      chainId: deployment?.chainId,
      onSignOut: closeSessionSockets,
    }),
  );
  app.use(
    "/graphql",
    graphqlBody,
    costFirst,
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req.headers.authorization, res.locals.requestId as string) }),
  );
  app.use("/export", exportRoutes({ schema, contextFor }));
  app.use("/vault", vaultRoutes({ ...options.vault, projection, viewerFromToken }));
  app.use(databaseUnavailableHandler);
  app.use(notFound);
  app.use(jsonErrors(logError, exposeErrorDetails));

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  domain ||= `${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    httpServer,
    stop: async () => {
      liveFeed.stop();
      sessionSockets.stop();
      await apollo.stop();
    },
  };
}

/**
 * Answers 504 DEADLINE_EXCEEDED when nothing has been sent by the deadline (a streamed export that has begun is
 * bounded by its statements' timeout instead), and drops whatever the handler writes after that.
 */
function requestDeadline(deadlineMs: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const body =
        req.baseUrl === "/graphql"
          ? { errors: [{ message: DEADLINE_MESSAGE, extensions: { code: "DEADLINE_EXCEEDED" } }] }
          : { error: { code: "DEADLINE_EXCEEDED", message: DEADLINE_MESSAGE } };
      res.status(HTTP_STATUS.DEADLINE_EXCEEDED).json(body);
      const ignore = function (this: unknown) {
        return res;
      };
      for (const method of ["writeHead", "setHeader", "write", "end", "status", "set", "json", "send", "type"] as const) {
        Object.defineProperty(res, method, { value: ignore, configurable: true });
      }
    }, deadlineMs);
    timer.unref();
    res.once("close", () => clearTimeout(timer));
    next();
  };
}

function subscriptionLimit(max: number): GraphQLError {
  return limitExceeded(`At most ${max} subscriptions per connection: complete one, or open another connection.`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const notFound: RequestHandler = (req, res) => {
  sendError(res, "NOT_FOUND", `There is no ${req.method} ${req.path}: see /graphql (GraphQL and GraphiQL), /auth, /export and /vault.`);
};

/** Every error outside GraphQL answers JSON: bad bodies are the caller's (4xx), the rest is logged and generic. */
function jsonErrors(logError: (line: string, error: unknown) => void, exposeDetails: boolean): ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (res.headersSent) return void res.end();
    if (status >= 400 && status < 500) {
      const message =
        error.type === "entity.parse.failed"
          ? "The body is not valid JSON: send a JSON object with content-type application/json."
          : error.type === "entity.too.large"
            ? "The body is too large for this route: send less (sign in for larger GraphQL requests)."
            : "The request could not be read: check its body and content-type.";
      return void res.status(status).json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_USER_INPUT", message } });
    }
    logError(`api: internal error (request ${String(res.locals.requestId)})`, error);
    sendError(res, "INTERNAL_SERVER_ERROR", exposeDetails ? String(error.message) : INTERNAL_MESSAGE);
  };
}
