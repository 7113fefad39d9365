export type SampleExpect = { field: string } | { boxes: string } | { none: 'no-field' | 'look-alike' | 'sms' | 'email' };
export interface SampleCase {
  id: string;
  lang: string;
  html: string;
  expect: SampleExpect;
  digits?: number;
}
export const FAMILIES: Record<string, string[]>;
export const ALERTS: Record<string, string>;
/** The sample of the corpus both browsers run; `all` defaults to every case on disk. */
export function sampleCases<T extends SampleCase>(all?: T[]): T[];
