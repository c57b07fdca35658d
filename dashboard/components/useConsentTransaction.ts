"use client";
// Sends a consent change and follows it: sending → pending (in the mempool) → confirmed → indexed (views refresh), or failed.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { refreshUntilShown } from "./refreshUntilShown";

type Eip1193 = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

export type TxState =
  | { status: "idle" }
  | { status: "sending"; label: string }
  | { status: "pending"; label: string; hash: string }
  | { status: "confirmed"; label: string; hash: string; indexed: boolean }
  | { status: "failed"; label: string; reason: string };

type Prepared = { hash?: string; transaction?: { to: string; data: string; chainId: number }; error?: { message: string } };
type Receipt = { status: "pending" | "confirmed" | "failed"; indexed?: boolean; reason?: string; error?: { message: string } };

const POLL_MS = 700;
const GIVE_UP_MS = 90_000;

async function sendFromWallet(transaction: NonNullable<Prepared["transaction"]>): Promise<string> {
  const ethereum = (window as unknown as { ethereum?: Eip1193 }).ethereum;
  if (!ethereum) throw new Error("No browser wallet found: unlock your wallet and try again.");
  const [from] = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
  const chainId = Number(await ethereum.request({ method: "eth_chainId" }));
  if (chainId !== transaction.chainId) throw new Error(`Your wallet is on chain ${chainId}; switch it to chain ${transaction.chainId} and try again.`);
  return (await ethereum.request({ method: "eth_sendTransaction", params: [{ from, to: transaction.to, data: transaction.data }] })) as string;
}

export function useConsentTransaction() {
  const router = useRouter();
  const [state, setState] = useState<TxState>({ status: "idle" });

  async function submit(label: string, change: { grantee: string } & Record<string, unknown>): Promise<void> {
    setState({ status: "sending", label });
    try {
      const response = await fetch("/api/transactions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(change) });
      const prepared = (await response.json()) as Prepared;
      if (!response.ok) throw new Error(prepared.error?.message ?? `The change was refused (HTTP ${response.status}).`);
      const hash = prepared.hash ?? (await sendFromWallet(prepared.transaction!));
      setState({ status: "pending", label, hash });
      const deadline = Date.now() + GIVE_UP_MS;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const receipt = (await (await fetch(`/api/transactions/${hash}?grantee=${change.grantee}`, { cache: "no-store" })).json()) as Receipt;
        if (receipt.error) throw new Error(receipt.error.message);
        if (receipt.status === "failed") throw new Error(receipt.reason ?? "The transaction failed.");
        if (receipt.status === "confirmed") {
          setState({ status: "confirmed", label, hash, indexed: Boolean(receipt.indexed) });
          if (receipt.indexed) {
            // The consent history lists every version with its transaction.
            refreshUntilShown(router, `[data-tx="${hash.toLowerCase()}"]`);
            return;
          }
        }
        if (Date.now() > deadline)
          throw new Error(
            `No ${receipt.status === "confirmed" ? "indexed copy" : "receipt"} after ${GIVE_UP_MS / 1000} s: ` +
              "check the chain and indexer are running, then reload.",
          );
      }
    } catch (error) {
      setState({ status: "failed", label, reason: (error as Error).message });
    }
  }

  return { state, submit, busy: state.status === "sending" || state.status === "pending" || (state.status === "confirmed" && !state.indexed) };
}
