import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

const require = createRequire(import.meta.url);
const pageFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "graphiql", "index.html");

/** GraphiQL and React from node_modules, so the page works on a closed network (no CDN). */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const assets: Record<string, string> = {
  "react.js": path.join(packageDir("react"), "umd", "react.production.min.js"),
  "react-dom.js": path.join(packageDir("react-dom"), "umd", "react-dom.production.min.js"),
  "graphiql.js": path.join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.css": path.join(packageDir("graphiql"), "graphiql.min.css"),
};

export function graphiqlRoutes(): Router {
  const router = express.Router();
  const page = readFileSync(pageFile, "utf8");
  router.get("/graphiql/:asset", (req, res, next) => {
    const file = assets[req.params.asset];
    if (!file) {
      next();
      return;
    }
    res.type(path.extname(file)).set("cache-control", "public, max-age=3600").sendFile(file);
  });
  // A browser asking for /graphql gets the IDE; GraphQL GET requests (with ?query=) go on to Apollo.
  router.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || !req.accepts("html")) {
      next();
      return;
    }
    res.type("html").send(page);
  });
  return router;
}
