"use client";
// Sign-out is a change like any other: a same-origin JSON POST (a plain form post is refused by middleware.ts).
import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignOutButton() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | undefined>();

  async function signOut() {
    setProblem(undefined);
    const response = await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    if (!response?.ok) {
      setProblem("Signing out failed: reload the page and try again.");
      return;
    }
    router.push("/sign-in");
    router.refresh();
  }

  return (
    <>
      <button className="secondary" type="button" onClick={() => void signOut()}>
        Sign out
      </button>
      {problem && (
        <span className="state error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
