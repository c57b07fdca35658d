// The IHE Basic Audit Log Patterns (BALP 1.1.4, https://profiles.ihe.net/ITI/BALP) profiles CareTrail claims, written
// out as checks from the IG's FSH sources (the IG's package is not on the npm registry), plus the bundle rules that
// an audit repository relies on: bdl-1, fullUrls, and references that resolve to an entry of the stated type.
import { Fhir } from "fhir";

export const BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";
const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
const RESTFUL = "http://hl7.org/fhir/restful-interaction";

type Json = any;
export type Problem = { path: string; message: string };
type Coding = { system?: string; code?: string };

const fhir = new Fhir();

/** Base R4 (structure, cardinality and value sets the `fhir` package knows): error messages only. */
export function r4Errors(resource: Json): Problem[] {
  const result = fhir.validate(resource);
  return result.messages
    .filter((message: { severity?: string }) => (message.severity ?? "error").toLowerCase() === "error")
    .map((message: { location?: string; message?: string }) => ({ path: message.location ?? "", message: message.message ?? "" }));
}

const is = (coding: Coding | undefined, system: string, code: string) => coding?.system === system && coding?.code === code;
const conceptHas = (concept: { coding?: Coding[] } | undefined, system: string, code: string) => (concept?.coding ?? []).some((c) => is(c, system, code));

/** Checks every entry and every reference of a bundle, and each AuditEvent against the BALP profiles it claims. */
export function bundleProblems(bundle: Json, expected: { auditEventProfiles?: "claimed" | "legacy" } = {}): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (bundle.total !== undefined && bundle.type !== "searchset" && bundle.type !== "history") add("Bundle.total", "bdl-1: total only when a search or history");
  const byUrl = new Map<string, Json>();
  (bundle.entry ?? []).forEach((entry: Json, index: number) => {
    if (!entry.fullUrl) add(`Bundle.entry[${index}]`, "entry has no fullUrl");
    else if (byUrl.has(entry.fullUrl)) add(`Bundle.entry[${index}]`, `fullUrl ${entry.fullUrl} appears twice`);
    else byUrl.set(entry.fullUrl, entry.resource);
  });
  const resolve = (reference: Json): Json | undefined => (typeof reference?.reference === "string" ? byUrl.get(reference.reference) : undefined);
  (bundle.entry ?? []).forEach((entry: Json, index: number) => {
    const resource = entry.resource;
    for (const { path, value } of references(resource, `${resource.resourceType}`)) {
      const target = resolve(value);
      if (!value.reference) add(`entry[${index}].${path}`, "reference has no `reference`: it does not resolve");
      else if (!target) add(`entry[${index}].${path}`, `reference ${value.reference} does not resolve in the bundle`);
      else if (value.type && value.type !== target.resourceType)
        add(`entry[${index}].${path}`, `reference type ${value.type} but resolves to ${target.resourceType}`);
      if (!value.type) add(`entry[${index}].${path}`, "reference has no type");
    }
    if (resource.resourceType === "AuditEvent") {
      const claimed: string[] = expected.auditEventProfiles === "legacy" ? legacyProfiles(resource) : (resource.meta?.profile ?? []);
      for (const problem of auditEventProblems(resource, claimed, resolve)) add(`entry[${index}].${problem.path}`, problem.message);
    }
  });
  return problems;
}

/** Exports written before profiles were claimed: their read subtype meant PatientRead, search-type PatientQuery. */
function legacyProfiles(event: Json): string[] {
  const code = event.subtype?.[0]?.code;
  return code === "read" ? [`${BALP}PatientRead`] : code === "search-type" ? [`${BALP}PatientQuery`] : [];
}

function* references(value: Json, path: string): Generator<{ path: string; value: Json }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* references(item, `${path}[${index}]`);
    return;
  }
  if (!value || typeof value !== "object") return;
  // A Reference: has reference or (identifier and no other structure that a Reference cannot have).
  const isReference =
    typeof value.reference === "string" || ("identifier" in value && Object.keys(value).every((key) => ["identifier", "display", "type"].includes(key)));
  if (isReference && path !== "") {
    yield { path, value };
    return;
  }
  for (const [key, child] of Object.entries(value)) if (key !== "contained") yield* references(child, `${path}.${key}`);
}

export function auditEventProblems(event: Json, profiles: string[], resolve: (reference: Json) => Json | undefined): Problem[] {
  const problems: Problem[] = [];
  const known: Record<string, (add: (path: string, message: string) => void) => void> = {
    [`${BALP}Read`]: (add) => restful(event, add, "read"),
    [`${BALP}PatientRead`]: (add) => {
      restful(event, add, "read");
      patientEntity(event, add, resolve, 2);
    },
    [`${BALP}Query`]: (add) => restful(event, add, "query"),
    [`${BALP}PatientQuery`]: (add) => {
      restful(event, add, "query");
      patientEntity(event, add, resolve, 1);
    },
    [`${BALP}AuthZconsent`]: (add) => authZconsent(event, add, resolve),
  };
  for (const profile of profiles) {
    const check = known[profile];
    const add = (path: string, message: string) => problems.push({ path, message: `${profile.replace(BALP, "")}: ${message}` });
    if (!check) add("meta.profile", `claims a profile these checks do not know: ${profile}`);
    else check(add);
  }
  return problems;
}

type Add = (path: string, message: string) => void;

function slice<T extends Json>(items: T[] | undefined, match: (item: T) => boolean): T[] {
  return (items ?? []).filter(match);
}

function count(add: Add, path: string, found: unknown[], min: number, max: number): void {
  if (found.length < min || found.length > max) add(path, `${found.length} found, needs ${min}..${max === Infinity ? "*" : max}`);
}

function absent(add: Add, path: string, element: Json, fields: string[]): void {
  for (const field of fields) if (element?.[field] !== undefined) add(`${path}.${field}`, "must be absent (0..0)");
}

/** Read (IHE.BasicAudit.Read) and Query (IHE.BasicAudit.Query): successful RESTful reads and searches. */
function restful(event: Json, add: Add, kind: "read" | "query"): void {
  if (!is(event.type, "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest")) add("type", "must be audit-event-type#rest");
  const codes = kind === "read" ? ["read", "vread"] : ["search", "search-type", "search-system"];
  count(
    add,
    "subtype",
    slice(event.subtype, (c: Coding) => c.system === RESTFUL && codes.includes(c.code ?? "")),
    1,
    1,
  );
  if (event.action !== (kind === "read" ? "R" : "E")) add("action", `must be ${kind === "read" ? "R" : "E"}`);
  if (!event.recorded) add("recorded", "required");
  if (event.outcome !== "0") add("outcome", "must be 0 (success)");
  count(add, "agent", event.agent ?? [], 2, Infinity);
  // DICOM's pattern: for a read the client is the Destination (110152), for a query the Source (110153).
  const [clientCode, serverCode] = kind === "read" ? ["110152", "110153"] : ["110153", "110152"];
  for (const [name, code] of [
    ["client", clientCode],
    ["server", serverCode],
  ] as const) {
    const agents = slice(event.agent, (agent: Json) => conceptHas(agent.type, DCM, code));
    count(add, `agent[${name}]`, agents, 1, 1);
    for (const agent of agents) {
      if (!agent.who) add(`agent[${name}].who`, "required");
      if (!agent.network?.address) add(`agent[${name}].network`, "required (1..1)");
      absent(add, `agent[${name}]`, agent, ["media"]);
    }
  }
  const users = slice(event.agent, (agent: Json) => conceptHas(agent.type, PARTICIPATION, "IRCP"));
  count(add, "agent[user]", users, 0, 1);
  for (const user of users) {
    if (!user.who) add("agent[user].who", "required");
    if (user.requestor !== true) add("agent[user].requestor", "must be true");
    absent(add, "agent[user]", user, ["media", "network"]);
  }
  count(add, "entity", event.entity ?? [], 1, Infinity);
  const transactions = slice(event.entity, (entity: Json) =>
    is(entity.type, "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType", "XrequestId"),
  );
  count(add, "entity[transaction]", transactions, 0, 1);
  for (const transaction of transactions) if (!transaction.what?.identifier?.value) add("entity[transaction].what.identifier.value", "required");
  if (kind === "read") {
    const data = slice(event.entity, (entity: Json) => is(entity.type, ENTITY_TYPE, "2"));
    count(add, "entity[data]", data, 1, 1);
    for (const entity of data) {
      if (!["4", "3", "20"].some((code) => is(entity.role, OBJECT_ROLE, code))) add("entity[data].role", "must be object-role 4, 3 or 20 (RestObjectRoles)");
      if (!entity.what) add("entity[data].what", "required");
    }
  } else {
    const queries = slice(event.entity, (entity: Json) => is(entity.type, ENTITY_TYPE, "2"));
    count(add, "entity[query]", queries, 1, 1);
    for (const entity of queries) {
      if (!is(entity.role, OBJECT_ROLE, "24")) add("entity[query].role", "must be object-role#24 (Query)");
      if (!entity.query) add("entity[query].query", "required");
      absent(add, "entity[query]", entity, ["what", "lifecycle", "detail"]);
    }
  }
}

/** entity[patient]: Person / Patient role, what only Reference(Patient). */
function patientEntity(event: Json, add: Add, resolve: (reference: Json) => Json | undefined, minEntities: number): void {
  count(add, "entity", event.entity ?? [], minEntities, Infinity);
  const patients = slice(event.entity, (entity: Json) => is(entity.type, ENTITY_TYPE, "1"));
  count(add, "entity[patient]", patients, 1, 1);
  for (const entity of patients) {
    if (!is(entity.role, OBJECT_ROLE, "1")) add("entity[patient].role", "must be object-role#1 (Patient)");
    if (!entity.what) add("entity[patient].what", "required");
    else if (!referencesType(entity.what, "Patient", resolve)) add("entity[patient].what", "must be a Reference(Patient)");
  }
}

function referencesType(reference: Json, type: string, resolve: (reference: Json) => Json | undefined): boolean {
  const target = resolve(reference);
  if (target) return target.resourceType === type;
  return reference.type === type || (typeof reference.reference === "string" && reference.reference.startsWith(`${type}/`));
}

/** IHE.BasicAudit.AuthZconsent: a permit or deny decided on a patient's consent. */
function authZconsent(event: Json, add: Add, resolve: (reference: Json) => Json | undefined): void {
  absent(add, "", event, ["modifierExtension"]);
  if (!is(event.type, DCM, "110113")) add("type", "must be DCM#110113 (Security Alert)");
  count(add, "subtype", event.subtype ?? [], 1, Infinity);
  for (const coding of event.subtype ?? [])
    if (coding.system !== "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType") add("subtype", "must come from AuthZsubTypeVS");
  if (event.action !== "E") add("action", "must be E");
  if (!event.recorded) add("recorded", "required");
  if (!event.outcome) add("outcome", "required");
  count(add, "agent", event.agent ?? [], 2, Infinity);
  const agent = (name: string, system: string, code: string, min: number) => {
    const found = slice(event.agent, (a: Json) => conceptHas(a.type, system, code));
    count(add, `agent[${name}]`, found, min, 1);
    for (const a of found) if (!a.who) add(`agent[${name}].who`, "required");
    return found;
  };
  for (const client of agent("client", DCM, "110150", 1)) {
    if (!client.network?.address) add("agent[client].network", "required (1..1)");
    absent(add, "agent[client]", client, ["role", "altId", "name", "location", "media", "purposeOfUse"]);
  }
  for (const user of agent("user", PARTICIPATION, "IRCP", 1)) {
    if (user.requestor !== true) add("agent[user].requestor", "must be true");
    absent(add, "agent[user]", user, ["altId", "location", "media", "network"]);
  }
  for (const userorg of agent("userorg", "http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", 1)) {
    if (userorg.requestor !== false) add("agent[userorg].requestor", "must be false");
    absent(add, "agent[userorg]", userorg, ["role", "altId", "name", "location", "policy", "media", "network"]);
  }
  for (const authorizer of agent("authorizer", "http://terminology.hl7.org/CodeSystem/extra-security-role-type", "authserver", 1)) {
    if (authorizer.requestor !== false) add("agent[authorizer].requestor", "must be false");
    if (JSON.stringify(authorizer.who) !== JSON.stringify(event.source?.observer)) add("agent[authorizer].who", "val-audit-source: must equal source.observer");
    absent(add, "agent[authorizer]", authorizer, ["role", "altId", "name", "location", "policy", "media", "network", "purposeOfUse"]);
  }
  count(add, "entity", event.entity ?? [], 2, Infinity);
  const isPatient = (e: Json) => is(e.type, ENTITY_TYPE, "1");
  const isConsent = (e: Json) => is(e.type, "http://hl7.org/fhir/resource-types", "Consent");
  const isToken = (e: Json) => is(e.type, "https://profiles.ihe.net/ITI/BALP/CodeSystem/UserAgentTypes", "UserOauthAgent");
  for (const entity of event.entity ?? [])
    if (!isPatient(entity) && !isConsent(entity) && !isToken(entity)) add("entity", "slicing is closed: only patient, consent and token entities");
  const patients = slice(event.entity, isPatient);
  count(add, "entity[patient]", patients, 1, 1);
  for (const entity of patients) {
    if (!is(entity.role, OBJECT_ROLE, "1")) add("entity[patient].role", "must be object-role#1 (Patient)");
    if (!entity.what || !referencesType(entity.what, "Patient", resolve)) add("entity[patient].what", "must be a Reference(Patient)");
  }
  const consents = slice(event.entity, isConsent);
  count(add, "entity[consent]", consents, 1, Infinity);
  for (const entity of consents) if (!entity.what) add("entity[consent].what", "required");
  for (const entity of slice(event.entity, isToken)) if (!entity.what?.identifier?.value) add("entity[token].what.identifier.value", "required");
}
