import { defaultFieldResolver, OperationTypeNode, type GraphQLFieldConfig, type GraphQLSchema } from "graphql";
import { getDirective, MapperKind, mapSchema } from "@graphql-tools/utils";
import type { ApiContext } from "../context.js";
import { forbidden, notYours, unauthenticated } from "../errors.js";
import type { Role } from "../roles.js";
import { mayReadPatient, recordSubject, type Subject } from "./patientAccess.js";
import { CareTrailError } from "@caretrail/sdk/errors";

type AuthRule = { roles: Role[]; patient?: string; record?: string };

export class MissingAuthRuleError extends CareTrailError {
  override name = "MissingAuthRuleError";
  constructor(field: string) {
    super(`${field} declares no @auth, @signedIn or @public: every root field must say who may call it.`);
  }
}

/**
 * The one place authorisation happens: every Query and Subscription field is wrapped here according to its
 * directive, before its resolver runs. Fields without a directive fail at startup (deny by default).
 */
export function applyAuthorisation(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (anyField, fieldName, typeName) => {
      const field = anyField as Field;
      if (typeName === "Mutation") throw new MissingAuthRuleError(`${typeName}.${fieldName}`);
      const name = `${typeName}.${fieldName}`;
      if (getDirective(schema, field, "public")?.[0]) return field;
      const check = getDirective(schema, field, "signedIn")?.[0]
        ? signedInCheck
        : authCheck(name, (getDirective(schema, field, "auth")?.[0] as AuthRule | undefined) ?? raise(new MissingAuthRuleError(name)));
      return guard(field, check);
    },
  });
}

type Check = (args: Record<string, unknown>, context: ApiContext) => Promise<void>;

type Field = GraphQLFieldConfig<unknown, ApiContext, Record<string, unknown>>;

function guard(field: Field, check: Check): Field {
  const resolve = field.resolve ?? defaultFieldResolver;
  const wrapped: Field = {
    ...field,
    resolve: async (source, args, context, info) => {
      // Subscription payloads were checked when the subscription started.
      if (info.operation.operation !== OperationTypeNode.SUBSCRIPTION) await check(args, context);
      return resolve(source, args, context, info);
    },
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    wrapped.subscribe = async (source, args, context, info) => {
      await check(args, context);
      return subscribe(source, args, context, info);
    };
  }
  return wrapped;
}

const signedInCheck: Check = async (_args, context) => {
  if (!context.viewer) throw unauthenticated();
};

function authCheck(field: string, rule: AuthRule): Check {
  return async (args, context) => {
    const viewer = context.viewer;
    if (!viewer) throw unauthenticated();
    const roles = rule.roles.filter((role) => viewer.roles.has(role));
    if (roles.length === 0) {
      const held = [...viewer.roles].join(", ") || "no registry role";
      throw forbidden(`${field} is for ${rule.roles.join(", ")}; ${viewer.address} holds ${held}.`);
    }
    const subject = await subjectOf(rule, args, context);
    if (subject === "none") return;
    if (subject === "everyone") {
      if (roles.includes("AUDITOR")) return;
      throw forbidden(`${field} reads one patient's data unless you are an auditor: pass ${rule.patient}.`);
    }
    // An unknown record or patient and one the caller may not read get the same answer, so ids cannot be probed.
    if (subject === undefined) {
      if (roles.includes("AUDITOR")) return;
      throw notYours();
    }
    for (const role of roles) if (await mayReadPatient(context.projection, viewer, role, subject)) return;
    throw notYours();
  };
}

/** "none" for fields that read no patient's data (aggregates), "everyone" when the patient argument is left out. */
async function subjectOf(rule: AuthRule, args: Record<string, unknown>, context: ApiContext): Promise<Subject | "none" | "everyone" | undefined> {
  if (rule.record) {
    const recordId = args[rule.record];
    // An unknown record answers like a forbidden one, so ids cannot be probed.
    return typeof recordId === "string" ? recordSubject(context.projection, recordId) : undefined;
  }
  if (!rule.patient) return "none";
  const patient = readPath(args, rule.patient);
  return typeof patient === "string" ? { patient: patient.toLowerCase() } : "everyone";
}

function readPath(args: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), args);
}

function raise(error: Error): never {
  throw error;
}
