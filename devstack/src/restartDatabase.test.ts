import assert from "node:assert/strict";
import { test } from "node:test";
import { queryOnce } from "./queryOnce.js";
import { restartDatabase } from "./restartDatabase.js";
import { startDatabase } from "./startDatabase.js";

test(
  "restartDatabase stops the embedded Postgres and starts it again on the same port with its data",
  { skip: process.env.DATABASE_URL ? "restarting a shared DATABASE_URL server is left to the soak" : false },
  async () => {
    const database = await startDatabase();
    try {
      const query = (text: string) => queryOnce(database.url, text);
      await query("create table kept (value int); insert into kept values (42)");
      let refusedWhileDown: string | undefined;
      await restartDatabase(database, {
        whileDown: async () => {
          await query("select 1").catch((error: unknown) => (refusedWhileDown = String(error)));
        },
      });
      assert.match(refusedWhileDown ?? "answered while down", /ECONNREFUSED/);
      assert.deepEqual(await query("select value from kept"), [{ value: 42 }]);
    } finally {
      await database.stop();
    }
  },
);
