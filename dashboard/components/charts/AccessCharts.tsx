"use client";
// Recharts drawings fed plain arrays (lib/chartData.ts shapes them); none of them fetch. Loaded lazily (LazyCharts.tsx).
// A suppressed value ("fewer than k patients, possibly none") is drawn as a hatched marker labelled as such, never as 0.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccessorRow, ConsentRow, OutcomeRow, RoleRow } from "@/lib/chartData";
import { suppressedLabel } from "@/lib/chartData";
import { ACCESSOR_COLOR, CONSENT_COLORS, KIND_COLORS, SUPPRESSED_COLOR } from "./colors";
import { KIND_COLUMNS } from "./columns";

const MARGIN = { top: 20, right: 16, bottom: 8, left: 0 };
const HATCH = "suppressed-hatch";
const MARKER = "suppressedMarker";

function HatchPattern() {
  return (
    <defs>
      <pattern id={HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={SUPPRESSED_COLOR} strokeWidth="2.5" />
      </pattern>
    </defs>
  );
}

/** Rows with a marker of height k where a series is suppressed: the legend and label say what it means. */
function withMarkers<Row extends { suppressedKinds: readonly string[] }>(rows: Row[], k: number) {
  return rows.map((row) => ({ ...row, [MARKER]: row.suppressedKinds.length > 0 ? k : null, suppressedNote: row.suppressedKinds.join(", ") }));
}

function SuppressedBar({ k }: { k: number }) {
  return (
    <Bar dataKey={MARKER} name={`Suppressed: ${suppressedLabel(k)}`} fill={`url(#${HATCH})`} stroke={SUPPRESSED_COLOR} isAnimationActive={false}>
      <LabelList dataKey={MARKER} position="top" formatter={(value: unknown) => (value ? `<${k}` : "")} fill={SUPPRESSED_COLOR} fontSize={11} />
    </Bar>
  );
}

const tooltipFormatter = (k: number) => (value: number | string | undefined, name: unknown, item: { payload?: { suppressedNote?: string } }) =>
  String(name).startsWith("Suppressed")
    ? [`${item.payload?.suppressedNote ?? ""}: ${suppressedLabel(k)}`, "Suppressed"]
    : [value == null ? suppressedLabel(k) : String(value), String(name)];

function KindBars({ data, category, k }: { data: (OutcomeRow | RoleRow)[]; category: "bucket" | "role"; k: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={withMarkers(data, k)} margin={MARGIN}>
        <HatchPattern />
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={category} interval={0} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={tooltipFormatter(k) as never} />
        <Legend />
        {KIND_COLUMNS.map((kind) => (
          <Bar
            key={kind.key}
            dataKey={kind.key}
            name={kind.label}
            stackId={kind.key === "READ" ? undefined : "decisions"}
            fill={KIND_COLORS[kind.key]}
            isAnimationActive={false}
          />
        ))}
        <SuppressedBar k={k} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function AccessesOverTimeChart({ data, k }: { data: OutcomeRow[]; k: number }) {
  return <KindBars data={data} category="bucket" k={k} />;
}

export function AccessesByRoleChart({ data, k }: { data: RoleRow[]; k: number }) {
  return <KindBars data={data} category="role" k={k} />;
}

export function ConsentChangesChart({ data, k }: { data: ConsentRow[]; k: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={withMarkers(data, k)} margin={MARGIN}>
        <HatchPattern />
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" interval={0} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={tooltipFormatter(k) as never} />
        <Legend />
        <Bar dataKey="granted" name="Grants" fill={CONSENT_COLORS.granted} isAnimationActive={false} />
        <Bar dataKey="revoked" name="Revocations" fill={CONSENT_COLORS.revoked} isAnimationActive={false} />
        <SuppressedBar k={k} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TopAccessorsChart({ data }: { data: AccessorRow[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} domain={[0, "dataMax"]} />
        <YAxis type="category" dataKey="name" width={180} interval={0} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="accesses" name="Accesses (rounded to 5)" fill={ACCESSOR_COLOR} isAnimationActive={false}>
          <LabelList dataKey="accesses" position="right" fontSize={11} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
