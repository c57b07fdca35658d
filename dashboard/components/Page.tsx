// The frame of every signed-in view: header with role navigation, then the view's sections.
import { personaNames } from "@/lib/personas";
import type { Session } from "@/lib/session";
import { AppHeader } from "./AppHeader";

export function Page({
  session,
  current,
  title,
  lede,
  children,
}: {
  session: Session | undefined;
  current?: string;
  title: string;
  lede?: string;
  children: React.ReactNode;
}) {
  const demoName = session ? personaNames()[session.address.toLowerCase()] : undefined;
  return (
    <>
      <AppHeader session={session} current={current} demoName={demoName} />
      <main id="main">
        <div>
          <h1>{title}</h1>
          {lede && <p className="lede">{lede}</p>}
        </div>
        {children}
      </main>
    </>
  );
}
