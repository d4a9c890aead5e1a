/** Small formatting helpers shared by the program, map and dashboard pages. */
import type { TFunction } from 'i18next';
import { formatDate, formatNumber, formatRupiah, type Locale } from '../../../shared/format.ts';

/** "1 Jan 2025 – 31 Des 2026". */
export function formatPeriod(start: string, end: string, locale: Locale): string {
  return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

/** A count, or a dash when not recorded. */
export function formatCount(value: number | null | undefined, locale: Locale): string {
  return value === null || value === undefined ? '—' : formatNumber(value, locale);
}

/** A share 0–1 as "42%" (whole percent), or a dash when there is none. */
export function formatShare(share: number | null | undefined, locale: Locale): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${formatNumber(Math.round(share * 100), locale)}%`;
}

/** A budget in rupiah, or "Belum diketahui" / "Not known" when none was given: never Rp 0. */
export function formatBudget(value: number | null | undefined, locale: Locale, t: TFunction): string {
  return value === null || value === undefined ? t('programs.budgetUnknown') : formatRupiah(value, locale);
}
