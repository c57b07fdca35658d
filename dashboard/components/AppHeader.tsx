import Link from "next/link";
import { shortAddress } from "@/lib/format";
import { viewsFor } from "@/lib/roles";
import type { Session } from "@/lib/session";
import { SignOutButton } from "./SignOutButton";

export function AppHeader({ session, current, demoName }: { session: Session | undefined; current?: string; demoName?: string }) {
  return (
    <header className="header">
      <Link className="brand" href="/">
        CareTrail
      </Link>
      {session && (
        <nav className="nav" aria-label="Views">
          {viewsFor(session.roles).map((view) => (
            <Link key={view.href} href={view.href} aria-current={current === view.href ? "page" : undefined}>
              {view.label}
            </Link>
          ))}
        </nav>
      )}
      <div className="nav">
        {session ? (
          <>
            {session.demoAccountIndex !== undefined && <span className="demo-flag">Demo persona</span>}
            <span className="who">
              {demoName ? `${demoName} · ` : ""}
              <span className="mono" title={session.address}>
                {shortAddress(session.address)}
              </span>{" "}
              · {session.roles.map((role) => role.toLowerCase()).join(", ") || "no role"}
            </span>
            <SignOutButton />
          </>
        ) : (
          <Link href="/sign-in">Sign in</Link>
        )}
      </div>
    </header>
  );
}
