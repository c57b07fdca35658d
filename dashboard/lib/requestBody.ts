// Bodies are read as a stream with a byte cap: a body over the cap is refused as soon as it passes it (or at once
// when its Content-Length says so), and nothing larger than the cap is ever held in memory.
import { CareTrailError } from "@caretrail/sdk/errors";

export class BodyTooLargeError extends CareTrailError {
  override name = "BodyTooLargeError";
  static override readonly kind = "PAYLOAD_TOO_LARGE";
  constructor(readonly maxBytes: number) {
    super(`The request body is over ${maxBytes} bytes: send less.`);
  }
}

/** JSON routes take small objects: a consent change, a SIWE message and signature. */
export const JSON_BODY_MAX_BYTES = 16_384;

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= maxBytes)) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The body parsed as JSON, or undefined when it is not JSON (the route says what it expected). */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
