import Link from "next/link";
import { shortAddress } from "@/lib/format";
import { viewsFor } from "@/lib/roles";
import type { Session } from "@/lib/session";

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
              <span className="mono" title={session.address}>{shortAddress(session.address)}</span> · {session.roles.map((role) => role.toLowerCase()).join(", ") || "no role"}
            </span>
            <form action="/api/auth/sign-out" method="post">
              <button className="secondary" type="submit">Sign out</button>
            </form>
          </>
        ) : (
          <Link href="/sign-in">Sign in</Link>
        )}
      </div>
    </header>
  );
}
