/**
 * An argument's value, or its SDL default when a client sends an explicit null: GraphQL passes that null on,
 * although the generated resolver types (RequireFields) say a defaulted argument is never null.
 */
export const orDefault = <T>(value: T | null | undefined, fallback: T): T => value ?? fallback;
