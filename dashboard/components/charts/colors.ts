// Chart colours with at least 4.5:1 contrast on white; outcomes keep the same colour in every chart.
export const OUTCOME_COLORS = { GRANTED: "#166534", DENIED: "#be123c", REQUESTED: "#475569" } as const;
export const CONSENT_COLORS = { granted: "#1d4ed8", revoked: "#b45309" } as const;
export const ACCESSOR_COLOR = "#6d28d9";
