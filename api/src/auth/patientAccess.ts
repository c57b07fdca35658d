import type { Projection } from "../db.js";
import type { Role } from "../roles.js";
import type { Viewer } from "./loadViewer.js";

/** What a field reads: one patient's data, optionally narrowed to a record category. */
export type Subject = { patient: string; category?: number | undefined };

/**
 * Whether `viewer`, acting as `role`, may read `subject` (issue 7, "who sees what"):
 * auditors every patient; patients themselves; providers the patients who gave them a live treatment or
 * emergency consent covering the category, or whose emergency access is still open (not expired, not voided by a suspension); insurers the patients who
 * gave them a live payment consent covering the category. Everyone else nobody.
 */
export async function mayReadPatient(projection: Projection, viewer: Viewer, role: Role, subject: Subject): Promise<boolean> {
  switch (role) {
    case "AUDITOR":
      return true;
    case "PATIENT":
      return subject.patient === viewer.address;
    case "PROVIDER":
      return (
        (await hasLiveConsent(projection, viewer.address, subject, ["Treatment", "Emergency"])) ||
        (await hasOpenEmergencyAccess(projection, viewer.address, subject.patient))
      );
    case "INSURER":
      return hasLiveConsent(projection, viewer.address, subject, ["Payment"]);
    default:
      return false;
  }
}

async function hasLiveConsent({ sql, table, current }: Projection, grantee: string, { patient, category }: Subject, purposes: string[]): Promise<boolean> {
  const [row] = await sql<{ live: boolean }[]>`
    select exists (
      select 1 from ${table("consents")}
      where patient_id = ${patient} and grantee = ${grantee} and active and ${current()}
        and purpose::text = any(${purposes}) and expires_at > extract(epoch from now())
        and (${category ?? null}::int is null or (scope & (1 << ${category ?? 0}::int)) <> 0)
    ) as live`;
  return row?.live === true;
}

async function hasOpenEmergencyAccess({ sql, table, current }: Projection, grantee: string, patient: string): Promise<boolean> {
  const [row] = await sql<{ open: boolean }[]>`
    select exists (
      select 1 from ${table("access_tickets")}
      where patient = ${patient} and grantee = ${grantee} and emergency and not voided and ${current()}
        and expires_at > extract(epoch from now())
    ) as open`;
  return row?.open === true;
}

/** The patient and category of a record, looked up by any of its versions' ids. */
export async function recordSubject({ sql, table, current }: Projection, recordId: string): Promise<Subject | undefined> {
  const [row] = await sql<{ patient: string; category: number }[]>`
    select patient, category from ${table("record_versions")} where id = ${recordId.toLowerCase()} and ${current()}`;
  return row && { patient: row.patient, category: row.category };
}
