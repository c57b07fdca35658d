// One example of each kind of record the paper lists: numeric vitals, ordinal pain, diagnosis text,
// prescriptions, lab reports and imaging attachments. Used by `caretrail record example` and the tests.
import { RecordCategory } from "../chain/careTypes.js";
import { LOINC_SYSTEM, PAIN_SEVERITY_LOINC, UCUM_SYSTEM, type CareResource, type Observation } from "./fhirResources.js";

const vitalSigns = [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" }] }];

/** A final Observation filed under Vitals: what tells the examples apart is their code, time and value. */
const vitals = (observation: Omit<Observation, "resourceType" | "status">) => ({
  category: RecordCategory.Vitals,
  resource: { resourceType: "Observation" as const, status: "final" as const, ...observation },
});

export const exampleResources = {
  temperature: vitals({
    category: vitalSigns,
    code: { coding: [{ system: LOINC_SYSTEM, code: "8310-5", display: "Body temperature" }] },
    effectiveDateTime: "2024-05-01T09:30:00Z",
    valueQuantity: { value: 38.2, unit: "°C", system: UCUM_SYSTEM, code: "Cel" },
  }),
  bloodPressure: vitals({
    category: vitalSigns,
    code: { coding: [{ system: LOINC_SYSTEM, code: "85354-9", display: "Blood pressure panel" }] },
    effectiveDateTime: "2024-05-01T09:31:00Z",
    component: [
      {
        code: { coding: [{ system: LOINC_SYSTEM, code: "8480-6", display: "Systolic blood pressure" }] },
        valueQuantity: { value: 128, unit: "mmHg", system: UCUM_SYSTEM, code: "mm[Hg]" },
      },
      {
        code: { coding: [{ system: LOINC_SYSTEM, code: "8462-4", display: "Diastolic blood pressure" }] },
        valueQuantity: { value: 84, unit: "mmHg", system: UCUM_SYSTEM, code: "mm[Hg]" },
      },
    ],
  }),
  glucose: vitals({
    code: { coding: [{ system: LOINC_SYSTEM, code: "2339-0", display: "Glucose [Mass/volume] in Blood" }] },
    effectiveDateTime: "2024-05-01T09:35:00Z",
    valueQuantity: { value: 104, unit: "mg/dL", system: UCUM_SYSTEM, code: "mg/dL" },
  }),
  pain: vitals({
    code: { coding: [{ system: LOINC_SYSTEM, code: PAIN_SEVERITY_LOINC, display: "Pain severity 0-10" }] },
    effectiveDateTime: "2024-05-01T09:40:00Z",
    valueInteger: 6,
  }),
  diagnosis: {
    category: RecordCategory.Notes,
    resource: {
      resourceType: "Condition",
      clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
      code: {
        coding: [{ system: "http://hl7.org/fhir/sid/icd-10", code: "J18.9", display: "Pneumonia, unspecified organism" }],
        text: "Community-acquired pneumonia",
      },
      onsetDateTime: "2024-04-28",
      note: [{ text: "Productive cough for four days; crackles at the right base." }],
    },
  },
  prescription: {
    category: RecordCategory.Prescriptions,
    resource: {
      resourceType: "MedicationRequest",
      status: "active",
      intent: "order",
      medicationCodeableConcept: {
        coding: [{ system: "http://www.nlm.nih.gov/research/umls/rxnorm", code: "308182", display: "Amoxicillin 500 MG Oral Capsule" }],
      },
      authoredOn: "2024-05-01",
      dosageInstruction: [
        {
          text: "One capsule three times a day for seven days",
          timing: { repeat: { frequency: 3, period: 1, periodUnit: "d" } },
          doseAndRate: [{ doseQuantity: { value: 500, unit: "mg", system: UCUM_SYSTEM, code: "mg" } }],
        },
      ],
    },
  },
  labReport: {
    category: RecordCategory.Labs,
    resource: {
      resourceType: "DiagnosticReport",
      status: "final",
      code: { coding: [{ system: LOINC_SYSTEM, code: "58410-2", display: "CBC panel" }] },
      effectiveDateTime: "2024-05-01T10:00:00Z",
      issued: "2024-05-01T14:00:00Z",
      contained: [
        {
          resourceType: "Observation",
          id: "wbc",
          status: "final",
          code: { coding: [{ system: LOINC_SYSTEM, code: "6690-2", display: "Leukocytes" }] },
          valueQuantity: { value: 13.1, unit: "10^3/uL", system: UCUM_SYSTEM, code: "10*3/uL" },
        },
        {
          resourceType: "Observation",
          id: "hgb",
          status: "final",
          code: { coding: [{ system: LOINC_SYSTEM, code: "718-7", display: "Hemoglobin" }] },
          valueQuantity: { value: 13.9, unit: "g/dL", system: UCUM_SYSTEM, code: "g/dL" },
        },
      ],
      result: [{ reference: "#wbc" }, { reference: "#hgb" }],
      conclusion: "Leukocytosis consistent with bacterial infection.",
    },
  },
  chestXray: {
    category: RecordCategory.Imaging,
    resource: {
      resourceType: "DocumentReference",
      status: "current",
      type: { coding: [{ system: LOINC_SYSTEM, code: "36643-5", display: "XR Chest 2 Views" }] },
      date: "2024-05-01T11:00:00Z",
      description: "Right lower lobe consolidation",
      content: [
        {
          attachment: {
            contentType: "image/jpeg",
            url: "ipfs://bafkreig7ulkaa4ot7ox4unu4fe57yxtkynp2vztrrsc2spg5z3njtd5zbm",
            size: 482133,
            title: "chest-pa.jpg",
          },
        },
      ],
    },
  },
} satisfies Record<string, { category: RecordCategory; resource: CareResource }>;

export type ExampleName = keyof typeof exampleResources;
