// An independent projection of CareTrail's logs: what every indexer table must contain, computed from
// eth_getLogs and the ABI alone. It shares no code with the handlers, so a handler bug shows as a diff.
import { Interface, type JsonRpcProvider, type Log, type LogDescription } from "ethers";
import type { Sql } from "../../src/sql.ts";
import { careTrailAbi } from "@caretrail/sdk";

type Row = Record<string, string | number | boolean | null>;
export type Projection = Map<string, Map<string, Row>>;

const ROLES = ["None", "Patient", "Provider", "Insurer", "Auditor", "Researcher"];
const PURPOSES = ["None", "Treatment", "Payment", "Research", "Emergency"];
const DENIALS = [
  "None",
  "Unregistered",
  "PatientNotEnrolled",
  "NoConsent",
  "ConsentRevoked",
  "ConsentExpired",
  "PurposeNotGranted",
  "CategoryNotInScope",
  "ProviderSuspended",
  "RecordNotFound",
  "NotAProvider",
  "ConsentReplaced",
];
const ZERO = "0x" + "0".repeat(64);
const LOG_RANGE_BLOCKS = 5;

const careTrail = new Interface(careTrailAbi);
const GRANT_BY_SIGNATURE = careTrail.getFunction("grantConsentBySig")!.selector;

/** Every table and row the indexer must hold for the logs of `address` up to `toBlock`. */
export async function projectLogs(provider: JsonRpcProvider, address: string, fromBlock: number, toBlock: number): Promise<Projection> {
  const logs = await fetchLogs(provider, address, fromBlock, toBlock);
  const timestamps = new Map<number, number>();
  for (const blockNumber of new Set(logs.map((log) => log.blockNumber))) {
    timestamps.set(blockNumber, (await provider.getBlock(blockNumber))!.timestamp);
  }
  /** Per transaction: whether it is a direct call of grantConsentBySig on the contract. */
  const signedGrants = new Map<string, boolean>();
  const tables: Projection = new Map();
  const put = (table: string, id: string, row: Row) => {
    if (!tables.has(table)) tables.set(table, new Map());
    tables.get(table)!.set(id, { id, ...row });
  };
  const get = (table: string, id: string) => tables.get(table)?.get(id);
  /** logRead refuses these tickets from this event on: the grantee's unexpired, unvoided ones (for one patient). */
  const voidTickets = (
    grantee: string,
    patient: string | null,
    includeEmergency: boolean,
    reason: string,
    eventId: string,
    block: string,
    timestamp: string,
  ) => {
    const seconds = Date.parse(timestamp) / 1000;
    for (const [ticketId, ticket] of tables.get("access_tickets") ?? []) {
      if (ticket.grantee !== grantee || ticket.voided || Number(ticket.expires_at) <= seconds) continue;
      if (patient !== null && ticket.patient !== patient) continue;
      if (!includeEmergency && ticket.emergency) continue;
      put("access_tickets", ticketId, { ...ticket, voided: true, void_reason: reason, voided_at_block: block, voided_at: timestamp, voided_by_event: eventId });
    }
  };

  for (const log of logs) {
    const event = careTrail.parseLog(log)!;
    const a = (name: string) => event.args.getValue(name);
    const lower = (name: string) => String(a(name)).toLowerCase();
    const num = (name: string) => Number(a(name));
    const id = `${log.transactionHash}-${log.index}`;
    const at = {
      block_number: String(log.blockNumber),
      block_timestamp: iso(timestamps.get(log.blockNumber)!),
      tx_hash: log.transactionHash,
      log_index: log.index,
    };
    const block = String(log.blockNumber);
    const account = (address: string, changes: Row) =>
      put("accounts", address, { role: "None", encryption_key: null, ...get("accounts", address), ...changes, updated_at_block: block });

    switch (event.name) {
      case "PatientEnrolled":
        put("patient_enrolled_events", id, { patient: lower("patient"), encryption_key: a("encryptionKey"), ...at });
        put("patients", lower("patient"), { encryption_key: a("encryptionKey"), enrolled_at_block: block, enrolled_at: at.block_timestamp });
        account(lower("patient"), { role: "Patient", encryption_key: a("encryptionKey") });
        break;
      case "ProviderCredentialed":
        put("provider_credentialed_events", id, {
          provider: lower("provider"),
          license_hash: a("licenseHash"),
          specialty: num("specialty"),
          by: lower("by"),
          ...at,
        });
        put("providers", lower("provider"), {
          status: "Active",
          license_hash: a("licenseHash"),
          specialty: num("specialty"),
          credentialed_by: lower("by"),
          credentialed_at_block: block,
          suspension_reason_code: null,
          status_changed_at_block: block,
          status_changed_at: at.block_timestamp,
        });
        account(lower("provider"), { role: "Provider" });
        break;
      case "ProviderSuspended":
        put("provider_suspended_events", id, { provider: lower("provider"), reason_code: num("reasonCode"), by: lower("by"), ...at });
        put("providers", lower("provider"), {
          ...get("providers", lower("provider")),
          status: "Suspended",
          suspension_reason_code: num("reasonCode"),
          status_changed_at_block: block,
          status_changed_at: at.block_timestamp,
        });
        voidTickets(lower("provider"), null, true, "ProviderSuspended", id, block, at.block_timestamp);
        break;
      case "ProviderReinstated":
        put("provider_reinstated_events", id, { provider: lower("provider"), by: lower("by"), ...at });
        put("providers", lower("provider"), {
          ...get("providers", lower("provider")),
          status: "Active",
          suspension_reason_code: null,
          status_changed_at_block: block,
          status_changed_at: at.block_timestamp,
        });
        break;
      case "ThirdPartyRegistered":
        put("third_party_registered_events", id, { party: lower("party"), role: ROLES[num("role")]!, by: lower("by"), ...at });
        put("third_parties", lower("party"), {
          role: ROLES[num("role")]!,
          registered: true,
          registered_by: lower("by"),
          registered_at_block: block,
          removed_at_block: null,
        });
        account(lower("party"), { role: ROLES[num("role")]! });
        break;
      case "ThirdPartyRemoved":
        put("third_party_removed_events", id, { party: lower("party"), role: ROLES[num("role")]!, by: lower("by"), ...at });
        put("third_parties", lower("party"), { ...get("third_parties", lower("party")), registered: false, removed_at_block: block });
        account(lower("party"), { role: "None" });
        voidTickets(lower("party"), null, true, "ThirdPartyRemoved", id, block, at.block_timestamp);
        break;
      case "EncryptionKeySet":
        put("encryption_key_set_events", id, { account: lower("account"), encryption_key: a("encryptionKey"), ...at });
        account(lower("account"), { encryption_key: a("encryptionKey") });
        if (get("patients", lower("account"))) put("patients", lower("account"), { ...get("patients", lower("account")), encryption_key: a("encryptionKey") });
        break;
      case "ConsentGranted":
      case "ConsentRevoked": {
        const patient = lower("patient");
        const grantee = lower("grantee");
        const consentId = `${patient}-${grantee}`;
        const granted = event.name === "ConsentGranted";
        const terms = granted
          ? { scope: num("scope"), purpose: PURPOSES[num("purpose")]!, expires_at: String(a("expiresAt")) }
          : { scope: get("consents", consentId)!.scope!, purpose: get("consents", consentId)!.purpose!, expires_at: get("consents", consentId)!.expires_at! };
        if (granted) put("consent_granted_events", id, { patient, grantee, ...terms, version: num("version"), ...at });
        else put("consent_revoked_events", id, { patient, grantee, version: num("version"), ...at });
        put("consents", consentId, {
          patient_id: patient,
          grantee,
          ...terms,
          version: num("version"),
          active: granted,
          updated_at_block: block,
          updated_at: at.block_timestamp,
        });
        if (!signedGrants.has(log.transactionHash)) {
          const tx = (await provider.getTransaction(log.transactionHash))!;
          signedGrants.set(log.transactionHash, tx.to?.toLowerCase() === address.toLowerCase() && tx.data.slice(0, 10) === GRANT_BY_SIGNATURE);
        }
        put("consent_versions", `${consentId}-${num("version")}`, {
          consent_id: consentId,
          patient,
          grantee,
          version: num("version"),
          action: granted ? "Granted" : "Revoked",
          ...terms,
          active: granted,
          via_signature: granted && signedGrants.get(log.transactionHash)!,
          block_number: at.block_number,
          block_timestamp: at.block_timestamp,
          tx_hash: at.tx_hash,
          log_index: at.log_index,
        });
        voidTickets(grantee, patient, false, granted ? "ConsentReplaced" : "ConsentRevoked", id, block, at.block_timestamp);
        break;
      }
      case "RecordAppended": {
        const recordId = String(a("recordId"));
        const supersedes = String(a("supersedes"));
        const previous = supersedes === ZERO ? undefined : get("record_versions", supersedes);
        const rootId = previous ? String(previous.record_id) : recordId;
        const version = previous ? Number(previous.version) + 1 : 1;
        const document = {
          patient: lower("patient"),
          author: lower("author"),
          category: num("category"),
          content_hash: a("contentHash"),
          content_id: a("contentId"),
          fields_root: a("fieldsRoot"),
          signature: a("signature"),
        };
        put("record_appended_events", id, { record_id: recordId, ...document, supersedes, ...at });
        put("record_versions", recordId, {
          record_id: rootId,
          ...document,
          version,
          supersedes_id: previous ? supersedes : null,
          superseded_by_id: null,
          block_number: at.block_number,
          block_timestamp: at.block_timestamp,
          tx_hash: at.tx_hash,
          log_index: at.log_index,
        });
        const record = get("records", rootId);
        put("records", rootId, {
          patient_id: lower("patient"),
          created_at_block: block,
          ...record,
          category: num("category"),
          latest_id: recordId,
          version_count: version,
          updated_at_block: block,
        });
        if (previous) put("record_versions", supersedes, { ...previous, superseded_by_id: recordId });
        break;
      }
      case "RecordAmended":
        put("record_amended_events", id, { previous_id: a("previousId"), record_id: a("recordId"), author: lower("author"), ...at });
        break;
      case "RoleGranted":
      case "RoleRevoked": {
        const granted = event.name === "RoleGranted";
        put(granted ? "role_granted_events" : "role_revoked_events", id, { role: a("role"), account: lower("account"), sender: lower("sender"), ...at });
        const memberId = `${a("role")}-${lower("account")}`;
        const member = get("role_members", memberId);
        if (granted)
          put("role_members", memberId, { role: a("role"), account: lower("account"), active: true, granted_at_block: block, updated_at_block: block });
        else if (member) put("role_members", memberId, { ...member, active: false, updated_at_block: block });
        break;
      }
      case "RoleAdminChanged":
        put("role_admin_changed_events", id, { role: a("role"), previous_admin_role: a("previousAdminRole"), new_admin_role: a("newAdminRole"), ...at });
        break;
      case "EIP712DomainChanged":
        put("eip712_domain_changed_events", id, at);
        break;
      default:
        projectAccess(event, id, at, log.transactionHash, log.index, { put, get });
    }
  }
  return tables;
}

type Tables = { put: (table: string, id: string, row: Row) => void; get: (table: string, id: string) => Row | undefined };

function projectAccess(event: LogDescription, id: string, at: Row & { block_timestamp: string }, txHash: string, logIndex: number, { put, get }: Tables): void {
  const a = (name: string) => event.args.getValue(name);
  const lower = (name: string) => String(a(name)).toLowerCase();
  const requestId = `${txHash}-${logIndex - 1}`;
  const base = {
    category: null,
    record_id: null,
    ticket_id: null,
    denial_reason: null,
    emergency_reason_code: null,
    expires_at: null,
    request_id: null,
  } as Row;
  let row: Row;
  let terms: Row = {};
  switch (event.name) {
    case "AccessRequested":
      row = {
        ...base,
        kind: "Request",
        outcome: "Requested",
        actor: lower("requester"),
        purpose: PURPOSES[Number(a("purpose"))]!,
        category: Number(a("category")),
        record_id: nonZero(a("recordId")),
      };
      break;
    case "AccessGranted":
      terms = { nonce: String(a("nonce")), consent_version: Number(a("consentVersion")) };
      row = {
        ...base,
        kind: "Grant",
        outcome: "Granted",
        actor: lower("requester"),
        purpose: PURPOSES[Number(a("purpose"))]!,
        category: Number(a("category")),
        record_id: nonZero(a("recordId")),
        ticket_id: a("ticketId"),
        expires_at: String(a("expiresAt")),
        request_id: requestId,
      };
      break;
    case "AccessDenied":
      row = {
        ...base,
        kind: "Denial",
        outcome: "Denied",
        actor: lower("requester"),
        purpose: PURPOSES[Number(a("purpose"))]!,
        category: Number(a("category")),
        record_id: nonZero(a("recordId")),
        denial_reason: DENIALS[Number(a("reason"))]!,
        request_id: requestId,
      };
      break;
    case "EmergencyAccessGranted":
      terms = { nonce: String(a("nonce")), consent_version: 0 };
      row = {
        ...base,
        kind: "Emergency",
        outcome: "Granted",
        actor: lower("provider"),
        purpose: "Emergency",
        category: 255,
        ticket_id: a("ticketId"),
        emergency_reason_code: Number(a("reasonCode")),
        expires_at: String(a("expiresAt")),
        request_id: requestId,
      };
      break;
    case "RecordRead": {
      const ticket = get("access_tickets", a("ticketId"));
      row = {
        ...base,
        kind: "Read",
        outcome: "Granted",
        actor: lower("reader"),
        purpose: ticket ? ticket.purpose! : "None",
        category: get("record_versions", a("recordId"))?.category ?? null,
        record_id: nonZero(a("recordId")),
        ticket_id: a("ticketId"),
      };
      break;
    }
    default:
      throw new Error(`The projection does not know event ${event.name}: add it here and to the indexer.`);
  }
  const day = at.block_timestamp.slice(0, 10);
  const actorRole = get("accounts", String(row.actor))?.role ?? "None";
  put("access_events", id, { ...row, patient_id: lower("patient"), actor_role: actorRole, day: `${day}T00:00:00.000Z`, ...at });
  if (row.ticket_id && row.kind !== "Read") {
    put("access_tickets", String(row.ticket_id), {
      patient: lower("patient"),
      grantee: row.actor!,
      record_id: row.record_id!,
      category: row.category!,
      purpose: row.purpose!,
      emergency: row.kind === "Emergency",
      expires_at: row.expires_at!,
      ...terms,
      voided: false,
      void_reason: null,
      voided_at_block: null,
      voided_at: null,
      voided_by_event: null,
      issued_by_id: id,
    });
  }
}

/**
 * eth_getLogs in ranges of a few blocks: a Hardhat node answers one call over thousands of logs in
 * tens of seconds (its cost grows faster than the number of logs), a few blocks at a time in ms.
 */
export async function fetchLogs(provider: JsonRpcProvider, address: string, fromBlock: number, toBlock: number): Promise<Log[]> {
  const logs: Log[] = [];
  for (let from = fromBlock; from <= toBlock; from += LOG_RANGE_BLOCKS) {
    logs.push(...(await provider.getLogs({ address, fromBlock: from, toBlock: Math.min(from + LOG_RANGE_BLOCKS - 1, toBlock) })));
  }
  return logs;
}

function nonZero(id: string): string | null {
  return id === ZERO ? null : id;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** The current rows of `table` (SubQuery keeps superseded versions with a closed _block_range), in the projection's shape. */
/** The current rows of a table, or with `atHeight` the rows as they were at that height (historical state). */
export async function readTable(sql: Sql, dbSchema: string, table: string, columns: string[], atHeight?: number): Promise<Map<string, Row>> {
  const rows = await sql.unsafe(
    `select ${columns.map((column) => `"${column}"`).join(", ")} from "${dbSchema}"."${table}" where ` +
      (atHeight === undefined ? "upper_inf(_block_range)" : "_block_range @> $1::bigint"),
    atHeight === undefined ? [] : [atHeight],
  );
  return new Map(rows.map((row) => [String(row.id), Object.fromEntries(Object.entries(row).map(([key, value]) => [key, normalise(value)]))]));
}

function normalise(value: unknown): Row[string] {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as Row[string];
}

/** Every event table the indexer writes: used to count rows in the restart and reorg tests. */
export const EVENT_TABLES = [
  "access_events",
  "patient_enrolled_events",
  "provider_credentialed_events",
  "provider_suspended_events",
  "provider_reinstated_events",
  "third_party_registered_events",
  "third_party_removed_events",
  "encryption_key_set_events",
  "consent_granted_events",
  "consent_revoked_events",
  "record_appended_events",
  "record_amended_events",
  "role_granted_events",
  "role_revoked_events",
  "role_admin_changed_events",
  "eip712_domain_changed_events",
];
