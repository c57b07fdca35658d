import { id as keccakOfText } from "ethers";
import type { Fragment, Projection } from "../db.js";
import { roleFromDb, type Role } from "../roles.js";
import { activeRevocation } from "../state/apiState.js";
import type { Session } from "./sessionToken.js";

export const GOVERNANCE_ROLE = keccakOfText("GOVERNANCE_ROLE");

/** A signed-in caller and the roles the indexed registry gives them at this moment. */
export type Viewer = { address: string; roles: ReadonlySet<Role>; sessionExpiresAt: Date };

/** Roles are read per request, so a suspension or removal indexed a second ago already applies. */
export async function loadViewer(projection: Projection, session: Session): Promise<Viewer> {
  return viewerOf(session, await readRoles(projection, session, projection.sql`false`));
}

/**
 * As loadViewer, and in the same statement whether the session was signed out (undefined then): for an API whose
 * state (src/state/apiState.ts) lives in the projection's database, `revocationsTable` being its `schema.table`.
 * Read per request like the roles, so a sign-out on any replica applies to the next request.
 */
export async function loadViewerUnlessSignedOut(projection: Projection, session: Session, revocationsTable: string): Promise<Viewer | undefined> {
  const { sql } = projection;
  const row = await readRoles(projection, session, sql`exists (${activeRevocation(sql, revocationsTable, session.id)})`);
  return row?.revoked ? undefined : viewerOf(session, row);
}

type RolesRow = { patient: boolean; provider_status: string | null; third_party_role: string | null; governance: boolean; revoked: boolean };

async function readRoles({ sql, table, current }: Projection, session: Session, revoked: Fragment): Promise<RolesRow | undefined> {
  const address = session.address;
  const [row] = await sql<RolesRow[]>`
    select
      exists (select 1 from ${table("patients")} where id = ${address} and ${current()}) as patient,
      (select status from ${table("providers")} where id = ${address} and ${current()}) as provider_status,
      (select role from ${table("third_parties")} where id = ${address} and registered and ${current()}) as third_party_role,
      exists (
        select 1 from ${table("role_members")} where account = ${address} and role = ${GOVERNANCE_ROLE} and active and ${current()}
      ) as governance,
      ${revoked} as revoked`;
  return row;
}

function viewerOf(session: Session, row: RolesRow | undefined): Viewer {
  const roles = new Set<Role>();
  if (row?.patient) roles.add("PATIENT");
  if (row?.provider_status === "Active") roles.add("PROVIDER");
  const thirdParty = row?.third_party_role ? roleFromDb[row.third_party_role] : undefined;
  if (thirdParty) roles.add(thirdParty);
  if (row?.governance) roles.add("GOVERNANCE");
  return { address: session.address, roles, sessionExpiresAt: session.expiresAt };
}
