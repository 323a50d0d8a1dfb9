/**
 * Compares strings by UTF-16 code units. Unlike `localeCompare` it orders alike on every machine
 * and in every locale, and needs no ICU collator, whose first use takes 10 to 20 ms.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
