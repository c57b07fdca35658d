// FHIR R4 shaped resources: the subset of Observation, Condition, MedicationRequest, DiagnosticReport and
// DocumentReference that CareTrail records use. Field names and codes are FHIR's, so the API can export a
// record as FHIR without translation tables. Objects are strict: a misspelt field is an error, never dropped.
import { z } from "zod";
import { CID } from "multiformats/cid";

export const UCUM_SYSTEM = "http://unitsofmeasure.org";
export const LOINC_SYSTEM = "http://loinc.org";
/** LOINC "Pain severity - 0-10 verbal numeric rating [Score] - Reported". */
export const PAIN_SEVERITY_LOINC = "72514-3";

// FHIR dateTime: a year, year-month, date, or date-time with a time zone.
const dateTime = z.string().regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?$/, {
  error: "must be a FHIR dateTime such as 2024-05-01 or 2024-05-01T09:30:00Z",
});
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, {
  error: "must be a FHIR instant such as 2024-05-01T09:30:00Z",
});
const text = z.string().trim().min(1, { error: "must not be empty" });

export const coding = z.strictObject({
  system: z.url({ error: "must be a URI such as http://loinc.org" }).optional(),
  code: text.optional(),
  display: text.optional(),
});

export const codeableConcept = z
  .strictObject({ coding: z.array(coding).min(1).optional(), text: text.optional() })
  .refine((concept) => concept.coding !== undefined || concept.text !== undefined, {
    error: "needs `coding` or `text`",
  });

/** A measured amount with a UCUM unit code: FHIR's "SimpleQuantity" as used for vitals and labs. */
export const quantity = z.strictObject({
  value: z.number(), // finite: zod 4 refuses Infinity and NaN in every number
  unit: text.optional(),
  system: z.literal(UCUM_SYSTEM, { error: `must be ${UCUM_SYSTEM} (UCUM)` }),
  code: z.string().regex(/^[A-Za-z0-9[\]{}/.*^%'_+-]+$/, {
    error: "must be a UCUM unit code such as mm[Hg], Cel, mg/dL or /min",
  }),
});

const annotation = z.strictObject({ text });
const reference = z.strictObject({ reference: text });

/** An attachment is stored encrypted off-chain and referenced by the CID of its bytes: `ipfs://<cid>`. */
export const attachment = z.strictObject({
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: "must be a MIME type such as application/pdf" }),
  url: z.string().refine(isIpfsUrl, { error: "must be ipfs://<CIDv1> naming the attachment's content" }),
  size: z.number().int().nonnegative().optional(),
  title: text.optional(),
  creation: dateTime.optional(),
});

function isIpfsUrl(url: string): boolean {
  if (!url.startsWith("ipfs://")) return false;
  try {
    return CID.parse(url.slice("ipfs://".length)).version === 1;
  } catch {
    return false;
  }
}

const valueFields = ["valueQuantity", "valueInteger", "valueString", "valueCodeableConcept"] as const;

function hasPainCode(concept: z.infer<typeof codeableConcept>): boolean {
  return concept.coding?.some((c) => c.system === LOINC_SYSTEM && c.code === PAIN_SEVERITY_LOINC) ?? false;
}

const observationComponent = z.strictObject({
  code: codeableConcept,
  valueQuantity: quantity.optional(),
  valueInteger: z.number().int().optional(),
  valueString: text.optional(),
});

export const observation = z
  .strictObject({
    resourceType: z.literal("Observation"),
    id: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,64}$/)
      .optional(),
    status: z.enum(["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"]),
    category: z.array(codeableConcept).optional(),
    code: codeableConcept,
    effectiveDateTime: dateTime.optional(),
    valueQuantity: quantity.optional(),
    valueInteger: z.number().int().optional(),
    valueString: text.optional(),
    valueCodeableConcept: codeableConcept.optional(),
    component: z.array(observationComponent).min(1).optional(),
    note: z.array(annotation).optional(),
  })
  .superRefine((obs, ctx) => {
    const values = valueFields.filter((field) => obs[field] !== undefined);
    if (values.length > 1) {
      ctx.addIssue({ code: "custom", path: [values[1]!], message: `an Observation has one value[x]; also found ${values[0]}` });
    }
    if (values.length === 0 && obs.component === undefined) {
      ctx.addIssue({ code: "custom", path: ["valueQuantity"], message: "needs a value[x] (e.g. valueQuantity) or `component` entries" });
    }
    if (hasPainCode(obs.code) && (obs.valueInteger === undefined || obs.valueInteger < 0 || obs.valueInteger > 10)) {
      ctx.addIssue({ code: "custom", path: ["valueInteger"], message: "pain severity (LOINC 72514-3) is an integer from 0 to 10" });
    }
  });

export const condition = z.strictObject({
  resourceType: z.literal("Condition"),
  clinicalStatus: codeableConcept.optional(),
  verificationStatus: codeableConcept.optional(),
  category: z.array(codeableConcept).optional(),
  severity: codeableConcept.optional(),
  code: codeableConcept,
  onsetDateTime: dateTime.optional(),
  recordedDate: dateTime.optional(),
  note: z.array(annotation).optional(),
});

export const medicationRequest = z.strictObject({
  resourceType: z.literal("MedicationRequest"),
  status: z.enum(["active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"]),
  intent: z.enum(["proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]),
  medicationCodeableConcept: codeableConcept,
  authoredOn: dateTime.optional(),
  dosageInstruction: z
    .array(
      z.strictObject({
        text: text.optional(),
        timing: z
          .strictObject({
            repeat: z.strictObject({
              frequency: z.number().int().positive(),
              period: z.number().positive(),
              periodUnit: z.enum(["s", "min", "h", "d", "wk", "mo", "a"]),
            }),
          })
          .optional(),
        route: codeableConcept.optional(),
        doseAndRate: z.array(z.strictObject({ doseQuantity: quantity })).optional(),
      }),
    )
    .optional(),
  note: z.array(annotation).optional(),
});

export const diagnosticReport = z
  .strictObject({
    resourceType: z.literal("DiagnosticReport"),
    status: z.enum(["registered", "partial", "preliminary", "final", "amended", "corrected", "appended", "cancelled", "entered-in-error", "unknown"]),
    category: z.array(codeableConcept).optional(),
    code: codeableConcept,
    effectiveDateTime: dateTime.optional(),
    issued: instant.optional(),
    // Lab results travel inside the report (FHIR `contained`), referenced from `result` as "#id".
    contained: z.array(observation).optional(),
    result: z.array(reference).optional(),
    conclusion: text.optional(),
    conclusionCode: z.array(codeableConcept).optional(),
    presentedForm: z.array(attachment).optional(),
  })
  .superRefine((report, ctx) => {
    const ids = new Set(report.contained?.map((obs) => obs.id));
    report.result?.forEach((ref, index) => {
      if (!ref.reference.startsWith("#") || !ids.has(ref.reference.slice(1))) {
        ctx.addIssue({ code: "custom", path: ["result", index, "reference"], message: `must be "#id" of a contained Observation; got ${ref.reference}` });
      }
    });
  });

export const documentReference = z.strictObject({
  resourceType: z.literal("DocumentReference"),
  status: z.enum(["current", "superseded", "entered-in-error"]),
  type: codeableConcept,
  category: z.array(codeableConcept).optional(),
  date: instant.optional(),
  description: text.optional(),
  content: z.array(z.strictObject({ attachment })).min(1),
});

export const careResource = z.discriminatedUnion("resourceType", [observation, condition, medicationRequest, diagnosticReport, documentReference]);

export type Observation = z.infer<typeof observation>;
export type Condition = z.infer<typeof condition>;
export type MedicationRequest = z.infer<typeof medicationRequest>;
export type DiagnosticReport = z.infer<typeof diagnosticReport>;
export type DocumentReference = z.infer<typeof documentReference>;
export type CareResource = z.infer<typeof careResource>;
export type Attachment = z.infer<typeof attachment>;
