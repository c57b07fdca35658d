// Mirrors contracts/contracts/CareTypes.sol: the numbers are the contract's enum values, keep them in step.

/** Record categories are bit positions in a consent scope. */
export const RecordCategory = {
  Vitals: 0,
  Notes: 1,
  Labs: 2,
  Imaging: 3,
  Prescriptions: 4,
  Sensitive: 5,
} as const;
export type RecordCategory = (typeof RecordCategory)[keyof typeof RecordCategory];
export const RECORD_CATEGORY_COUNT = 6;

export const Role = { None: 0, Patient: 1, Provider: 2, Insurer: 3, Auditor: 4, Researcher: 5 } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ProviderStatus = { None: 0, Active: 1, Suspended: 2 } as const;
export type ProviderStatus = (typeof ProviderStatus)[keyof typeof ProviderStatus];

export const Purpose = { None: 0, Treatment: 1, Payment: 2, Research: 3, Emergency: 4 } as const;
export type Purpose = (typeof Purpose)[keyof typeof Purpose];

/** Why an access request was denied, or why logRead refused a read (AccessReaderNotPermitted). */
export const DenialReason = {
  None: 0,
  Unregistered: 1,
  PatientNotEnrolled: 2,
  NoConsent: 3,
  ConsentRevoked: 4,
  ConsentExpired: 5,
  PurposeNotGranted: 6,
  CategoryNotInScope: 7,
  ProviderSuspended: 8,
  RecordNotFound: 9,
  NotAProvider: 10,
  ConsentReplaced: 11,
} as const;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

/** The consent scope bitmask that covers exactly `categories`. */
export function scopeOf(...categories: RecordCategory[]): number {
  return categories.reduce<number>((scope, category) => scope | (1 << category), 0);
}

export function inScope(scope: number, category: number): boolean {
  return (scope & (1 << category)) !== 0;
}

/** The name of an enum value, for messages ("Provider" rather than 2). */
export function enumName<T extends Record<string, number>>(values: T, value: number): string {
  return Object.keys(values).find((key) => values[key] === value) ?? `unknown(${value})`;
}
