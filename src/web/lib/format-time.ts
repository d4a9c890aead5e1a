import { formatDate, type Locale } from '../../shared/format.ts';

/** "28 Nov 2026 14:05:09" in the reader's time zone: audit entries need the second. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(date, locale)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
