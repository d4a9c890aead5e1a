/**
 * Reference figures and vocabulary for the synthetic NTB-scale generator
 * (ntb-scale.ts). Poverty figures are as reported in ../shared/reference/ntb-facts.md
 * §3b (press reports quoting BPS, March 2024); every name below is made up from
 * common Indonesian and NTB words, except government offices and BAZNAS, whose
 * names follow the real nomenclature because every kabupaten has one. See
 * docs/synthetic-data.md.
 */
import type { Modality } from '../../../shared/programs.ts';
import type { OfferKind } from '../../../shared/roles.ts';

/**
 * "Today" for generated statuses. A fixed date, not the clock, so the same seed gives
 * the same statuses on any day: programs that end before it are completed, those that
 * span it are active, later ones planned.
 */
export const REFERENCE_DATE = '2026-11-28';

/** The strategy period generated programs fall in (Strategi Kolaborasi 2025–2030). */
export const FIRST_YEAR = 2025;
export const LAST_YEAR = 2030;

export interface KabupatenPoverty {
  code: string;
  /** Short name used in titles ("Lombok Timur", "Kota Mataram"). */
  short: string;
  island: 'lombok' | 'sumbawa';
  /** BPS poverty rate P0, March 2024, percent. */
  rate: number;
  /** Poor people, March 2024 (thousands); `derived` when computed as rate × population. */
  poorThousands: number;
  derived: boolean;
}

/**
 * BPS March 2024 poverty by kabupaten/kota (ntb-facts.md §3b). Sumbawa Barat and Kota
 * Mataram have no published count for 2024; theirs is rate × Dukcapil S1-2025
 * population (§2), marked derived.
 */
export const KABUPATEN_POVERTY: readonly KabupatenPoverty[] = [
  {
    code: '52.01',
    short: 'Lombok Barat',
    island: 'lombok',
    rate: 12.65,
    poorThousands: 96.57,
    derived: false,
  },
  {
    code: '52.02',
    short: 'Lombok Tengah',
    island: 'lombok',
    rate: 12.07,
    poorThousands: 122.32,
    derived: false,
  },
  {
    code: '52.03',
    short: 'Lombok Timur',
    island: 'lombok',
    rate: 14.51,
    poorThousands: 185.03,
    derived: false,
  },
  { code: '52.04', short: 'Sumbawa', island: 'sumbawa', rate: 12.87, poorThousands: 63.0, derived: false },
  { code: '52.05', short: 'Dompu', island: 'sumbawa', rate: 11.59, poorThousands: 32.08, derived: false },
  { code: '52.06', short: 'Bima', island: 'sumbawa', rate: 13.88, poorThousands: 72.92, derived: false },
  {
    code: '52.07',
    short: 'Sumbawa Barat',
    island: 'sumbawa',
    rate: 12.23,
    poorThousands: 19.24,
    derived: true,
  },
  {
    code: '52.08',
    short: 'Lombok Utara',
    island: 'lombok',
    rate: 23.96,
    poorThousands: 56.43,
    derived: false,
  },
  { code: '52.71', short: 'Kota Mataram', island: 'lombok', rate: 8.0, poorThousands: 37.17, derived: true },
  { code: '52.72', short: 'Kota Bima', island: 'sumbawa', rate: 8.12, poorThousands: 15.81, derived: false },
];

export const POVERTY_SOURCE =
  'BPS, March 2024, as reported by databoks / antaranews (ntb-facts.md §3b); counts for Sumbawa Barat and Kota Mataram derived from rate × Dukcapil S1-2025 population';

/**
 * How often each issue is a program's main issue. The three LKKS NTB priorities
 * (extreme poverty, stunting, child marriage) lead, as in the 2025–2030 strategy.
 */
export const ISSUE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['kemiskinan_ekstrem', 22],
  ['tengkes', 16],
  ['perkawinan_anak', 15],
  ['pemberdayaan_ekonomi', 12],
  ['pendidikan', 9],
  ['kesehatan', 8],
  ['disabilitas', 5],
  ['perumahan_rtlh', 5],
  ['lansia', 4],
  ['anak_terlantar', 4],
  ['odgj', 3],
  ['kebencanaan', 3],
];

/** Issues that travel together in real programs (a stunting program is also a health one…). */
export const RELATED_ISSUES: Record<string, readonly string[]> = {
  kemiskinan_ekstrem: ['pemberdayaan_ekonomi', 'perumahan_rtlh', 'lansia'],
  tengkes: ['kesehatan', 'kemiskinan_ekstrem'],
  perkawinan_anak: ['pendidikan', 'anak_terlantar'],
  odgj: ['kesehatan', 'disabilitas'],
  disabilitas: ['kesehatan', 'pemberdayaan_ekonomi'],
  lansia: ['kesehatan', 'kemiskinan_ekstrem'],
  anak_terlantar: ['pendidikan', 'perkawinan_anak'],
  pendidikan: ['perkawinan_anak', 'kemiskinan_ekstrem'],
  kesehatan: ['tengkes', 'lansia'],
  pemberdayaan_ekonomi: ['kemiskinan_ekstrem', 'disabilitas'],
  perumahan_rtlh: ['kemiskinan_ekstrem', 'kebencanaan'],
  kebencanaan: ['perumahan_rtlh', 'kesehatan'],
};

export interface GovernmentOffice {
  name: string;
  short: string;
  issues: string[];
  offers: OfferKind[];
}

/**
 * Provincial OPD that run social-welfare programs. Dinas Sosial and DP3A NTB are
 * already in the hand-written demo organisations, so they are not generated again.
 */
export const PROVINCE_OFFICES: readonly GovernmentOffice[] = [
  {
    name: 'Badan Perencanaan Pembangunan Daerah',
    short: 'Bappeda',
    issues: ['kemiskinan_ekstrem', 'tengkes'],
    offers: ['expertise'],
  },
  {
    name: 'Dinas Kesehatan',
    short: 'Dinkes',
    issues: ['tengkes', 'kesehatan', 'odgj'],
    offers: ['funds', 'expertise'],
  },
  {
    name: 'Dinas Pendidikan dan Kebudayaan',
    short: 'Dikbud',
    issues: ['pendidikan', 'perkawinan_anak'],
    offers: ['funds'],
  },
  {
    name: 'Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil',
    short: 'DPMPD Dukcapil',
    issues: ['kemiskinan_ekstrem', 'pemberdayaan_ekonomi'],
    offers: ['funds', 'expertise'],
  },
  {
    name: 'Dinas Perumahan dan Permukiman',
    short: 'Disperkim',
    issues: ['perumahan_rtlh', 'kemiskinan_ekstrem'],
    offers: ['funds', 'in_kind'],
  },
  {
    name: 'Dinas Koperasi, Usaha Kecil dan Menengah',
    short: 'Diskop UKM',
    issues: ['pemberdayaan_ekonomi'],
    offers: ['funds', 'expertise'],
  },
  {
    name: 'Badan Penanggulangan Bencana Daerah',
    short: 'BPBD',
    issues: ['kebencanaan'],
    offers: ['in_kind', 'expertise'],
  },
  {
    name: 'Dinas Tenaga Kerja dan Transmigrasi',
    short: 'Disnakertrans',
    issues: ['pemberdayaan_ekonomi', 'disabilitas'],
    offers: ['expertise'],
  },
  {
    name: 'Dinas Pengendalian Penduduk dan Keluarga Berencana',
    short: 'DP2KB',
    issues: ['tengkes', 'perkawinan_anak'],
    offers: ['expertise'],
  },
  {
    name: 'Dinas Ketahanan Pangan',
    short: 'Dinas Ketahanan Pangan',
    issues: ['tengkes', 'kemiskinan_ekstrem'],
    offers: ['in_kind'],
  },
  {
    name: 'Dinas Pertanian dan Perkebunan',
    short: 'Distanbun',
    issues: ['pemberdayaan_ekonomi'],
    offers: ['in_kind', 'expertise'],
  },
  {
    name: 'Dinas Kelautan dan Perikanan',
    short: 'DKP',
    issues: ['pemberdayaan_ekonomi', 'kemiskinan_ekstrem'],
    offers: ['in_kind'],
  },
];

/** Kabupaten/kota OPD (Dinas Sosial is hand-written in the demo organisations). */
export const REGENCY_OFFICES: readonly GovernmentOffice[] = [
  {
    name: 'Dinas Kesehatan',
    short: 'Dinkes',
    issues: ['tengkes', 'kesehatan', 'odgj'],
    offers: ['funds', 'expertise'],
  },
  {
    name: 'Badan Perencanaan Pembangunan Daerah',
    short: 'Bappeda',
    issues: ['kemiskinan_ekstrem', 'tengkes'],
    offers: ['expertise'],
  },
  {
    name: 'Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak',
    short: 'DP3AP2KB',
    issues: ['perkawinan_anak', 'tengkes', 'anak_terlantar'],
    offers: ['expertise'],
  },
  {
    name: 'Dinas Pemberdayaan Masyarakat dan Desa',
    short: 'DPMD',
    issues: ['kemiskinan_ekstrem', 'pemberdayaan_ekonomi'],
    offers: ['funds', 'expertise'],
  },
  {
    name: 'Dinas Pendidikan',
    short: 'Dikbud',
    issues: ['pendidikan', 'perkawinan_anak'],
    offers: ['funds'],
  },
  {
    name: 'Dinas Perumahan dan Kawasan Permukiman',
    short: 'Disperkim',
    issues: ['perumahan_rtlh'],
    offers: ['funds', 'in_kind'],
  },
  {
    name: 'Badan Penanggulangan Bencana Daerah',
    short: 'BPBD',
    issues: ['kebencanaan'],
    offers: ['in_kind'],
  },
  {
    name: 'Dinas Koperasi, Usaha Mikro dan Perdagangan',
    short: 'Diskopdag',
    issues: ['pemberdayaan_ekonomi'],
    offers: ['funds', 'expertise'],
  },
];

/** Lembaga Amil Zakat names (made up). */
export const LAZ_NAMES = [
  'Baitul Ihsan',
  'Darul Falah',
  'Insan Peduli',
  'Amanah Umat',
  'Rahmatan Lil Alamin',
  'Al-Ikhlas',
  'Baitul Mal Sasambo',
  'Ukhuwah Islamiyah',
  'Bina Ummah',
  'Nurul Hikmah',
  'Dompet Sasak',
  'Zakat Sehati',
  'Al-Barokah',
  'Mizan Amanah',
  'Baitul Maal Samawa',
];

export const NAME_FIRST = [
  'Kasih',
  'Cahaya',
  'Harapan',
  'Lentera',
  'Tunas',
  'Pelita',
  'Bakti',
  'Peduli',
  'Senyum',
  'Mutiara',
  'Surya',
  'Citra',
  'Sinar',
  'Pijar',
  'Embun',
  'Nurani',
];

/** Place words that read as NTB without naming a real body: islands, mountains, peoples. */
export const PLACE_WORDS: Record<'lombok' | 'sumbawa', readonly string[]> = {
  lombok: ['Sasak', 'Rinjani', 'Selaparang', 'Gumi Sasak', 'Segara Anak', 'Lombok', 'Gili', 'Mandalika'],
  sumbawa: ['Samawa', 'Tambora', 'Mbojo', 'Dana Mbojo', 'Moyo', 'Tana Samawa', 'Sumbawa', 'Satonda'],
};

export const NGO_FORMS = [
  'Yayasan',
  'Perkumpulan',
  'Lembaga',
  'Komunitas',
  'Forum',
  'Koalisi',
  'Pusat Studi',
];

/** Words an NGO puts in its name for its main issue. */
export const NGO_FOCUS: Record<string, readonly string[]> = {
  kemiskinan_ekstrem: ['Keluarga Sejahtera', 'Pengentasan Kemiskinan', 'Desa Berdaya', 'Solidaritas Warga'],
  tengkes: ['Peduli Gizi', 'Generasi Sehat', 'Seribu Hari Pertama', 'Gizi Anak'],
  perkawinan_anak: ['Perlindungan Anak', 'Remaja Berdaya', 'Cegah Kawin Anak', 'Hak Anak'],
  odgj: ['Sehat Jiwa', 'Peduli Jiwa', 'Lepas Pasung'],
  disabilitas: ['Difabel Mandiri', 'Disabilitas Berdaya', 'Inklusi'],
  lansia: ['Sahabat Lansia', 'Lansia Sejahtera'],
  anak_terlantar: ['Rumah Anak', 'Pengasuhan Anak', 'Anak Bangsa'],
  pendidikan: ['Pendidikan Rakyat', 'Literasi Desa', 'Sekolah Alam', 'Cerdas Bangsa'],
  kesehatan: ['Kesehatan Masyarakat', 'Sehat Bersama', 'Sanitasi Desa'],
  pemberdayaan_ekonomi: ['Ekonomi Kerakyatan', 'Usaha Mandiri', 'Perempuan Berdaya', 'Petani Mandiri'],
  perumahan_rtlh: ['Rumah Layak', 'Hunian Sehat'],
  kebencanaan: ['Tanggap Bencana', 'Siaga Bencana', 'Tangguh Bencana'],
};

export interface CompanySector {
  name: string;
  roots: readonly string[];
  /** Where companies of this sector sit, with weights. */
  seats: ReadonlyArray<readonly [string, number]>;
  issues: ReadonlyArray<readonly [string, number]>;
  /** How likely a company of the sector is to own or fund programs. */
  activity: number;
}

export const COMPANY_SECTORS: readonly CompanySector[] = [
  {
    name: 'mining',
    roots: ['Tambang', 'Mineral', 'Logam', 'Galian'],
    seats: [
      ['52.07', 5],
      ['52.04', 3],
      ['52.05', 2],
      ['52.06', 1],
    ],
    issues: [
      ['pemberdayaan_ekonomi', 4],
      ['tengkes', 3],
      ['pendidikan', 3],
      ['kesehatan', 2],
      ['perumahan_rtlh', 1],
    ],
    activity: 2.5,
  },
  {
    name: 'tourism',
    roots: ['Wisata', 'Resort', 'Bahari', 'Pesona'],
    seats: [
      ['52.02', 4],
      ['52.08', 4],
      ['52.01', 3],
      ['52.71', 2],
      ['52.04', 1],
    ],
    issues: [
      ['pemberdayaan_ekonomi', 5],
      ['pendidikan', 2],
      ['kebencanaan', 1],
      ['kemiskinan_ekstrem', 2],
    ],
    activity: 0.8,
  },
  {
    name: 'agriculture',
    roots: ['Agro', 'Tani', 'Tembakau', 'Jagung', 'Garam', 'Ternak'],
    seats: [
      ['52.03', 4],
      ['52.02', 3],
      ['52.05', 3],
      ['52.06', 3],
      ['52.04', 2],
    ],
    issues: [
      ['pemberdayaan_ekonomi', 5],
      ['kemiskinan_ekstrem', 3],
      ['tengkes', 2],
    ],
    activity: 1,
  },
  {
    name: 'fisheries',
    roots: ['Mutiara', 'Perikanan', 'Rumput Laut', 'Samudra'],
    seats: [
      ['52.03', 2],
      ['52.04', 2],
      ['52.06', 2],
      ['52.08', 1],
      ['52.01', 1],
    ],
    issues: [
      ['pemberdayaan_ekonomi', 5],
      ['kemiskinan_ekstrem', 2],
      ['tengkes', 1],
    ],
    activity: 0.7,
  },
  {
    name: 'trade',
    roots: ['Niaga', 'Dagang', 'Retail', 'Distribusi'],
    seats: [
      ['52.71', 5],
      ['52.72', 2],
      ['52.02', 1],
      ['52.03', 1],
    ],
    issues: [
      ['kemiskinan_ekstrem', 3],
      ['pendidikan', 2],
      ['kesehatan', 2],
      ['lansia', 1],
      ['anak_terlantar', 1],
    ],
    activity: 0.8,
  },
  {
    name: 'construction',
    roots: ['Konstruksi', 'Bangun', 'Beton', 'Karya'],
    seats: [
      ['52.71', 4],
      ['52.72', 1],
      ['52.01', 1],
      ['52.04', 1],
    ],
    issues: [
      ['perumahan_rtlh', 5],
      ['kebencanaan', 2],
      ['kemiskinan_ekstrem', 1],
    ],
    activity: 0.9,
  },
  {
    name: 'energy',
    roots: ['Energi', 'Daya', 'Surya Daya', 'Panas Bumi'],
    seats: [
      ['52.01', 2],
      ['52.07', 1],
      ['52.02', 1],
      ['52.71', 1],
    ],
    issues: [
      ['pemberdayaan_ekonomi', 3],
      ['pendidikan', 2],
      ['kesehatan', 2],
      ['tengkes', 2],
    ],
    activity: 1.5,
  },
];

export const COMPANY_PREFIXES = [
  'Nusa',
  'Sinar',
  'Mitra',
  'Bumi',
  'Segara',
  'Mandalika',
  'Sasambo',
  'Cahaya',
  'Gunung',
  'Teluk',
  'Pulau',
  'Tanjung',
];
export const COMPANY_SUFFIXES = [
  'Lestari',
  'Jaya',
  'Abadi',
  'Makmur',
  'Sejahtera',
  'Mandiri',
  'Persada',
  'Utama',
  'Sentosa',
  'Perkasa',
  'Raya',
  'Indah',
];

/** State-owned enterprises: made-up names on the usual lines of business of a provincial branch. */
export const BUMN_LINES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Listrik Nusantara', ['pemberdayaan_ekonomi', 'pendidikan', 'tengkes']],
  ['Telekomunikasi Negeri', ['pendidikan', 'pemberdayaan_ekonomi']],
  ['Bank Rakyat Niaga', ['pemberdayaan_ekonomi', 'kemiskinan_ekstrem']],
  ['Bank Tabungan Bangsa', ['perumahan_rtlh', 'pemberdayaan_ekonomi']],
  ['Pelabuhan Indonesia Timur', ['pemberdayaan_ekonomi', 'kesehatan']],
  ['Pupuk Tani Nusantara', ['pemberdayaan_ekonomi', 'tengkes']],
  ['Asuransi Sosial Bangsa', ['kesehatan', 'lansia']],
  ['Gadai Sejahtera', ['pemberdayaan_ekonomi', 'kemiskinan_ekstrem']],
  ['Perkebunan Nusantara Timur', ['pemberdayaan_ekonomi']],
  ['Angkasa Nusantara', ['pendidikan', 'kebencanaan']],
  ['Pos Nusantara', ['lansia', 'kemiskinan_ekstrem']],
  ['Semen Bangsa', ['perumahan_rtlh', 'kebencanaan']],
  ['Gas Energi Negeri', ['kesehatan', 'pemberdayaan_ekonomi']],
];

/** Regional enterprises (BUMD): water utilities, rural banks, credit guarantees. */
export const BUMD_FORMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Perumda Air Minum Tirta', ['kesehatan', 'tengkes']],
  ['PT BPR', ['pemberdayaan_ekonomi', 'kemiskinan_ekstrem']],
  ['PT Jamkrida', ['pemberdayaan_ekonomi']],
  ['Perumda Pasar', ['pemberdayaan_ekonomi']],
];

export const UNIVERSITY_FORMS = [
  'Universitas',
  'Universitas Islam',
  'Sekolah Tinggi Ilmu Kesehatan',
  'Politeknik',
  'Institut Keguruan dan Ilmu Pendidikan',
  'Sekolah Tinggi Ilmu Ekonomi',
  'Institut Teknologi',
];
export const UNIVERSITY_WORDS = ['Cendekia', 'Insan', 'Bina', 'Widya', 'Harapan', 'Putra', 'Citra', 'Nusa'];

export const MEDIA_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['Radio', 'FM'],
  ['Harian', ''],
  ['Portal Berita', '.id'],
  ['TV', ''],
  ['Majalah', ''],
];
export const MEDIA_WORDS = ['Suara', 'Gema', 'Warta', 'Kabar', 'Swara', 'Cakrawala', 'Pena', 'Lensa', 'Obor'];

/**
 * Title phrases by issue and modality: what a program of that kind is called in a
 * partner's recap. Place and year are appended.
 */
export const PROGRAM_PHRASES: Record<string, Record<Modality, readonly string[]>> = {
  kemiskinan_ekstrem: {
    cash: ['Bantuan Langsung Tunai Keluarga Miskin Ekstrem', 'Santunan Tunai Keluarga Desil 1'],
    in_kind: ['Paket Sembako Keluarga Miskin Ekstrem', 'Bantuan Pangan Keluarga Desil 1'],
    service: ['Pendampingan Sosial Keluarga Miskin Ekstrem', 'Layanan Administrasi Kependudukan dan Bansos'],
    productive_asset: [
      'Bantuan Modal Usaha Keluarga Miskin Ekstrem',
      'Bantuan Ternak Produktif Keluarga Desil 1',
    ],
    training: ['Pelatihan Kewirausahaan Keluarga Prasejahtera', 'Sekolah Lapang Keluarga Berdaya'],
    infrastructure: ['Pembangunan Sarana Air Bersih Desa', 'Jamban Sehat Keluarga Miskin Ekstrem'],
  },
  tengkes: {
    cash: ['Bantuan Tunai Ibu Hamil dan Balita Berisiko Tengkes'],
    in_kind: ['Pemberian Makanan Tambahan Balita', 'Paket Gizi Ibu Hamil KEK', 'Telur dan Ikan untuk Balita'],
    service: ['Kelas Ibu Balita dan Pemantauan Tumbuh Kembang', 'Pendampingan Keluarga Berisiko Tengkes'],
    productive_asset: ['Kebun Gizi Keluarga dan Ternak Unggas', 'Bantuan Kolam Ikan Keluarga Balita'],
    training: ['Pelatihan Kader Posyandu Cegah Tengkes', 'Pelatihan Dapur Sehat Atasi Tengkes (Dashat)'],
    infrastructure: [
      'Rehabilitasi Posyandu dan Sarana Sanitasi',
      'Pembangunan Sarana Air Bersih Cegah Tengkes',
    ],
  },
  perkawinan_anak: {
    cash: ['Beasiswa Anak Perempuan Cegah Perkawinan Anak', 'Bantuan Biaya Sekolah Remaja Putri'],
    in_kind: ['Bantuan Perlengkapan Sekolah Remaja Rentan Kawin Anak'],
    service: ['Konseling Remaja dan Pendampingan Keluarga', 'Layanan Pengaduan Perkawinan Anak'],
    productive_asset: ['Modal Usaha Remaja Putri Putus Sekolah'],
    training: [
      'Sekolah Remaja Cegah Perkawinan Anak',
      'Pelatihan Forum Anak Desa',
      'Penguatan Awig-awig Desa',
    ],
    infrastructure: ['Pembangunan Pusat Kegiatan Remaja Desa'],
  },
  odgj: {
    cash: ['Santunan Keluarga Pendamping ODGJ'],
    in_kind: ['Bantuan Obat dan Kebutuhan Dasar ODGJ'],
    service: ['Layanan Kesehatan Jiwa Berbasis Masyarakat', 'Pembebasan dan Pemulihan Korban Pasung'],
    productive_asset: ['Modal Usaha Pemulihan ODGJ'],
    training: ['Pelatihan Kader Kesehatan Jiwa Desa'],
    infrastructure: ['Rehabilitasi Rumah Singgah Pemulihan Jiwa'],
  },
  disabilitas: {
    cash: ['Asistensi Tunai Penyandang Disabilitas'],
    in_kind: ['Bantuan Alat Bantu Disabilitas', 'Kursi Roda dan Alat Bantu Dengar'],
    service: ['Rehabilitasi Berbasis Masyarakat', 'Layanan Terapi Anak Disabilitas'],
    productive_asset: ['Modal Usaha Penyandang Disabilitas'],
    training: ['Pelatihan Kerja Inklusif Disabilitas'],
    infrastructure: ['Aksesibilitas Fasilitas Umum Desa'],
  },
  lansia: {
    cash: ['Asistensi Tunai Lansia Terlantar'],
    in_kind: ['Paket Permakanan Lansia Tunggal'],
    service: ['Perawatan Lansia di Rumah (Home Care)', 'Posyandu Lansia'],
    productive_asset: ['Usaha Ekonomi Produktif Keluarga Lansia'],
    training: ['Pelatihan Pendamping Lansia'],
    infrastructure: ['Rehabilitasi Rumah Lansia Tunggal'],
  },
  anak_terlantar: {
    cash: ['Bantuan Tunai Anak Yatim dan Terlantar'],
    in_kind: ['Bantuan Kebutuhan Dasar Anak di LKSA'],
    service: ['Pengasuhan Berbasis Keluarga Anak Terlantar', 'Layanan Akta Kelahiran Anak'],
    productive_asset: ['Modal Usaha Keluarga Pengasuh'],
    training: ['Pelatihan Pengasuhan Positif'],
    infrastructure: ['Rehabilitasi Lembaga Kesejahteraan Sosial Anak'],
  },
  pendidikan: {
    cash: ['Beasiswa Siswa Keluarga Miskin', 'Beasiswa Tunas Negeri'],
    in_kind: ['Bantuan Seragam dan Buku Sekolah'],
    service: ['Bimbingan Belajar Anak Desa', 'Gerakan Kembali ke Sekolah'],
    productive_asset: ['Sarana Belajar Digital Sekolah Desa'],
    training: ['Pelatihan Guru PAUD Desa', 'Kursus Keterampilan Pemuda Putus Sekolah'],
    infrastructure: ['Rehabilitasi Ruang Kelas', 'Pembangunan Taman Baca Desa'],
  },
  kesehatan: {
    cash: ['Bantuan Iuran BPJS Kesehatan Warga Miskin'],
    in_kind: ['Bantuan Obat dan Vitamin Warga Rentan'],
    service: ['Pengobatan Gratis Keliling', 'Pemeriksaan Kesehatan Ibu dan Anak'],
    productive_asset: ['Ambulans Desa'],
    training: ['Pelatihan Kader Kesehatan Desa'],
    infrastructure: ['Rehabilitasi Polindes dan Poskesdes', 'Sanitasi Total Berbasis Masyarakat'],
  },
  pemberdayaan_ekonomi: {
    cash: ['Bantuan Tunai Usaha Mikro'],
    in_kind: ['Bantuan Peralatan Usaha Mikro', 'Bantuan Bibit dan Pupuk Petani Kecil'],
    service: ['Pendampingan Usaha Mikro dan Pemasaran Daring'],
    productive_asset: [
      'Modal Bergulir Kelompok Usaha Bersama',
      'Bantuan Ternak Sapi Kelompok',
      'Bantuan Alat Tangkap Nelayan',
    ],
    training: [
      'Pelatihan Kewirausahaan Perempuan',
      'Pelatihan Pengolahan Hasil Pertanian',
      'Inkubasi UMKM Desa',
    ],
    infrastructure: ['Pembangunan Pasar Desa', 'Irigasi Tersier dan Embung Desa'],
  },
  perumahan_rtlh: {
    cash: ['Bantuan Stimulan Perumahan Swadaya'],
    in_kind: ['Bantuan Bahan Bangunan Rumah Tidak Layak Huni'],
    service: ['Pendataan dan Pendampingan Bedah Rumah'],
    productive_asset: ['Bantuan Usaha Batako Kelompok Warga'],
    training: ['Pelatihan Tukang Rumah Tahan Gempa'],
    infrastructure: ['Bedah Rumah Tidak Layak Huni', 'Rehabilitasi Rumah Tidak Layak Huni'],
  },
  kebencanaan: {
    cash: ['Bantuan Tunai Korban Bencana'],
    in_kind: ['Bantuan Logistik Korban Banjir', 'Paket Logistik Tanggap Darurat'],
    service: ['Layanan Dukungan Psikososial Pascabencana'],
    productive_asset: ['Pemulihan Mata Pencaharian Pascabencana'],
    training: ['Pelatihan Desa Tangguh Bencana'],
    infrastructure: ['Hunian Sementara dan Sarana Air Bersih Pascabencana', 'Tanggul dan Drainase Desa'],
  },
};

/** Partnership themes by issue: "Kemitraan <theme> <place>". */
export const PARTNERSHIP_THEMES: Record<string, string> = {
  kemiskinan_ekstrem: 'Penghapusan Kemiskinan Ekstrem',
  tengkes: 'Percepatan Penurunan Tengkes',
  perkawinan_anak: 'Pencegahan Perkawinan Anak',
  odgj: 'Bebas Pasung dan Kesehatan Jiwa',
  disabilitas: 'Desa Inklusif Disabilitas',
  lansia: 'Perlindungan Sosial Lansia',
  anak_terlantar: 'Pengasuhan Anak Berbasis Keluarga',
  pendidikan: 'Gerakan Kembali ke Sekolah',
  kesehatan: 'Desa Sehat',
  pemberdayaan_ekonomi: 'Pemberdayaan Ekonomi Desa',
  perumahan_rtlh: 'Rumah Layak Huni',
  kebencanaan: 'Desa Tangguh Bencana',
};

/**
 * In-kind contributions by organisation sector. `{hh}` becomes a count of households or
 * people served, `{k}` a small count (staff, episodes, months).
 */
export const IN_KIND_BY_SECTOR: Record<string, readonly string[]> = {
  business: [
    '{hh} paket sembako',
    'bibit dan pupuk untuk {hh} petani',
    'alat tangkap untuk {hh} nelayan',
    'bahan bangunan untuk {k} rumah',
    'makanan tambahan untuk {hh} balita',
    'kendaraan operasional selama {k} bulan',
  ],
  government: [
    'data DTSEN desil 1–2 dan verifikasi lapangan',
    'pendamping PKH di {k} desa',
    'ruang pertemuan dan fasilitasi OPD',
    'tenaga kesehatan puskesmas untuk {k} posyandu',
  ],
  philanthropy: [
    '{hh} paket sembako',
    'beasiswa untuk {hh} siswa',
    'paket kebutuhan dasar untuk {hh} keluarga',
  ],
  university: [
    'KKN tematik {k} mahasiswa',
    'kajian baseline dan endline',
    'tenaga ahli gizi {k} orang',
    'pelatihan kader oleh dosen',
  ],
  ngo: [
    'pendamping lapangan {k} orang',
    'fasilitator desa {k} orang',
    'relawan {k} orang',
    'modul pelatihan dan fasilitasi kelas',
  ],
  media: [
    'siaran talkshow {k} episode',
    '{k} artikel liputan',
    'iklan layanan masyarakat {k} kali tayang',
    'kampanye media sosial {k} minggu',
  ],
};

export const EXPERTISE_BY_SECTOR: Record<string, readonly string[]> = {
  business: ['manajemen usaha dan pemasaran', 'teknik konstruksi', 'keuangan mikro'],
  government: [
    'perencanaan dan penganggaran daerah',
    'data terpadu kesejahteraan sosial',
    'regulasi dan perizinan',
  ],
  philanthropy: ['penyaluran zakat produktif', 'verifikasi mustahik'],
  university: [
    'riset dan evaluasi dampak',
    'gizi masyarakat',
    'psikologi dan konseling',
    'pertanian lahan kering',
  ],
  ngo: ['pengorganisasian masyarakat', 'pendampingan keluarga', 'advokasi kebijakan desa'],
  media: ['komunikasi perubahan perilaku', 'produksi konten edukasi'],
};
