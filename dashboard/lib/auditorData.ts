// Auditor-view reads: the verdict's people named, grouped alerts, the timeline's position.
import { graphqlRequest } from "./apiClient";
import type { AlertGroupPage, AlertRule } from "./apiShapes";
import { displayName, type NameBook } from "./format";
import { graphql } from "./generated";
import type { Session } from "./session";

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;

/** "the on-chain author 0xAb…" → "the on-chain author Dr. Cardiology (0xAb…)": people by name, the address kept. */
export function nameAddresses(text: string, names: NameBook): string {
  return text.replace(ADDRESS, (address) => {
    const name = names[address.toLowerCase()];
    return name ? `${name} (${address})` : address;
  });
}

/** Who wrote and who owns the uploaded file, named when the demo knows them. */
export function uploadPeople(json: unknown, names: NameBook): { author?: string; patient?: string } {
  const upload = json as { authorSignature?: { author?: unknown }; record?: { patient?: unknown } } | null;
  const person = (value: unknown) => (typeof value === "string" ? `${displayName(value, names)}${names[value.toLowerCase()] ? ` (${value})` : ""}` : undefined);
  return { author: person(upload?.authorSignature?.author), patient: person(upload?.record?.patient) };
}

export const ALERT_GROUPS_PAGE_SIZE = 10;

export async function fetchAlertGroups(session: Session, filter: { rules?: AlertRule[] }, offset: number): Promise<AlertGroupPage> {
  const data = await graphqlRequest(
    graphql(`
      query AlertGroups($filter: AlertFilter, $first: Int, $offset: Int) {
        alertGroups(filter: $filter, first: $first, offset: $offset) {
          totalGroups
          totalAlerts
          capped
          byRule {
            rule
            count
          }
          groups {
            rule
            actor
            patient
            minute
            count
            detail
            latest {
              ...AccessEventFields
            }
          }
        }
      }
    `),
    { filter, first: ALERT_GROUPS_PAGE_SIZE, offset },
    session.token,
  );
  return data.alertGroups;
}

/** A whole, non-negative offset from a query parameter; anything else is 0 (the first page). */
export function offsetParam(value: unknown): number {
  const parsed = typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : 0;
  return Number.isSafeInteger(parsed) ? parsed : 0;
}
