"use client";
// Browser-wallet sign-in (EIP-1193 + SIWE) and, in demo mode only, the persona picker.
import { useRouter } from "next/navigation";
import { useState } from "react";

type Eip1193 = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };
export type PersonaChoice = { name: string; role: string; address: string; devAccountIndex: number; specialty?: string; hospital?: string; featured?: boolean };

/** Who each kind of persona is and what they will see, for the picker's cards (README's "Personas" table). */
const ROLE_STORIES: Record<string, { who: string; sees: string }> = {
  patient: { who: "Patient", sees: "who accessed your data, your consents (grant, change, revoke) and your records, which you can open" },
  provider: { who: "Provider", sees: "the patients who consented to you and their records within scope; read one through the vault" },
  insurer: { who: "Insurer", sees: "records of claims whose patient gave you a payment consent, and their provenance" },
  auditor: { who: "Auditor", sees: "every access event, record, consent and alert; verify files and export the trail" },
  researcher: { who: "Researcher", sees: "de-identified aggregates only; groups under 5 patients are suppressed" },
  governance: { who: "Governance", sees: "the registry's view: analytics and the audit trail" },
};

/** The README's five personas first (the seeder marks them featured), one per role when it does not. */
export function featuredPersonas(personas: PersonaChoice[]): PersonaChoice[] {
  const marked = personas.filter((persona) => persona.featured);
  if (marked.length > 0) return marked;
  return ["patient", "provider", "insurer", "auditor", "researcher"].flatMap((role) => personas.filter((persona) => persona.role === role).slice(0, 1));
}

function PersonaButton({ persona, disabled, onPick, detailed }: { persona: PersonaChoice; disabled: boolean; onPick: () => void; detailed: boolean }) {
  const story = ROLE_STORIES[persona.role];
  const where = [story?.who ?? persona.role, persona.specialty, persona.hospital].filter(Boolean).join(" · ");
  return (
    <button type="button" className="secondary persona-card" disabled={disabled} onClick={onPick}>
      <strong>{persona.name}</strong> <span className="who">{where}</span>
      {detailed && story && <span className="persona-sees">You will see {story.sees}.</span>}
    </button>
  );
}

async function postJson(path: string, body: unknown): Promise<{ error?: { message: string } }> {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as { error?: { message: string } };
  if (!response.ok) throw new Error(answer.error?.message ?? `Sign-in failed (HTTP ${response.status}).`);
  return answer;
}

export function SignInPanel({ personas, demoMode }: { personas: PersonaChoice[]; demoMode: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | undefined>();
  // Each error shows next to what caused it: the wallet button or the persona picker.
  const [problem, setProblem] = useState<{ source: "wallet" | "persona"; message: string } | undefined>();

  async function run(label: string, work: () => Promise<void>) {
    setBusy(label);
    setProblem(undefined);
    try {
      await work();
      router.push("/");
      router.refresh();
    } catch (error) {
      setProblem({ source: label === "wallet" ? "wallet" : "persona", message: (error as Error).message });
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

  const pick = (persona: PersonaChoice) => () =>
    void run(persona.name, async () => {
      await postJson("/api/auth/demo", { devAccountIndex: persona.devAccountIndex });
    });
  const featured = featuredPersonas(personas);
  const others = personas.filter((persona) => !featured.includes(persona));
  const problemFor = (source: "wallet" | "persona") =>
    problem?.source === source && (
      <p className="state error" role="alert">
        {problem.message}
      </p>
    );

  return (
    <div className="grid-2">
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
            <>
              <ul className="persona-list" aria-label="Featured personas">
                {featured.map((persona) => (
                  <li key={persona.devAccountIndex}>
                    <PersonaButton persona={persona} disabled={busy !== undefined} onPick={pick(persona)} detailed />
                  </li>
                ))}
              </ul>
              <div aria-live="polite">
                {busy && busy !== "wallet" && <p className="state">Signing in as {busy}…</p>}
                {problemFor("persona")}
              </div>
              {others.length > 0 && (
                <details className="more-personas">
                  <summary>More personas ({others.length})</summary>
                  <ul className="persona-list compact" aria-label="More personas">
                    {others.map((persona) => (
                      <li key={persona.devAccountIndex}>
                        <PersonaButton persona={persona} disabled={busy !== undefined} onPick={pick(persona)} detailed={false} />
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </section>
      )}
      <section className="panel" aria-labelledby="wallet-heading">
        <h2 id="wallet-heading">Sign in with your wallet</h2>
        <p>Your wallet signs a one-time Sign-In with Ethereum message. Nothing is sent to the chain and no fee is charged.</p>
        <button type="button" onClick={() => void signInWithWallet()} disabled={busy !== undefined}>
          {busy === "wallet" ? "Waiting for the wallet…" : "Connect wallet and sign in"}
        </button>
        <div aria-live="polite">{problemFor("wallet")}</div>
      </section>
    </div>
  );
}
