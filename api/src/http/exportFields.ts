// What the audit exports carry of an access event: its selection in the export query and its CSV columns, keyed by
// the generated AccessEvent type, so a field added to the SDL fails the type check here until it is exported or
// left out on purpose (with the reason next to it).
import type { AccessEvent } from "../generated/resolvers.js";

type CsvColumn = readonly [name: string, value: (event: AccessEvent) => unknown];
type ExportedField = { selection: string | null; columns: readonly CsvColumn[] };

const field = (name: keyof AccessEvent, column: string): ExportedField => ({ selection: name, columns: [[column, (event) => event[name]]] });

const EXPORTED_FIELDS: { [Field in Exclude<keyof AccessEvent, "__typename">]-?: ExportedField } = {
  id: field("id", "id"),
  position: {
    selection: "position { blockNumber blockTimestamp txHash logIndex }",
    columns: [
      ["block_time", (event) => event.position.blockTimestamp],
      ["block_number", (event) => event.position.blockNumber],
      ["tx_hash", (event) => event.position.txHash],
      ["log_index", (event) => event.position.logIndex],
    ],
  },
  kind: field("kind", "kind"),
  outcome: field("outcome", "outcome"),
  patient: field("patient", "patient"),
  actor: field("actor", "actor"),
  actorRole: field("actorRole", "actor_role"),
  purpose: field("purpose", "purpose"),
  category: field("category", "category"),
  recordId: field("recordId", "record_id"),
  ticketId: field("ticketId", "ticket_id"),
  // The ticket's state now (voided, expired) is a lookup per event; ticket_id names it, and the export is the log.
  ticket: { selection: null, columns: [] },
  denialReason: field("denialReason", "denial_reason"),
  emergencyReasonCode: field("emergencyReasonCode", "emergency_reason_code"),
  expiresAt: field("expiresAt", "expires_at"),
};

const exported = Object.values(EXPORTED_FIELDS);

/** The export query's selection of each access event. */
export const ACCESS_EVENT_SELECTION = exported.flatMap(({ selection }) => (selection ? [selection] : [])).join(" ");

export const CSV_COLUMNS = exported.flatMap(({ columns }) => columns.map(([name]) => name));

export function csvRow(event: AccessEvent): unknown[] {
  return exported.flatMap(({ columns }) => columns.map(([, value]) => value(event)));
}
