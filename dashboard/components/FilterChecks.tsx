// The kind and outcome checkboxes every timeline filter form shows (server GET forms and the patient's client form).
import { kindLabel, titleCase } from "@/lib/format";
import { ACCESS_KINDS, ACCESS_OUTCOMES, type TimelineFilterState } from "@/lib/timelineFilters";

export function KindOutcomeChecks({ state }: { state: Pick<TimelineFilterState, "kinds" | "outcomes"> }) {
  const groups = [
    { legend: "Kind", name: "kind", options: ACCESS_KINDS.map((value) => ({ value, label: kindLabel(value), checked: state.kinds.includes(value) })) },
    {
      legend: "Outcome",
      name: "outcome",
      options: ACCESS_OUTCOMES.map((value) => ({ value, label: titleCase(value), checked: state.outcomes.includes(value) })),
    },
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

/** The timeline's From / To dates, named as the filter's query parameters. */
export function DateRangeInputs({ state }: { state: Pick<TimelineFilterState, "from" | "to"> }) {
  return (
    <>
      <div>
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" type="date" name="from" defaultValue={state.from} />
      </div>
      <div>
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" type="date" name="to" defaultValue={state.to} />
      </div>
    </>
  );
}
