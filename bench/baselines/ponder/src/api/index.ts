// Ponder requires an API entry; the bench reads Postgres directly, so it serves nothing.
import { Hono } from "hono";

export default new Hono();
