// GraphiQL's page script, bundled by scripts/buildGraphiql.mjs with React, GraphiQL and Monaco into dist/graphiql/.
import "./workers.ts";
import "graphiql/style.css";
import "./page.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

const examples = `# CareTrail. Opened from the dashboard, this tab carries your session (for 15 minutes). Otherwise sign in
# (POST /auth/nonce, sign the SIWE message, POST /auth/verify), then put {"Authorization": "Bearer <token>"}
# in the Headers tab below. The schema (Docs) needs no sign-in.

# Analysts: accesses per week by outcome and role (groups under 5 patients are suppressed)
query AccessesPerWeek {
  analytics {
    k
    accesses(bucket: WEEK) { bucketStart outcome actorRole count patients suppressed }
    denialRate { value numerator denominator suppressed }
    emergencyRate { value suppressed }
  }
}

query ConsentsOverTime {
  analytics { consents(bucket: DAY) { bucketStart action count suppressed } }
}

query BusiestAccessors {
  analytics(filter: { kinds: [GRANT, EMERGENCY] }) { busiestAccessors(first: 10) { actor actorRole accesses patients } }
}

# Auditors and patients: the audit trail, newest first, one page at a time
query Timeline($patient: Address) {
  auditTimeline(filter: { patient: $patient, outcomes: [DENIED] }, first: 20) {
    totalCount
    edges { node { kind outcome actor actorRole purpose denialReason position { blockNumber blockTimestamp txHash } } }
    pageInfo { hasNextPage endCursor }
  }
}

query Alerts {
  alerts(first: 20) { rule detail event { actor patient position { blockTimestamp } } }
}
`;

// The dashboard hands its session over in the fragment (#token=…): browsers never send a fragment to a server, so
// no log holds it. Keep it for this tab only and drop it from the address bar and history at once.
const handed = new URLSearchParams(location.hash.slice(1)).get("token");
if (handed) {
  sessionStorage.setItem("caretrail-token", handed);
  history.replaceState(null, "", location.pathname + location.search);
}
const token = sessionStorage.getItem("caretrail-token");
const fetcher = createGraphiQLFetcher({ url: "/graphql", headers: token ? { Authorization: `Bearer ${token}` } : {} });
createRoot(document.getElementById("graphiql")!).render(createElement(GraphiQL, { fetcher, defaultQuery: examples, defaultEditorToolsVisibility: "headers" }));
