/**
 * The words partners use for issues (Bidang, Isu) and forms of aid (Jenis/Bentuk
 * Bantuan), mapped to the platform's issue codes and modalities. Issue names come from
 * the taxonomy in the database (coordinators may add issues); the keywords below are
 * the everyday words for the seeded issues. A word found in no table is never guessed:
 * the importer asks.
 */
import { isProductive, MODALITIES, type Modality } from '../../../../shared/programs.ts';
import { editDistance } from '../normalise/area-names.ts';

export interface IssueEntry {
  code: string;
  nameId: string;
  nameEn: string;
}

/** Lower case, punctuation as spaces, padded so `includes(' word ')` matches whole words. */
export function wordsOf(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${words} `;
}

const containsWord = (words: string, keyword: string) => words.includes(` ${keyword} `);

/** Everyday words for the seeded issues ("stunting" is tengkes, "RTLH" is housing). */
const ISSUE_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  kemiskinan_ekstrem: ['kemiskinan', 'kemiskinan ekstrem', 'miskin', 'miskin ekstrem', 'poverty', 'p3ke'],
  tengkes: ['tengkes', 'stunting', 'gizi buruk', 'gizi kurang', 'gizi seimbang', 'wasting', 'pmt balita'],
  perkawinan_anak: [
    'perkawinan anak',
    'kawin anak',
    'pernikahan anak',
    'pernikahan dini',
    'perkawinan dini',
    'nikah dini',
    'child marriage',
  ],
  odgj: ['odgj', 'gangguan jiwa', 'kesehatan jiwa', 'jiwa sehat', 'pasung', 'bebas pasung', 'mental health'],
  disabilitas: [
    'disabilitas',
    'difabel',
    'penyandang disabilitas',
    'penyandang cacat',
    'disability',
    'kursi roda',
  ],
  lansia: ['lansia', 'lanjut usia', 'manula', 'elderly', 'older people'],
  anak_terlantar: [
    'anak terlantar',
    'terlantar',
    'anak jalanan',
    'yatim',
    'piatu',
    'yatim piatu',
    'panti asuhan',
  ],
  pendidikan: ['pendidikan', 'beasiswa', 'sekolah', 'education', 'literasi', 'paud'],
  kesehatan: ['kesehatan', 'health', 'posyandu', 'puskesmas', 'pengobatan', 'kesehatan ibu'],
  pemberdayaan_ekonomi: [
    'pemberdayaan ekonomi',
    'ekonomi',
    'umkm',
    'modal usaha',
    'usaha mikro',
    'kewirausahaan',
    'economic empowerment',
    'livelihood',
  ],
  perumahan_rtlh: [
    'perumahan',
    'rtlh',
    'bedah rumah',
    'rumah layak huni',
    'rumah tidak layak huni',
    'housing',
  ],
  kebencanaan: [
    'bencana',
    'kebencanaan',
    'gempa',
    'banjir',
    'longsor',
    'kekeringan',
    'disaster',
    'tanggap darurat',
  ],
};

/** Names of an issue as written in the taxonomy, and their parts: "Tengkes (stunting)" → "tengkes", "stunting". */
function aliasesOf(issue: IssueEntry): string[] {
  const names = [issue.code.replace(/_/g, ' '), issue.nameId, issue.nameEn];
  const parts = names.flatMap((name) => [name, ...name.split(/[()/]/)]);
  return [...new Set(parts.map((part) => wordsOf(part).trim()).filter((part) => part.length >= 3))];
}

/** Reads issue words against the active taxonomy. */
export class IssueVocabulary {
  private readonly aliases = new Map<string, string>();
  private readonly keywords: Array<[string, string]> = [];

  constructor(readonly issues: readonly IssueEntry[]) {
    const active = new Set(issues.map((issue) => issue.code));
    for (const issue of issues) for (const alias of aliasesOf(issue)) this.aliases.set(alias, issue.code);
    for (const [code, words] of Object.entries(ISSUE_KEYWORDS)) {
      if (active.has(code)) for (const word of words) this.keywords.push([word, code]);
    }
    for (const [alias, code] of this.aliases) this.keywords.push([alias, code]);
  }

  /** Issues one piece of a Bidang/Isu cell names: its exact name or code, else every keyword in it. */
  readPiece(piece: string): string[] {
    const words = wordsOf(piece);
    const exact = this.aliases.get(words.trim());
    if (exact) return [exact];
    return this.findIn(words);
  }

  /** Issues a free text names (a program title), by keywords only. */
  findIn(text: string): string[] {
    const words = text.startsWith(' ') ? text : wordsOf(text);
    const found: string[] = [];
    for (const [keyword, code] of this.keywords) {
      if (!found.includes(code) && containsWord(words, keyword)) found.push(code);
    }
    return found;
  }

  /**
   * The issue a piece names with one slip of the keyboard ("PENDIDKAN", "kesehtan"): an
   * issue name or keyword of six letters or more at one edit (two from ten letters), and
   * only when exactly one issue is that near. The caller shows the correction.
   */
  correctTypo(piece: string): string | null {
    const words = wordsOf(piece).trim();
    if (words.length < 6) return null;
    const limit = words.length >= 10 ? 2 : 1;
    const near = new Set<string>();
    for (const [keyword, code] of this.keywords) {
      if (keyword.length < 6 || Math.abs(keyword.length - words.length) > limit) continue;
      if (editDistance(keyword, words, limit + 1) <= limit) near.add(code);
    }
    return near.size === 1 ? ([...near][0] as string) : null;
  }

  isActive(code: string): boolean {
    return this.issues.some((issue) => issue.code === code);
  }
}

/** Splits a Bidang/Isu cell on list punctuation, not on "dan" ("Kesehatan Ibu dan Anak" is one issue). */
export function splitIssueCell(text: string): string[] {
  return text
    .split(/[,;/&+\n\r|]/)
    .map((part) => part.replace(/^\s*(?:[-•*]|\d{1,2}[.)])\s*/, '').trim())
    .filter((part) => part !== '');
}

/**
 * Words for the forms of aid. "PMT" (pemberian makanan tambahan) is food given, so
 * in kind; "bedah rumah"/"RTLH" build something lasting, so infrastructure.
 */
const MODALITY_KEYWORDS: Readonly<Record<Modality, readonly string[]>> = {
  cash: [
    'tunai',
    'blt',
    'bantuan langsung tunai',
    'uang',
    'uang tunai',
    'cash',
    'santunan',
    'transfer tunai',
  ],
  in_kind: [
    'barang',
    'sembako',
    'natura',
    'pmt',
    'paket',
    'in kind',
    'logistik',
    'bahan makanan',
    'bahan pangan',
    'makanan',
    'sandang',
    'alat bantu',
    'kursi roda',
    'hibah barang',
  ],
  service: [
    'layanan',
    'pelayanan',
    'jasa',
    'pendampingan',
    'service',
    'services',
    'pemeriksaan',
    'konseling',
    'pengobatan',
    'rujukan',
    'terapi',
  ],
  productive_asset: [
    'modal',
    'modal usaha',
    'umkm',
    'ternak',
    'bibit',
    'alat produksi',
    'aset produktif',
    'asset produktif',
    'productive asset',
    'bantuan usaha',
    'hibah usaha',
    'dana bergulir',
    'bergulir',
    'kredit',
    'pinjaman',
  ],
  training: [
    'pelatihan',
    'sosialisasi',
    'penyuluhan',
    'edukasi',
    'workshop',
    'bimtek',
    'bimbingan teknis',
    'training',
    'pemberdayaan',
    'kkn',
    'kursus',
    'magang',
  ],
  infrastructure: [
    'infrastruktur',
    'bedah rumah',
    'rtlh',
    'pembangunan',
    'renovasi',
    'rehabilitasi rumah',
    'jalan',
    'jembatan',
    'sanitasi',
    'air bersih',
    'jamban',
    'mck',
    'sarana',
    'prasarana',
    'listrik',
    'instalasi',
    'konstruksi',
    'infrastructure',
  ],
};

/** Codes and English names are accepted as written ("in_kind", "productive asset"). */
const MODALITY_NAMES: ReadonlyMap<string, Modality> = new Map(
  MODALITIES.flatMap((m) => [
    [m, m],
    [m.replace(/_/g, ' '), m],
  ]),
);

export type ModalityReading =
  | { status: 'ok'; modality: Modality; alsoNamed: Modality[] }
  | { status: 'ambiguous'; modalities: Modality[] }
  | { status: 'unknown' };

/**
 * The modality a Jenis Bantuan cell names. Several forms in one cell ("Layanan + PMT"):
 * when they are all productive or all consumptive, the first named is taken (the
 * productive share, the figure the modality feeds, is the same either way) and the others
 * are returned for a warning; when they differ in that, the reading is ambiguous.
 */
export function readModality(text: string): ModalityReading {
  const words = wordsOf(text);
  const named = MODALITY_NAMES.get(words.trim());
  if (named) return { status: 'ok', modality: named, alsoNamed: [] };
  const found: Array<{ modality: Modality; at: number }> = [];
  for (const modality of MODALITIES) {
    let first = Number.POSITIVE_INFINITY;
    for (const keyword of MODALITY_KEYWORDS[modality]) {
      const at = words.indexOf(` ${keyword} `);
      if (at >= 0) first = Math.min(first, at);
    }
    if (first !== Number.POSITIVE_INFINITY) found.push({ modality, at: first });
  }
  if (found.length === 0) return { status: 'unknown' };
  const ordered = found.sort((a, b) => a.at - b.at).map((f) => f.modality);
  const [first, ...others] = ordered as [Modality, ...Modality[]];
  if (others.every((m) => isProductive(m) === isProductive(first))) {
    return { status: 'ok', modality: first, alsoNamed: others };
  }
  return { status: 'ambiguous', modalities: ordered };
}
