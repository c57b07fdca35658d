// A plain GET form: filtering works without JavaScript and the URL is the state.
import { type TimelineFilterState } from "@/lib/timelineFilters";
import { DateRangeInputs, KindOutcomeChecks } from "./FilterChecks";

export function TimelineFilters({ state, action, withPatient = false }: { state: TimelineFilterState; action: string; withPatient?: boolean }) {
  return (
    <form action={action} method="get" className="form-row" aria-label="Filter the timeline">
      <KindOutcomeChecks state={state} />
      <DateRangeInputs state={state} />
      <div>
        <label htmlFor="filter-actor">Accessor address</label>
        <input id="filter-actor" name="actor" defaultValue={state.actor} placeholder="0x…" size={20} pattern="0x[0-9a-fA-F]{40}" />
      </div>
      {withPatient && (
        <div>
          <label htmlFor="filter-patient">Patient address</label>
          <input id="filter-patient" name="patient" defaultValue={state.patient} placeholder="0x…" size={20} pattern="0x[0-9a-fA-F]{40}" />
        </div>
      )}
      <div>
        <button type="submit">Apply filters</button>
      </div>
      <div>
        <a className="button secondary" href={action}>
          Clear
        </a>
      </div>
    </form>
  );
}
