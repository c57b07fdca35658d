// Chart colours with at least 4.5:1 contrast on white; a kind keeps the same colour in every chart.
export const KIND_COLORS = { GRANT: "#166534", EMERGENCY: "#9a3412", DENIAL: "#be123c", READ: "#475569" } as const;
export const CONSENT_COLORS = { granted: "#1d4ed8", revoked: "#b45309" } as const;
export const ACCESSOR_COLOR = "#6d28d9";
export const SUPPRESSED_COLOR = "#334155";
