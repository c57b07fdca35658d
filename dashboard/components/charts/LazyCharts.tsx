"use client";
// Recharts is most of the analyst page's JavaScript and draws only in the browser (it measures its container):
// load it after first paint, behind the chart frames the server already rendered.
import dynamic from "next/dynamic";

function ChartLoading() {
  return <div className="skeleton" style={{ height: "100%" }} />;
}

export const AccessesOverTimeChart = dynamic(() => import("./AccessCharts").then((charts) => charts.AccessesOverTimeChart), {
  ssr: false,
  loading: ChartLoading,
});
export const AccessesByRoleChart = dynamic(() => import("./AccessCharts").then((charts) => charts.AccessesByRoleChart), { ssr: false, loading: ChartLoading });
export const ConsentChangesChart = dynamic(() => import("./AccessCharts").then((charts) => charts.ConsentChangesChart), { ssr: false, loading: ChartLoading });
export const TopAccessorsChart = dynamic(() => import("./AccessCharts").then((charts) => charts.TopAccessorsChart), { ssr: false, loading: ChartLoading });
