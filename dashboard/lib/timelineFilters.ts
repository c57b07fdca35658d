// Timeline filters live in the URL (shareable, back-button friendly, no client state); this maps them to the API's AuditFilter.
import type { AccessKind, AccessOutcome, AuditFilter, Purpose } from "./apiShapes";

export type SearchParams = Record<string, string | string[] | undefined>;

export const ACCESS_KINDS: AccessKind[] = ["REQUEST", "GRANT", "DENIAL", "EMERGENCY", "READ"];
export const ACCESS_OUTCOMES: AccessOutcome[] = ["REQUESTED", "GRANTED", "DENIED"];
export const PURPOSES: Purpose[] = ["TREATMENT", "PAYMENT", "RESEARCH", "EMERGENCY", "NONE"];

/** What the filter form shows: dates as yyyy-mm-dd, as a date input gives them. */
export type TimelineFilterState = {
  kinds: AccessKind[];
  outcomes: AccessOutcome[];
  purposes: Purpose[];
  actor: string;
  patient: string;
  from: string;
  to: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function all(params: SearchParams, name: string): string[] {
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function one(params: SearchParams, name: string): string {
  return all(params, name)[0]?.trim() ?? "";
}

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return allowed.filter((option) => values.some((value) => value.toUpperCase() === option));
}

export function readTimelineFilters(params: SearchParams): TimelineFilterState {
  const date = (name: string) => (DATE.test(one(params, name)) ? one(params, name) : "");
  const address = (name: string) => (ADDRESS.test(one(params, name)) ? one(params, name).toLowerCase() : "");
  return {
    kinds: pick(all(params, "kind"), ACCESS_KINDS),
    outcomes: pick(all(params, "outcome"), ACCESS_OUTCOMES),
    purposes: pick(all(params, "purpose"), PURPOSES),
    actor: address("actor"),
    patient: address("patient"),
    from: date("from"),
    to: date("to"),
  };
}

/** The API filter: `from` is the start of its day, `to` the end of its day (the API's `to` is exclusive). */
export function toAuditFilter(state: TimelineFilterState, patient?: string): AuditFilter {
  const filter: AuditFilter = {};
  const forPatient = patient ?? state.patient;
  if (forPatient) filter.patient = forPatient;
  if (state.actor) filter.actor = state.actor;
  if (state.kinds.length) filter.kinds = state.kinds;
  if (state.outcomes.length) filter.outcomes = state.outcomes;
  if (state.purposes.length) filter.purposes = state.purposes;
  if (state.from) filter.from = `${state.from}T00:00:00.000Z`;
  if (state.to) filter.to = new Date(Date.parse(`${state.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return filter;
}

/** The query string for the same filters (and optionally a page cursor), for links. */
export function timelineQuery(state: TimelineFilterState, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const kind of state.kinds) query.append("kind", kind);
  for (const outcome of state.outcomes) query.append("outcome", outcome);
  for (const purpose of state.purposes) query.append("purpose", purpose);
  for (const name of ["actor", "patient", "from", "to"] as const) if (state[name]) query.set(name, state[name]);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The API's export routes take comma lists: ?kinds=GRANT,DENIAL&from=ISO. */
export function exportQuery(filter: AuditFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value == null) continue; // an unset field: undefined, or null (the SDL allows either)
    query.set(name, Array.isArray(value) ? value.join(",") : value);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function isFiltered(state: TimelineFilterState): boolean {
  return Boolean(state.kinds.length || state.outcomes.length || state.purposes.length || state.actor || state.patient || state.from || state.to);
}
