"use client";
// The timeline's filters: the URL stays the state, but applying them keeps the page where it is (no jump to the
// top), and the accessor is picked by name.
import { useRouter } from "next/navigation";
import { timelineQuery, type TimelineFilterState } from "@/lib/timelineFilters";
import { DateRangeInputs, KindOutcomeChecks } from "@/components/FilterChecks";
import { LabelledSelect } from "@/components/LabelledSelect";

export type AccessorOption = { address: string; name: string };

export function AccessFilters({ state, action, accessors }: { state: TimelineFilterState; action: string; accessors: AccessorOption[] }) {
  const router = useRouter();
  const known = accessors.some((option) => option.address === state.actor);
  return (
    <form
      action={action}
      method="get"
      className="form-row"
      aria-label="Filter the timeline"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const values = (name: string) => form.getAll(name).map(String).filter(Boolean);
        const next: TimelineFilterState = {
          kinds: values("kind") as TimelineFilterState["kinds"],
          outcomes: values("outcome") as TimelineFilterState["outcomes"],
          purposes: [],
          actor: values("actor")[0] ?? "",
          patient: "",
          from: values("from")[0] ?? "",
          to: values("to")[0] ?? "",
        };
        router.push(`${action}${timelineQuery(next)}`, { scroll: false });
      }}
    >
      <KindOutcomeChecks state={state} />
      <DateRangeInputs state={state} />
      <LabelledSelect
        id="filter-actor"
        label="Who"
        name="actor"
        defaultValue={state.actor}
        options={accessors.map((option) => ({ value: option.address, label: option.name }))}
      >
        <option value="">Anyone</option>
        {!known && state.actor && <option value={state.actor}>{state.actor}</option>}
      </LabelledSelect>
      <div>
        <button type="submit">Apply filters</button>
      </div>
      <div>
        <a
          className="button secondary"
          href={action}
          onClick={(event) => {
            event.preventDefault();
            router.push(action, { scroll: false });
          }}
        >
          Clear
        </a>
      </div>
    </form>
  );
}
