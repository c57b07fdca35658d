import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Response, type Router } from "express";

const here = path.dirname(fileURLToPath(import.meta.url));
const pageFile = path.join(here, "..", "graphiql", "index.html");
/** The bundle `npm run build` writes (scripts/buildGraphiql.mjs): two levels up is the package from src/http and dist/http. */
const builtAssetsDir = path.join(here, "..", "..", "dist", "graphiql", "assets");

/**
 * Everything the page loads is this server's own: scripts, workers, fonts and the GraphQL endpoint. Monaco writes
 * <style> elements and style attributes at run time, hence the one 'unsafe-inline' (styles only, never scripts).
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = (res: Response) =>
  res.set({ "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin" });

/** `assetsDir`: where the bundle is (tests point it elsewhere). */
export function graphiqlRoutes({ assetsDir = builtAssetsDir }: { assetsDir?: string } = {}): Router {
  const router = express.Router();
  const page = readFileSync(pageFile, "utf8");
  const built = existsSync(path.join(assetsDir, "graphiql.js"));
  router.use("/graphiql", express.static(assetsDir, { index: false, dotfiles: "ignore", maxAge: "1h", setHeaders: (res) => securityHeaders(res) }));
  // A browser asking for /graphql gets the IDE; GraphQL GET requests (with ?query=) go on to Apollo.
  router.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || !req.accepts("html")) {
      next();
      return;
    }
    securityHeaders(res);
    if (!built) {
      res.status(503).json({ error: { code: "GRAPHIQL_NOT_BUILT", message: "GraphiQL's bundle is missing: run `npm run build -w api`, then restart." } });
      return;
    }
    res.set("content-security-policy", GRAPHIQL_CSP).type("html").send(page);
  });
  return router;
}
