import { Page } from "@/components/Page";
import { SignInPanel } from "@/components/SignInPanel";
import { isDemoMode } from "@/lib/config";
import { readPersonas } from "@/lib/personas";
import { readSession } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function SignIn({ searchParams }: { searchParams: Promise<{ expired?: string }> }) {
  const { expired } = await searchParams;
  const personas = readPersonas().filter((persona) => !["unregistered", "vault"].includes(persona.role));
  return (
    <Page
      session={await readSession()}
      title="Sign in to CareTrail"
      lede="See who accessed your health data, manage consents, verify records against the chain."
    >
      {expired && (
        <p className="state" role="status">
          Your session ended: sign in again.
        </p>
      )}
      <SignInPanel personas={personas} demoMode={isDemoMode()} />
    </Page>
  );
}
