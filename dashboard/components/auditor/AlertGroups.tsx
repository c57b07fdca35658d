// Alerts as the auditor reads them: one line per burst (rule, actor, patient, minute) with its count, a filter by
// rule with the count of each, and pages.
import Link from "next/link";
import { LabelledSelect } from "@/components/LabelledSelect";
import type { AlertGroupPage, AlertRule } from "@/lib/apiShapes";
import { ALERT_GROUPS_PAGE_SIZE } from "@/lib/auditorData";
import { displayName, formatCount, formatTime, titleCase, type NameBook } from "@/lib/format";
import { denialInWords } from "@/lib/plainWords";
import { PlainText } from "../PlainText";

export const ALERT_RULES: AlertRule[] = ["READ_AFTER_EXPIRY", "EMERGENCY_ACCESS", "DENIED_ATTEMPT", "ACCESS_AFTER_REVOCATION", "UNUSUAL_VOLUME", "AFTER_HOURS"];

// Partial: an API newer than this dashboard may send a rule it has no label for yet.
const RULE_LABELS: Partial<Record<AlertRule, string>> = {
  READ_AFTER_EXPIRY: "Read after access expired",
  EMERGENCY_ACCESS: "Emergency access",
  DENIED_ATTEMPT: "Denied attempt",
  ACCESS_AFTER_REVOCATION: "Request after revocation",
  UNUSUAL_VOLUME: "Unusual volume",
  AFTER_HOURS: "After hours",
};

export const ruleLabel = (rule: AlertRule) => RULE_LABELS[rule] ?? titleCase(rule);

export function AlertFilterForm({ rule, hidden }: { rule: AlertRule | undefined; hidden: Record<string, string> }) {
  return (
    <form action="/auditor#alerts-heading" method="get" className="form-row" aria-label="Filter alerts">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <LabelledSelect
        id="alert-rule"
        label="Rule"
        name="alertRule"
        defaultValue={rule ?? ""}
        options={ALERT_RULES.map((option) => ({ value: option, label: ruleLabel(option) }))}
      >
        <option value="">Every rule</option>
      </LabelledSelect>
      <div>
        <button type="submit">Filter alerts</button>
      </div>
    </form>
  );
}

export function AlertGroups({ page, offset, names, hrefAt }: { page: AlertGroupPage; offset: number; names: NameBook; hrefAt: (offset: number) => string }) {
  const { groups, totalGroups, totalAlerts } = page;
  return (
    <>
      <p className="who" data-testid="alert-counts">
        {formatCount(totalAlerts)} alerts in {formatCount(totalGroups)} groups
        {page.capped ? " (a rule matched more than 10,000: narrow the range for exact counts)" : ""}:{" "}
        {page.byRule
          .filter((rule) => rule.count > 0)
          .map((rule) => `${ruleLabel(rule.rule)} ${formatCount(rule.count)}`)
          .join(" · ")}
      </p>
      <ul className="timeline" aria-label="Alerts">
        {groups.map((group) => {
          const tone = group.rule === "EMERGENCY_ACCESS" ? "emergency" : "denial";
          return (
            <li key={`${group.rule}-${group.actor}-${group.patient}-${group.minute}`} className={`event ${tone}`} data-rule={group.rule}>
              <div className="event-head">
                <span className={`badge ${tone}`}>{ruleLabel(group.rule)}</span>
                {group.count > 1 && <span className="badge neutral">×{group.count}</span>}
                <strong>{displayName(group.actor, names)}</strong> → {displayName(group.patient, names)}
              </div>
              <div className="wrap-anywhere">
                {group.count > 1 && `${group.count} alerts within the minute; the latest: `}
                {/* A denial's code reads as a sentence; the API's wording stays one click away. */}
                {group.rule === "DENIED_ATTEMPT" ? <PlainText plain={denialInWords(group.latest.denialReason)} /> : group.detail}
              </div>
              <div className="event-meta">
                {formatTime(group.latest.position.blockTimestamp)} · block {group.latest.position.blockNumber}
              </div>
            </li>
          );
        })}
      </ul>
      <nav className="pager" aria-label="Alert pages">
        <span className="who" data-testid="alert-position">
          Groups {formatCount(offset + 1)}–{formatCount(offset + groups.length)} of {formatCount(totalGroups)}
        </span>
        <span className="nav">
          {offset > 0 && <Link href={hrefAt(Math.max(0, offset - ALERT_GROUPS_PAGE_SIZE))}>← Newer alerts</Link>}
          {offset + groups.length < totalGroups && (
            <Link href={hrefAt(offset + groups.length)} rel="next">
              Older alerts →
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}
