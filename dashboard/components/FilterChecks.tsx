// The kind and outcome checkboxes every timeline filter form shows (server GET forms and the patient's client form).
import { kindLabel, titleCase } from "@/lib/format";
import { ACCESS_KINDS, ACCESS_OUTCOMES, type TimelineFilterState } from "@/lib/timelineFilters";

export function KindOutcomeChecks({ state }: { state: Pick<TimelineFilterState, "kinds" | "outcomes"> }) {
  const groups = [
    { legend: "Kind", name: "kind", options: ACCESS_KINDS.map((value) => ({ value, label: kindLabel(value), checked: state.kinds.includes(value) })) },
    { legend: "Outcome", name: "outcome", options: ACCESS_OUTCOMES.map((value) => ({ value, label: titleCase(value), checked: state.outcomes.includes(value) })) },
  ];
  return groups.map((group) => (
    <fieldset key={group.name}>
      <legend>{group.legend}</legend>
      <div className="checks">
        {group.options.map((option) => (
          <label key={option.value}>
            <input type="checkbox" name={group.name} value={option.value} defaultChecked={option.checked} /> {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  ));
}
