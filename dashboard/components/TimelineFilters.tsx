// A plain GET form: filtering works without JavaScript and the URL is the state.
import { kindLabel, titleCase } from "@/lib/format";
import { ACCESS_KINDS, ACCESS_OUTCOMES, type TimelineFilterState } from "@/lib/timelineFilters";

export function TimelineFilters({ state, action, withPatient = false }: { state: TimelineFilterState; action: string; withPatient?: boolean }) {
  return (
    <form action={action} method="get" className="form-row" aria-label="Filter the timeline">
      <fieldset>
        <legend>Kind</legend>
        <div className="checks">
          {ACCESS_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" name="kind" value={kind} defaultChecked={state.kinds.includes(kind)} /> {kindLabel(kind)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Outcome</legend>
        <div className="checks">
          {ACCESS_OUTCOMES.map((outcome) => (
            <label key={outcome}>
              <input type="checkbox" name="outcome" value={outcome} defaultChecked={state.outcomes.includes(outcome)} /> {titleCase(outcome)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" type="date" name="from" defaultValue={state.from} />
      </div>
      <div>
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" type="date" name="to" defaultValue={state.to} />
      </div>
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
        <a className="button secondary" href={action}>Clear</a>
      </div>
    </form>
  );
}
