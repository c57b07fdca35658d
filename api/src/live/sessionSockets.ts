import type { WebSocket } from "ws";
import type { Session } from "../auth/sessionToken.js";
import type { RevocationStore } from "../auth/authStores.js";

/** The close code for a socket whose session ended (expired or signed out): the client must sign in again. */
export const SESSION_ENDED_CLOSE_CODE = 4401;
/** setTimeout's longest delay; sessions live minutes, this only guards a misconfigured TTL. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type SessionSockets = {
  add: (session: Session, socket: WebSocket) => void;
  remove: (sessionId: string, socket: WebSocket) => void;
  /** Closes every socket of a session signed out through this process. */
  closeSession: (sessionId: string, reason: string) => void;
  stop: () => void;
};

/**
 * A subscription must not outlive the session that opened it. Each session's sockets close with 4401 when its
 * token expires (a timer), when it signs out here (closeSession), and when it signed out on another replica:
 * every `recheckIntervalMs` the open sessions are checked against the shared revocation store.
 */
export function createSessionSockets(
  revocations: RevocationStore,
  recheckIntervalMs: number,
  logError: (line: string, error: unknown) => void,
): SessionSockets {
  const sessions = new Map<string, { sockets: Set<WebSocket>; expiry: NodeJS.Timeout }>();

  const closeSession = (sessionId: string, reason: string) => {
    const entry = sessions.get(sessionId);
    if (!entry) return;
    clearTimeout(entry.expiry);
    sessions.delete(sessionId);
    for (const socket of entry.sockets) socket.close(SESSION_ENDED_CLOSE_CODE, reason);
  };

  const recheckSessions = async () => {
    for (const sessionId of [...sessions.keys()]) {
      try {
        if (await revocations.isRevoked(sessionId)) closeSession(sessionId, "Signed out");
      } catch (error) {
        logError("api: could not re-check a live session against the revocation store", error);
      }
    }
  };
  const sweep = setInterval(() => void recheckSessions(), recheckIntervalMs);
  sweep.unref();

  return {
    add: (session, socket) => {
      const entry = sessions.get(session.id);
      if (entry) {
        entry.sockets.add(socket);
        return;
      }
      const delay = Math.min(Math.max(0, session.expiresAt.getTime() - Date.now()), MAX_TIMER_MS);
      const expiry = setTimeout(() => closeSession(session.id, "Session expired"), delay);
      expiry.unref();
      sessions.set(session.id, { sockets: new Set([socket]), expiry });
    },
    remove: (sessionId, socket) => {
      const entry = sessions.get(sessionId);
      if (!entry) return;
      entry.sockets.delete(socket);
      if (entry.sockets.size === 0) {
        clearTimeout(entry.expiry);
        sessions.delete(sessionId);
      }
    },
    closeSession,
    stop: () => {
      clearInterval(sweep);
      for (const entry of sessions.values()) clearTimeout(entry.expiry);
      sessions.clear();
    },
  };
}
