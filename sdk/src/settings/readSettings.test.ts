import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { readSettings, setting, SettingsError } from "./readSettings.js";

const schema = z.object({
  PORT: setting.port("where it listens").default(4000),
  VAULT_PRIVATE_KEY: setting.privateKey("the vault operator's key").optional(),
  DEMO_MODE: setting.flag("demo personas").default(false),
  DEADLINE_MS: setting.wholeNumber("request deadline", "milliseconds").default(10_000),
});

test("defaults apply to unset and empty variables; values are coerced to their kinds", () => {
  assert.deepEqual(readSettings(schema, { PORT: "", DEMO_MODE: "1" }), { PORT: 4000, DEMO_MODE: true, DEADLINE_MS: 10_000 });
  assert.deepEqual(readSettings(schema, { PORT: "8080", DEADLINE_MS: "250" }), { PORT: 8080, DEMO_MODE: false, DEADLINE_MS: 250 });
});

test("every bad variable is reported at once, by name, without echoing its value", () => {
  const secret = "0xnot-a-key-but-still-secret";
  assert.throws(
    () => readSettings(schema, { PORT: "eighty", VAULT_PRIVATE_KEY: secret, DEMO_MODE: "yes", DEADLINE_MS: "1.5" }),
    (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.deepEqual(
        error.problems.map((problem) => problem.split(":")[0]),
        ["PORT", "VAULT_PRIVATE_KEY", "DEMO_MODE", "DEADLINE_MS"],
      );
      assert.match(error.message, /VAULT_PRIVATE_KEY: expected a 0x-prefixed 32-byte hex private key/);
      assert.match(error.message, /DEADLINE_MS: expected a whole number of milliseconds/);
      assert.match(error.message, /PORT: expected a TCP port/);
      assert.ok(!error.message.includes(secret), "the message must not contain the value");
      return true;
    },
  );
});

test("a retired name fails with the name that replaced it, even when the new one is set too", () => {
  assert.throws(() => readSettings(schema, { OLD_PORT: "4000", PORT: "4000" }, { OLD_PORT: "PORT" }), /OLD_PORT was renamed: set PORT instead/);
  assert.equal(readSettings(schema, { OLD_PORT: "" }, { OLD_PORT: "PORT" }).PORT, 4000);
});
