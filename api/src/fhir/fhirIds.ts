import { createHash } from "node:crypto";

/**
 * A stable urn:uuid for a CareTrail thing (an event, an address in a role, a consent version), so the same
 * participant has the same fullUrl on every page and in every export, and an auditor's system can merge them.
 * Name-based, like RFC 9562 UUIDv5 but over SHA-256 (version 8, "custom").
 */
export function stableUuid(key: string): string {
  const hex = createHash("sha256").update(`caretrail:${key}`).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const urnOf = (uuid: string) => `urn:uuid:${uuid}`;
