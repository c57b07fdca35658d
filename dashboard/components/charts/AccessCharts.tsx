"use client";
// Recharts components fed plain arrays (lib/chartData.ts shapes them); none of them fetch.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccessorRow, ConsentRow, OutcomeRow, RoleRow } from "@/lib/chartData";
import { ChartFrame } from "./ChartFrame";
import { ACCESSOR_COLOR, CONSENT_COLORS, OUTCOME_COLORS } from "./colors";

const OUTCOMES = [
  { key: "GRANTED", label: "Granted" },
  { key: "DENIED", label: "Denied" },
  { key: "REQUESTED", label: "Requested" },
] as const;

export function AccessesOverTimeChart({ data }: { data: OutcomeRow[] }) {
  return (
    <ChartFrame title="Accesses over time" description="Access decisions per period, by outcome." rows={data} columns={[{ key: "bucket", label: "Period" }, ...OUTCOMES]} empty="No accesses in this range.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {OUTCOMES.map((outcome) => (
            <Bar key={outcome.key} dataKey={outcome.key} name={outcome.label} stackId="outcome" fill={OUTCOME_COLORS[outcome.key]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function AccessesByRoleChart({ data }: { data: RoleRow[] }) {
  return (
    <ChartFrame title="Accesses by role" description="Who asks for patient data, and what they get." rows={data} columns={[{ key: "role", label: "Role" }, ...OUTCOMES]} empty="No accesses in this range.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="role" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {OUTCOMES.map((outcome) => (
            <Bar key={outcome.key} dataKey={outcome.key} name={outcome.label} stackId="outcome" fill={OUTCOME_COLORS[outcome.key]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function ConsentChangesChart({ data }: { data: ConsentRow[] }) {
  return (
    <ChartFrame
      title="Consent grants vs revocations"
      description="How patients change who may see their data."
      rows={data}
      columns={[{ key: "bucket", label: "Period" }, { key: "granted", label: "Grants" }, { key: "revoked", label: "Revocations" }]}
      empty="No consent changes in this range."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="granted" name="Grants" fill={CONSENT_COLORS.granted} isAnimationActive={false} />
          <Bar dataKey="revoked" name="Revocations" fill={CONSENT_COLORS.revoked} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function TopAccessorsChart({ data }: { data: AccessorRow[] }) {
  return (
    <ChartFrame
      title="Top accessors"
      description="Actors with the most access events (only those touching at least k patients)."
      rows={data}
      columns={[{ key: "name", label: "Accessor" }, { key: "accesses", label: "Accesses" }, { key: "patients", label: "Patients" }]}
      empty="No accessor touched enough patients to be shown."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={150} />
          <Tooltip />
          <Bar dataKey="accesses" name="Accesses" fill={ACCESSOR_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
