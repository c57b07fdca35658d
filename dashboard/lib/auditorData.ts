// Auditor-view reads: the verdict's people named, grouped alerts, the timeline's position.
import { graphqlRequest } from "./apiClient";
import { displayName, type NameBook } from "./format";
import type { Session } from "./session";
import type { AccessEvent, AlertRule } from "./types";

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

export type AlertGroup = { rule: AlertRule; actor: string; patient: string; minute: string; count: number; detail: string; latest: AccessEvent };
export type AlertGroupPage = { totalGroups: number; totalAlerts: number; capped: boolean; byRule: { rule: AlertRule; count: number }[]; groups: AlertGroup[] };

export const ALERT_GROUPS_PAGE_SIZE = 10;
const EVENT = "id kind outcome patient actor actorRole purpose category recordId denialReason emergencyReasonCode expiresAt position { blockNumber blockTimestamp txHash logIndex }";

export async function fetchAlertGroups(session: Session, filter: { rules?: AlertRule[] }, offset: number): Promise<AlertGroupPage> {
  const data = await graphqlRequest<{ alertGroups: AlertGroupPage }>(
    `query($filter: AlertFilter, $first: Int, $offset: Int) { alertGroups(filter: $filter, first: $first, offset: $offset) {
       totalGroups totalAlerts capped byRule { rule count } groups { rule actor patient minute count detail latest { ${EVENT} } } } }`,
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
