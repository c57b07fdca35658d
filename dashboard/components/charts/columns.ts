// Series in a fixed order, shared by the charts and their table views. Grants, emergencies and denials are the three
// possible decisions on a request (parts of one whole, so they stack); reads are counted beside them, never on top.
export const KIND_COLUMNS = [
  { key: "GRANT", label: "Granted" },
  { key: "EMERGENCY", label: "Emergency" },
  { key: "DENIAL", label: "Denied" },
  { key: "READ", label: "Records read" },
] as const;
export const KIND_KEYS = KIND_COLUMNS.map((column) => column.key);
