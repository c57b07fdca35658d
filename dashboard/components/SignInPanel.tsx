"use client";
// Browser-wallet sign-in (EIP-1193 + SIWE) and, in demo mode only, the persona picker.
import { useRouter } from "next/navigation";
import { useState } from "react";

type Eip1193 = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };
export type PersonaChoice = { name: string; role: string; address: string; devAccountIndex: number };

async function postJson(path: string, body: unknown): Promise<{ error?: { message: string } }> {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as { error?: { message: string } };
  if (!response.ok) throw new Error(answer.error?.message ?? `Sign-in failed (HTTP ${response.status}).`);
  return answer;
}

export function SignInPanel({ personas, demoMode }: { personas: PersonaChoice[]; demoMode: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  async function run(label: string, work: () => Promise<void>) {
    setBusy(label);
    setProblem(undefined);
    try {
      await work();
      router.push("/");
      router.refresh();
    } catch (error) {
      setProblem((error as Error).message);
      setBusy(undefined);
    }
  }

  const signInWithWallet = () =>
    run("wallet", async () => {
      const ethereum = (window as unknown as { ethereum?: Eip1193 }).ethereum;
      if (!ethereum) throw new Error("No browser wallet found: install or unlock one (e.g. MetaMask) and reload this page.");
      const [address] = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
      if (!address) throw new Error("The wallet shared no account: unlock it and try again.");
      const response = await fetch("/api/auth/message", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ address }) });
      const { message, error } = (await response.json()) as { message?: string; error?: { message: string } };
      if (!message) throw new Error(error?.message ?? "The sign-in message could not be prepared.");
      const signature = (await ethereum.request({ method: "personal_sign", params: [message, address] })) as string;
      await postJson("/api/auth/verify", { message, signature });
    });

  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="wallet-heading">
        <h2 id="wallet-heading">Sign in with your wallet</h2>
        <p>Your wallet signs a one-time Sign-In with Ethereum message. Nothing is sent to the chain and no fee is charged.</p>
        <button type="button" onClick={signInWithWallet} disabled={busy !== undefined}>
          {busy === "wallet" ? "Waiting for the wallet…" : "Connect wallet and sign in"}
        </button>
      </section>
      {demoMode && (
        <section className="panel" aria-labelledby="demo-heading">
          <h2 id="demo-heading">
            Demo personas <span className="demo-flag">DEMO ONLY</span>
          </h2>
          <p>
            These accounts use Hardhat&apos;s public development keys on the local demo chain and synthetic data. They are disabled unless the dashboard runs
            with DEMO_MODE=1.
          </p>
          {personas.length === 0 ? (
            <p className="state">No personas yet: start the demo with `npm run demo`, which writes .caretrail/demo/personas.json.</p>
          ) : (
            <ul className="persona-list">
              {personas.map((persona) => (
                <li key={persona.devAccountIndex}>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy !== undefined}
                    onClick={() => run(persona.name, async () => void (await postJson("/api/auth/demo", { devAccountIndex: persona.devAccountIndex })))}
                  >
                    <strong>{persona.name}</strong>
                    <br />
                    <span className="who">{persona.role} · {persona.address.slice(0, 6)}…{persona.address.slice(-4)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <div aria-live="polite">
        {busy && busy !== "wallet" && <p className="state">Signing in as {busy}…</p>}
        {problem && (
          <p className="state error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </div>
  );
}
