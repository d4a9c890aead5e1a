/**
 * The organisation spreadsheet: one column list for the import template, the export
 * and the import, so a file exported from Simpul can be edited and imported back.
 * Headers are Indonesian (the users' language); the template's second sheet explains
 * each column in Indonesian and English.
 */
import type { ContactPerson } from '../../../shared/contracts/organisations.ts';
import type { OfferKind, OrganisationLevel, OrganisationType } from '../../../shared/roles.ts';
import type { OrganisationSheetRow } from './queries.ts';

/** An organisation as one spreadsheet row holds it; `type`, `level` and `offers` may be unrecognised input. */
export interface SheetRecord {
  key: string;
  legalName: string;
  shortName: string | null;
  type: string;
  level: string | null;
  parentKey: string | null;
  areaCode: string;
  address: string | null;
  website: string | null;
  description: string | null;
  issues: string[];
  coverageAreas: string[];
  offers: string[];
  /** Every contact person of the organisation; a row shows and edits only the first. */
  contacts: ContactPerson[];
}

export type ContactField = keyof ContactPerson;

export interface SheetColumn {
  header: string;
  /** The record field the column holds, or one field of the first contact person. */
  field: Exclude<keyof SheetRecord, 'contacts'> | `contact.${ContactField}`;
  /** `conditional`: required for some rows only (tingkat, for government agencies and LKKS). */
  required: 'always' | 'conditional' | 'optional';
  /** Several values in one cell, separated by `;` or `,`. */
  list: boolean;
  /** Column width in characters (XLSX). */
  width: number;
  id: string;
  en: string;
}

/** The separator written between list values; `;` and `,` are both read. */
export const LIST_SEPARATOR = '; ';

export const ORGANISATION_COLUMNS: readonly SheetColumn[] = [
  {
    header: 'kode',
    field: 'key',
    required: 'always',
    list: false,
    width: 30,
    id: 'Kode unik organisasi, dipakai untuk mencocokkan baris dengan data yang sudah ada: mengimpor ulang memperbarui, bukan menggandakan. Huruf kecil, angka dan tanda hubung, 3–64 karakter, mis. yayasan-peduli-anak-ntb.',
    en: 'Unique key of the organisation, used to match rows with existing records: importing again updates instead of duplicating. Lower-case letters, digits and dashes, 3–64 characters, e.g. yayasan-peduli-anak-ntb.',
  },
  {
    header: 'nama_resmi',
    field: 'legalName',
    required: 'always',
    list: false,
    width: 42,
    id: 'Nama resmi sesuai akta atau SK (3–200 karakter).',
    en: 'Legal name as in the deed or decree (3–200 characters).',
  },
  {
    header: 'nama_singkat',
    field: 'shortName',
    required: 'optional',
    list: false,
    width: 18,
    id: 'Singkatan atau nama yang biasa dipakai (maks. 60 karakter), mis. LKKS NTB.',
    en: 'Abbreviation or common name (max. 60 characters), e.g. LKKS NTB.',
  },
  {
    header: 'jenis',
    field: 'type',
    required: 'always',
    list: false,
    width: 18,
    id: 'Jenis organisasi: kode atau salah satu label Indonesia pada daftar di bawah (huruf besar/kecil bebas), mis. pemerintah, BUMD, LSM.',
    en: 'Organisation type: a code or one of the Indonesian labels listed below (any letter case), e.g. pemerintah, BUMD, LSM.',
  },
  {
    header: 'tingkat',
    field: 'level',
    required: 'conditional',
    list: false,
    width: 18,
    id: 'Wajib untuk pemerintah dan LKKS: provinsi atau kabupaten/kota. Kosongkan untuk jenis lain.',
    en: 'Required for government agencies and LKKS chapters: provinsi (province) or kabupaten/kota (regency). Leave empty for other types.',
  },
  {
    header: 'kode_induk',
    field: 'parentKey',
    required: 'optional',
    list: false,
    width: 30,
    id: 'Kode organisasi induk, mis. dinas untuk UPT-nya. Boleh menunjuk baris lain di berkas yang sama.',
    en: 'Key of the parent organisation, e.g. the agency of a technical unit. May refer to another row of the same file.',
  },
  {
    header: 'kode_wilayah',
    field: 'areaCode',
    required: 'always',
    list: false,
    width: 16,
    id: 'Kode wilayah Kemendagri tempat kedudukan organisasi, dari provinsi sampai desa/kelurahan, mis. 52.03 atau 52.03.01.2002.',
    en: 'Kemendagri code of the organisation’s seat, from province down to village, e.g. 52.03 or 52.03.01.2002.',
  },
  {
    header: 'alamat',
    field: 'address',
    required: 'optional',
    list: false,
    width: 36,
    id: 'Alamat kantor (maks. 500 karakter).',
    en: 'Office address (max. 500 characters).',
  },
  {
    header: 'situs_web',
    field: 'website',
    required: 'optional',
    list: false,
    width: 30,
    id: 'Situs web, diawali http:// atau https:// (alamat seperti www.contoh.org dilengkapi https:// secara otomatis).',
    en: 'Website starting with http:// or https:// (an address like www.example.org gets https:// added).',
  },
  {
    header: 'deskripsi',
    field: 'description',
    required: 'optional',
    list: false,
    width: 48,
    id: 'Uraian singkat kegiatan organisasi (maks. 5.000 karakter).',
    en: 'Short description of the organisation’s work (max. 5,000 characters).',
  },
  {
    header: 'isu',
    field: 'issues',
    required: 'optional',
    list: true,
    width: 34,
    id: 'Kode isu yang ditangani, dipisah titik koma (;) atau koma; lihat daftar isu di bawah.',
    en: 'Codes of the issues the organisation works on, separated by ; or , (see the list of issues below).',
  },
  {
    header: 'wilayah_cakupan',
    field: 'coverageAreas',
    required: 'optional',
    list: true,
    width: 30,
    id: 'Kode wilayah Kemendagri tempat organisasi berkegiatan, dipisah ; atau ,.',
    en: 'Kemendagri codes of the areas where the organisation works, separated by ; or ,.',
  },
  {
    header: 'tawaran',
    field: 'offers',
    required: 'optional',
    list: true,
    width: 26,
    id: 'Yang dapat ditawarkan kepada kemitraan, dipisah ; atau ,: dana, barang, keahlian, relawan, media (atau kode Inggrisnya).',
    en: 'What the organisation can offer to partnerships, separated by ; or ,: funds, in_kind, expertise, volunteers, media_reach (or the Indonesian labels).',
  },
  {
    header: 'kontak_nama',
    field: 'contact.name',
    required: 'optional',
    list: false,
    width: 24,
    id: 'Nama narahubung. Data pribadi: hanya terlihat oleh pengguna yang masuk. Bila semua kolom kontak kosong, narahubung yang sudah tercatat tidak diubah.',
    en: 'Contact person’s name. Personal data: visible to signed-in users only. When every contact column is empty, the contacts already recorded stay as they are.',
  },
  {
    header: 'kontak_jabatan',
    field: 'contact.position',
    required: 'optional',
    list: false,
    width: 20,
    id: 'Jabatan narahubung.',
    en: 'Contact person’s position.',
  },
  {
    header: 'kontak_telepon',
    field: 'contact.phone',
    required: 'optional',
    list: false,
    width: 20,
    id: 'Nomor telepon/HP narahubung, mis. 0812-3456-7890 atau +62 812 3456 7890. Format sel sebagai teks agar angka 0 di depan tidak hilang.',
    en: 'Contact person’s phone, e.g. 0812-3456-7890 or +62 812 3456 7890. Format the cell as text so the leading 0 is kept.',
  },
  {
    header: 'kontak_email',
    field: 'contact.email',
    required: 'optional',
    list: false,
    width: 28,
    id: 'Email narahubung.',
    en: 'Contact person’s email.',
  },
];

export const REQUIRED_COLUMNS = ORGANISATION_COLUMNS.filter((c) => c.required === 'always');

/** Lower case, single spaces, no spaces around `/`: "Kabupaten / Kota" → "kabupaten/kota". */
export function normaliseLabel(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ');
}

/** Indonesian labels accepted besides the codes (compared after `normaliseLabel`). */
export const TYPE_LABELS: Record<OrganisationType, readonly string[]> = {
  government: ['pemerintah', 'opd', 'dinas'],
  bumn_bumd: ['bumn', 'bumd', 'bumn/bumd'],
  private_company: ['perusahaan', 'swasta'],
  philanthropy: ['filantropi', 'baznas', 'laz', 'yayasan filantropi'],
  university: ['perguruan tinggi', 'universitas'],
  ngo: ['lsm', 'ormas', 'ngo'],
  media: ['media'],
  lkks: ['lkks'],
};
export const LEVEL_LABELS: Record<OrganisationLevel, readonly string[]> = {
  province: ['provinsi'],
  regency: ['kabupaten/kota', 'kabupaten', 'kota'],
};
export const OFFER_LABELS: Record<OfferKind, readonly string[]> = {
  funds: ['dana'],
  in_kind: ['barang'],
  expertise: ['keahlian'],
  volunteers: ['relawan'],
  media_reach: ['media'],
};

function lookup<T extends string>(labels: Record<T, readonly string[]>): (text: string) => T | undefined {
  const byLabel = new Map<string, T>();
  for (const [code, names] of Object.entries(labels) as Array<[T, readonly string[]]>) {
    byLabel.set(code, code);
    for (const name of names) byLabel.set(normaliseLabel(name), code);
  }
  return (text) => byLabel.get(normaliseLabel(text));
}

/** The type code for a code or label ("OPD" → government), or undefined. */
export const typeFromLabel = lookup(TYPE_LABELS);
export const levelFromLabel = lookup(LEVEL_LABELS);
export const offerFromLabel = lookup(OFFER_LABELS);

/** "a; b, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The column a field of `createOrganisationBody` (a zod issue path) is read from. */
export function columnOfPath(path: readonly PropertyKey[]): SheetColumn | undefined {
  const field = path[0] === 'contacts' ? `contact.${String(path[2])}` : String(path[0]);
  return ORGANISATION_COLUMNS.find((c) => c.field === field);
}

/** The text of one cell for a record. */
export function cellOf(record: SheetRecord, column: SheetColumn): string {
  if (column.field.startsWith('contact.')) {
    const field = column.field.slice('contact.'.length) as ContactField;
    return record.contacts[0]?.[field] ?? '';
  }
  const value = record[column.field as Exclude<keyof SheetRecord, 'contacts'>];
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return value ?? '';
}

/** One row of cell texts in column order. */
export function cellsOf(record: SheetRecord): string[] {
  return ORGANISATION_COLUMNS.map((column) => cellOf(record, column));
}

export function sheetRecordOf(row: OrganisationSheetRow): SheetRecord {
  return {
    key: row.key,
    legalName: row.legal_name,
    shortName: row.short_name,
    type: row.type,
    level: row.level,
    parentKey: row.parent_key,
    areaCode: row.area_code,
    address: row.address,
    website: row.website,
    description: row.description,
    issues: row.issues,
    coverageAreas: row.coverage,
    offers: row.offers,
    contacts: (row.contacts as ContactPerson[] | null) ?? [],
  };
}

/**
 * The template's example rows: fictional, valid against the seeded issues and NTB's areas
 * (so they show what a correct row looks like), and never imported: the import knows them
 * by their kode (TEMPLATE_EXAMPLE_KEYS), which survives renaming the file, re-saving it as
 * CSV and editing the other cells, and reports them as skipped. The second row's parent is
 * the first.
 */
export const TEMPLATE_EXAMPLES: readonly SheetRecord[] = [
  {
    key: 'contoh-yayasan-sejahtera',
    legalName: 'Yayasan Contoh Sejahtera Bersama',
    shortName: 'YCSB',
    type: 'philanthropy',
    level: null,
    parentKey: null,
    areaCode: '52.71',
    address: 'Jl. Contoh No. 1, Mataram',
    website: 'https://contoh.example.org',
    description: 'Baris contoh: tidak diimpor. / Example row: never imported.',
    issues: ['kemiskinan_ekstrem', 'pendidikan'],
    coverageAreas: ['52.01', '52.71'],
    offers: ['funds', 'in_kind'],
    contacts: [
      { name: 'Siti Contoh', position: 'Ketua', phone: '0812-0000-0001', email: 'siti@contoh.example.org' },
    ],
  },
  {
    key: 'contoh-relawan-lombok-timur',
    legalName: 'Relawan Contoh Sejahtera Lombok Timur',
    shortName: null,
    type: 'ngo',
    level: null,
    parentKey: 'contoh-yayasan-sejahtera',
    areaCode: '52.03.01',
    address: null,
    website: null,
    description: 'Baris contoh: tidak diimpor. / Example row: never imported.',
    issues: ['tengkes'],
    coverageAreas: ['52.03.01.2002'],
    offers: ['volunteers', 'expertise'],
    contacts: [],
  },
];

/** The kode of every example row the template has ever carried: such rows are skipped by the import. */
export const TEMPLATE_EXAMPLE_KEYS: ReadonlySet<string> = new Set(TEMPLATE_EXAMPLES.map((r) => r.key));
