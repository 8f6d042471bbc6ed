/** A plain row: numbers (never BigInt), strings, booleans, null. Dates come back as `YYYY-MM-DD`, timestamps as ISO text. */
export type Row = Record<string, number | string | boolean | null>;
