// Outcome series in a fixed order, shared by the charts and their table views.
export const OUTCOME_COLUMNS = [
  { key: "GRANTED", label: "Granted" },
  { key: "DENIED", label: "Denied" },
  { key: "REQUESTED", label: "Requested" },
] as const;
