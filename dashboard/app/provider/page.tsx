import { Suspense } from "react";
import { Page } from "@/components/Page";
import { MyPatients } from "@/components/provider/MyPatients";
import { EmptyState, ErrorState, LoadingRows } from "@/components/StatusViews";
import { load, requireSession } from "@/lib/data";
import { personaNames } from "@/lib/personas";
import { fetchMyPatients, MAX_PATIENTS } from "@/lib/providerData";
import type { Session } from "@/lib/session";
import type { NameBook } from "@/lib/format";

export const dynamic = "force-dynamic";

async function PatientsSection({ session, names }: { session: Session; names: NameBook }) {
  const answer = await load(() => fetchMyPatients(session));
  if (answer.error) return <ErrorState error={answer.error} what="your patients" />;
  if (answer.data.patients.length === 0) return <EmptyState>No patient has given you consent yet. Patients grant it from their own CareTrail page.</EmptyState>;
  return (
    <>
      <MyPatients patients={answer.data.patients} names={names} />
      {answer.data.morePatients && <p className="who">Showing the first {MAX_PATIENTS} patients who consented to you.</p>}
    </>
  );
}

export default async function ProviderPage() {
  const session = await requireSession(["PROVIDER"]);
  const names = personaNames();
  return (
    <Page
      session={session}
      current="/provider"
      title="My patients"
      lede="Patients who consented to you: the scope, purpose and expiry of each consent, and the records it lets you read."
    >
      <section className="panel" aria-labelledby="patients-heading">
        <h2 id="patients-heading">Patients who consented to you</h2>
        <p className="who">
          Opening a record asks the chain for an access ticket, then the vault logs the read on the chain before it releases the record: the patient sees it on
          their timeline.
        </p>
        <Suspense fallback={<LoadingRows label="your patients" />}>
          <PatientsSection session={session} names={names} />
        </Suspense>
      </section>
    </Page>
  );
}
