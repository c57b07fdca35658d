// Which views a signed-in account may open, from the roles the registry gives it (the API enforces the same).
import type { Role } from "./apiShapes";

export type View = { href: "/patient" | "/provider" | "/auditor" | "/analyst"; label: string; roles: Role[] };

export const VIEWS: View[] = [
  { href: "/patient", label: "My data", roles: ["PATIENT"] },
  { href: "/provider", label: "My patients", roles: ["PROVIDER"] },
  { href: "/auditor", label: "Verify & audit", roles: ["AUDITOR", "INSURER", "PROVIDER"] },
  { href: "/analyst", label: "Analytics", roles: ["RESEARCHER", "AUDITOR", "GOVERNANCE"] },
];

export function viewsFor(roles: Role[]): View[] {
  return VIEWS.filter((view) => view.roles.some((role) => roles.includes(role)));
}

/** The first view an account lands on; undefined when its roles open none (unregistered accounts). */
export function homeFor(roles: Role[]): View["href"] | undefined {
  return viewsFor(roles)[0]?.href;
}
