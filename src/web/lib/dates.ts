/**
 * Typed dates in the Indonesian order: day/month/year ("28/11/2026"), as a person in NTB
 * writes them. The browser's native date input shows mm/dd/yyyy in an English Chromium,
 * which reads 03/04 the wrong way round; the app's DateField parses with this instead.
 */

/** "28/11/2026", "28-11-2026", "28.11.2026", "1/2/2026" or ISO "2026-11-28" → "2026-11-28"; null if not a real date. */
export function parseDayMonthYear(text: string): string | null {
  const value = text.trim();
  let day: number;
  let month: number;
  let year: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dmy) {
    day = Number(dmy[1]);
    month = Number(dmy[2]);
    year = Number(dmy[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return null;
  }
  // Date.UTC rolls 31/02 over into March: a date that does not exist is refused, not moved.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-11-28" → "28/11/2026", the way the field shows a stored date. */
export function formatDayMonthYear(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
