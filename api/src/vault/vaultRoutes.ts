import { GraphQLError } from "graphql";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { contentHashOf, contentIdOf, contentIdToString, type AccessTicket, type WrappedKey } from "@caretrail/sdk";
import type { Viewer } from "../auth/loadViewer.js";
import type { Projection } from "../db.js";
import { readRecordVersion } from "../data/records.js";
import { createVaultStore } from "./vaultStore.js";
import { currentRecipientKeys } from "./currentRecipients.js";
import { sendError } from "../errors.js";
import { findLiveTicket } from "./findLiveTicket.js";
import { ReadRefusedError } from "./logReadOnChain.js";

/** A release about to happen: the vault records it on-chain (CareTrail.logRead) before handing anything out. */
export type VaultRelease = { ticket: AccessTicket; recordId: string };

export type VaultOptions = {
  dir: string;
  maxBlobBytes?: number;
  /**
   * Logs the read on-chain, where logRead re-checks the ticket against the state of this block; when it throws,
   * nothing is released (ReadRefusedError: refused like any other refusal; anything else: 503). Without it,
   * releases are neither re-checked nor audited on-chain.
   */
  recordRelease?: (release: VaultRelease) => Promise<void>;
};

/** The most wrapped keys one upload may carry; a record keeps at most one per current reader. */
export const MAX_WRAPPED_KEYS = 256;

type VaultRouteOptions = VaultOptions & { projection: Projection; viewerFromToken: (authorization: unknown) => Promise<Viewer | undefined> };

const RECORD_ID = /^0x[0-9a-f]{64}$/;

/**
 * PUT /vault/:recordId  {ciphertext: base64, wrappedKeys: WrappedKey[]}: only the record's on-chain author, only bytes
 * whose sha-256 and CID match the record.
 * GET /vault/:recordId?ticket=0x..: only with a live on-chain access ticket for this caller and this record.
 */
export function vaultRoutes({ dir, maxBlobBytes = 25 * 1024 * 1024, recordRelease, projection, viewerFromToken }: VaultRouteOptions): Router {
  const store = createVaultStore(dir);
  const router = express.Router();

  // A database outage is not a sign-in problem: it is rethrown, and server.ts answers it with 503.
  const sessionOf = (authorization: unknown) =>
    viewerFromToken(authorization).catch((error: unknown) => {
      if (error instanceof GraphQLError && error.extensions.code === "SERVICE_UNAVAILABLE") throw error;
      return undefined;
    });

  async function signedIn(authorization: unknown, res: Response): Promise<Viewer | undefined> {
    const viewer = await sessionOf(authorization);
    if (!viewer) sendError(res, "UNAUTHENTICATED", "Sign in first (POST /auth/nonce, POST /auth/verify) and send Authorization: Bearer <token>.");
    return viewer;
  }

  const refuse = (res: Response) =>
    sendError(res, "FORBIDDEN", "Request access on-chain (requestRecordAccess) and pass the AccessGranted ticket id as ?ticket= while it is live.");

  /** The session is checked before a byte of the body is read: a signed-out upload is answered and its connection closed. */
  const requireSession = async (req: Request, res: Response, next: NextFunction) => {
    const viewer = await sessionOf(req.headers.authorization);
    if (!viewer) {
      res.set("Connection", "close");
      sendError(res, "UNAUTHENTICATED", "Sign in first (POST /auth/nonce, POST /auth/verify) and send Authorization: Bearer <token>.");
      return;
    }
    res.locals.viewer = viewer;
    next();
  };
  const parseUpload = express.json({ limit: Math.ceil(maxBlobBytes * 1.4) });
  const uploadBodyErrors = (error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === "entity.too.large") {
      res.set("Connection", "close");
      sendError(res, "PAYLOAD_TOO_LARGE", `Upload at most ${maxBlobBytes} bytes of ciphertext (base64 in JSON).`);
      return;
    }
    if (error.status === 400) {
      sendError(res, "BAD_USER_INPUT", 'The body is not valid JSON: send {"ciphertext": <base64>, "wrappedKeys": [...]}.');
      return;
    }
    next(error);
  };

  router.put("/:recordId", requireSession, parseUpload, uploadBodyErrors, async (req: Request, res: Response) => {
    const recordId = String(req.params.recordId).toLowerCase();
    const viewer = res.locals.viewer as Viewer;
    if (!RECORD_ID.test(recordId)) {
      sendError(res, "BAD_USER_INPUT", "The record id must be 0x followed by 64 hex digits.");
      return;
    }
    const { ciphertext, wrappedKeys } = (req.body ?? {}) as { ciphertext?: unknown; wrappedKeys?: unknown };
    if (typeof ciphertext !== "string" || !Array.isArray(wrappedKeys) || !wrappedKeys.every(isWrappedKey)) {
      sendError(res, "BAD_USER_INPUT", 'Send JSON {"ciphertext": <base64>, "wrappedKeys": [<WrappedKey from @caretrail/sdk wrapDataKey>]}.');
      return;
    }
    if (wrappedKeys.length > MAX_WRAPPED_KEYS) {
      sendError(res, "BAD_USER_INPUT", `Send at most ${MAX_WRAPPED_KEYS} wrapped keys: one for the patient and one per current grantee.`);
      return;
    }
    const record = await readRecordVersion(projection, recordId);
    if (!record) {
      sendError(res, "NOT_FOUND", `Record ${recordId} is not indexed yet: append it on-chain, wait for the indexer, then upload.`);
      return;
    }
    if (record.author !== viewer.address) {
      sendError(res, "FORBIDDEN", "Only the record's author may upload its content.");
      return;
    }
    const bytes = new Uint8Array(Buffer.from(ciphertext, "base64"));
    if (contentHashOf(bytes) !== record.content_hash || contentIdOf(bytes) !== record.content_id) {
      sendError(
        res,
        "BAD_USER_INPUT",
        "These bytes do not match the record's on-chain content hash and CID: upload exactly the ciphertext whose hash was signed.",
      );
      return;
    }
    const cid = await store.putCiphertext(bytes);
    // Merged, not replaced: an upload adds or refreshes keys, and only current readers' keys are kept.
    const allowed = await currentRecipientKeys(projection, { patient: record.patient, category: record.category });
    const kept = mergeWrappedKeys(await store.getWrappedKeys(recordId), wrappedKeys, allowed);
    await store.putWrappedKeys(recordId, kept);
    res.status(201).json({ recordId, contentId: cid, bytes: bytes.length, wrappedKeys: kept.length });
  });

  router.get("/:recordId", async (req, res) => {
    const recordId = req.params.recordId.toLowerCase();
    const viewer = await signedIn(req.headers.authorization, res);
    if (!viewer) return;
    const ticketId = typeof req.query.ticket === "string" ? req.query.ticket.toLowerCase() : undefined;
    const record = RECORD_ID.test(recordId) ? await readRecordVersion(projection, recordId) : undefined;
    const ticket =
      record && ticketId
        ? await findLiveTicket(projection, { ticketId, grantee: viewer.address, record: { id: record.id, patient: record.patient, category: record.category } })
        : undefined;
    const cid = record && contentIdToString(record.content_id as `0x${string}`);
    // One answer for every refusal: no ticket, someone else's ticket, an expired or voided one, an unknown record,
    // no blob, and the chain refusing the read (revoked, replaced, suspended, removed, window closed).
    if (!record || !ticket || !cid || !(await store.hasCiphertext(cid))) {
      refuse(res);
      return;
    }
    const ciphertext = await store.getCiphertext(cid);
    const wrappedKeys = await store.getWrappedKeys(recordId);
    try {
      await recordRelease?.({ ticket: ticket.terms, recordId });
    } catch (error) {
      if (error instanceof ReadRefusedError) {
        refuse(res);
        return;
      }
      console.error(`vault: logging the read of ${recordId} on-chain failed: ${(error as Error).message}`);
      sendError(res, "READ_NOT_LOGGED", "The vault could not record this read on-chain, so it released nothing; retry shortly.");
      return;
    }
    const wrappedKey = ticket.granteeKey ? (wrappedKeys.find((key) => key.recipient.toLowerCase() === ticket.granteeKey) ?? null) : null;
    res.json({
      recordId,
      contentId: cid,
      ciphertext: Buffer.from(ciphertext).toString("base64"),
      wrappedKey,
      ticket: { id: ticket.id, expiresAt: ticket.expiresAt.toISOString(), emergency: ticket.emergency },
    });
  });
  return router;
}

/** `existing` and `uploaded` (which wins for the same recipient), keeping only recipients in `allowed`. */
export function mergeWrappedKeys(existing: WrappedKey[], uploaded: WrappedKey[], allowed: Set<string>): WrappedKey[] {
  const byRecipient = new Map<string, WrappedKey>();
  for (const key of [...existing, ...uploaded]) {
    const recipient = key.recipient.toLowerCase();
    if (allowed.has(recipient)) byRecipient.set(recipient, key);
  }
  return [...byRecipient.values()].slice(0, MAX_WRAPPED_KEYS);
}

function isWrappedKey(value: unknown): value is WrappedKey {
  const key = value as Partial<WrappedKey> | null;
  return (
    typeof key === "object" &&
    key !== null &&
    [key.recipient, key.ephemeralPublicKey, key.sealedKey].every((part) => typeof part === "string" && /^0x[0-9a-fA-F]+$/.test(part))
  );
}
