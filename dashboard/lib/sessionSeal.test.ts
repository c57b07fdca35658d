import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sealSession, sessionSecret, SessionSecretError, unsealSession, type Session } from "./sessionSeal.ts";

const SECRET = "a".repeat(32);
const OTHER_SECRET = "b".repeat(32);
const now = Date.now();
const session: Session = {
  token: "api-token",
  address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  roles: ["PATIENT"],
  expiresAt: new Date(now + 15 * 60_000).toISOString(),
  demoAccountIndex: 1,
};

describe("sealed session cookies", () => {
  it("round-trips a session and hides its contents", async () => {
    const sealed = await sealSession(session, SECRET, now);
    assert.deepEqual(await unsealSession(sealed, SECRET, now), session);
    assert.ok(
      !sealed.includes("api-token") &&
        !Buffer.from(sealed.split("*")[0] ?? "", "base64url")
          .toString()
          .includes("api-token"),
    );
  });

  it("refuses the old unsigned format: base64url JSON naming any persona", async () => {
    const forged = Buffer.from(JSON.stringify(session)).toString("base64url");
    assert.equal(await unsealSession(forged, SECRET, now), undefined);
  });

  it("refuses a seal with any character changed", async () => {
    const sealed = await sealSession(session, SECRET, now);
    for (const at of [10, Math.floor(sealed.length / 2), sealed.length - 5]) {
      const tampered = sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
      assert.equal(await unsealSession(tampered, SECRET, now), undefined, `changed at ${at}`);
    }
  });

  it("refuses a seal made with another secret (another deployment, or a guessed one)", async () => {
    assert.equal(await unsealSession(await sealSession(session, OTHER_SECRET, now), SECRET, now), undefined);
  });

  it("refuses a seal once the session's own expiry has passed, even with a valid seal", async () => {
    const sealed = await sealSession(session, SECRET, now);
    assert.equal(await unsealSession(sealed, SECRET, now + 16 * 60_000), undefined);
  });

  it("will not seal a session that has already ended", async () => {
    await assert.rejects(sealSession({ ...session, expiresAt: new Date(now - 1).toISOString() }, SECRET, now), RangeError);
  });

  it("refuses well-sealed data that is not a session", async () => {
    const { sealData } = await import("iron-session");
    assert.equal(await unsealSession(await sealData({ address: "nobody", roles: "PATIENT" }, { password: SECRET }), SECRET, now), undefined);
  });

  it("takes DASHBOARD_SESSION_SECRET, refuses a short one, else generates one per process and says so once", () => {
    assert.equal(sessionSecret(SECRET), SECRET);
    assert.throws(() => sessionSecret("short"), SessionSecretError);
    const lines: string[] = [];
    const generated = sessionSecret(undefined, (line) => lines.push(line));
    assert.ok(generated.length >= 32);
    assert.equal(
      sessionSecret(undefined, (line) => lines.push(line)),
      generated,
    );
    assert.ok(lines.length <= 1 && lines.every((line) => line.includes("DASHBOARD_SESSION_SECRET")));
  });
});
