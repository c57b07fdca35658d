"use client";
// Recharts drawings fed plain arrays (lib/chartData.ts shapes them); none of them fetch. Loaded lazily (LazyCharts.tsx).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccessorRow, ConsentRow, OutcomeRow, RoleRow } from "@/lib/chartData";
import { ACCESSOR_COLOR, CONSENT_COLORS, OUTCOME_COLORS } from "./colors";
import { OUTCOME_COLUMNS } from "./columns";

const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };

function OutcomeBars({ data, category }: { data: (OutcomeRow | RoleRow)[]; category: "bucket" | "role" }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={category} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {OUTCOME_COLUMNS.map((outcome) => (
          <Bar key={outcome.key} dataKey={outcome.key} name={outcome.label} stackId="outcome" fill={OUTCOME_COLORS[outcome.key]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function AccessesOverTimeChart({ data }: { data: OutcomeRow[] }) {
  return <OutcomeBars data={data} category="bucket" />;
}

export function AccessesByRoleChart({ data }: { data: RoleRow[] }) {
  return <OutcomeBars data={data} category="role" />;
}

export function ConsentChangesChart({ data }: { data: ConsentRow[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="granted" name="Grants" fill={CONSENT_COLORS.granted} isAnimationActive={false} />
        <Bar dataKey="revoked" name="Revocations" fill={CONSENT_COLORS.revoked} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TopAccessorsChart({ data }: { data: AccessorRow[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ ...MARGIN, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={150} />
        <Tooltip />
        <Bar dataKey="accesses" name="Accesses" fill={ACCESSOR_COLOR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
