import { redirect } from "next/navigation";
import { Page } from "@/components/Page";
import { homeFor } from "@/lib/roles";
import { readSession } from "@/lib/session";

/** Sends a signed-in account to its main view; an account whose roles open no view is told why. */
export default async function Home() {
  const session = await readSession();
  if (!session) redirect("/sign-in");
  const home = homeFor(session.roles);
  if (home) redirect(home);
  return (
    <Page session={session} title="No view for this account">
      <p className="state">
        The registry gives {session.address} no role that opens a CareTrail view. Patients enrol themselves; providers, insurers, auditors and researchers are
        registered by governance. Sign out and use a registered account.
      </p>
    </Page>
  );
}
