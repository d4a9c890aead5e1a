/**
 * Reads the place names partners write in program recaps ("Kab. Sumbawa Barat",
 * "LOTIM", "Ds. Pijot", "Naru, Naru Barat, Bugis") and finds them among the
 * Kemendagri areas the caller has loaded. Nothing is ever picked silently: a name
 * that fits several areas comes back as ambiguous with all of them.
 */
import {
  type AreaKind,
  type AreaLevel,
  kindOfCode,
  normalizeAreaName,
} from '../../../../shared/area-code.ts';

/** One area as the caller loads it (from the `areas` table or the idn-area-data CSVs). */
export interface AreaCandidate {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
}

/**
 * How a name matched: as written (after prefixes and case), through a known
 * abbreviation, with spaces ignored ("Labu Api" = "Labuapi"), or with one typo.
 */
export type AreaMatch = 'exact' | 'abbreviation' | 'spacing' | 'typo';

export type AreaResolution =
  | { status: 'resolved'; area: AreaCandidate; match: AreaMatch }
  | { status: 'ambiguous'; candidates: AreaCandidate[] }
  | { status: 'unknown'; suggestions: AreaCandidate[] };

export interface ResolveOptions {
  /** Code of the kabupaten/kota or kecamatan the name must lie in (its descendants only). */
  within?: string;
  /** The level the column holds: a "Kecamatan" column is never answered with a village. */
  level?: AreaLevel;
  /**
   * A wider area (the kabupaten around a kecamatan) whose near names are suggested after
   * those inside `within`, when nothing matches.
   */
  nearby?: string;
}

/**
 * Abbreviations of NTB kabupaten in everyday use (press, Pemda letters), keyed in
 * normalised form. "Sumbar" is deliberately absent: it is Sumatera Barat.
 */
export const KNOWN_ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  lobar: 'Lombok Barat',
  loteng: 'Lombok Tengah',
  lotim: 'Lombok Timur',
  klu: 'Lombok Utara',
  ksb: 'Sumbawa Barat',
  ntb: 'Nusa Tenggara Barat',
});

/**
 * Words written before a name and the kind of area each one announces. Longest
 * first, so "kabupaten" is not read as "kab" + "upaten".
 */
const PREFIXES: ReadonlyArray<readonly [string, AreaKind]> = [
  ['provinsi', 'province'],
  ['prov', 'province'],
  ['kabupaten', 'kabupaten'],
  ['kab', 'kabupaten'],
  ['kotamadya', 'kota'],
  ['kodya', 'kota'],
  ['kota', 'kota'],
  ['kecamatan', 'kecamatan'],
  ['kec', 'kecamatan'],
  ['kelurahan', 'kelurahan'],
  ['kel', 'kelurahan'],
  ['desa', 'desa'],
  ['ds', 'desa'],
];

/** A place name read from a cell: the name without its prefix, and what the prefix said. */
export interface AreaNameReading {
  /** Normalised name without prefix, e.g. "sumbawa barat". */
  name: string;
  /** Normalised text with the prefix kept, e.g. "kab sumbawa barat" — "Kota Raja" and "Desa Beru" are village names. */
  asWritten: string;
  /** The kind the prefix announced, if any. */
  kind?: AreaKind;
}

/**
 * Normalises a place name for comparison: lower case, accents, apostrophes and
 * punctuation removed, a leading "Kab.", "Kabupaten", "Kota", "Kec.", "Kecamatan",
 * "Ds.", "Desa", "Kel.", "Kelurahan" or "Provinsi" dropped, remarks in brackets dropped.
 * "Kab. SUMBAWA BARAT" → "sumbawa barat"; "Ds. Pijot" → "pijot".
 */
export function normaliseAreaName(text: string): string {
  return readAreaName(text).name;
}

/** Like normaliseAreaName, but keeps what the prefix said; resolveArea uses it to tell "Kab. Bima" from "Kota Bima". */
export function readAreaName(text: string): AreaNameReading {
  const asWritten = normalizeAreaName(text.replace(/\([^)]*\)/g, ' '));
  for (const [prefix, kind] of PREFIXES) {
    if (asWritten.startsWith(`${prefix} `)) {
      return { name: asWritten.slice(prefix.length + 1), asWritten, kind };
    }
  }
  return { name: asWritten, asWritten };
}

/**
 * Splits a cell that names several places: "Naru, Naru Barat, Bugis",
 * "Desa A, B dan C", "Tongo / Sekongkang Atas", one per line, "A; B & C". Separators
 * inside brackets do not split ("Sukadana (Kec. Terara, Lotim)"). Each place comes back
 * as written (trimmed, list markers removed); the same place named twice comes back once.
 */
export function splitPlaces(cell: string): string[] {
  // Remarks in brackets are swapped for private-use placeholders while splitting.
  const brackets: string[] = [];
  const protectedText = cell.replace(/\([^)]*\)/g, (remark) => {
    brackets.push(remark);
    return `\ue000${brackets.length - 1}\ue001`;
  });
  const places: string[] = [];
  const seen = new Set<string>();
  for (const part of protectedText.split(/[,;/&+\n\r]|\b(?:dan|serta|and)\b/i)) {
    const place = part
      .replace(/\ue000(\d+)\ue001/g, (_, index: string) => brackets[Number(index)] ?? '')
      .replace(/^\s*(?:[-•*]|\d{1,2}[.)]|[a-z][.)](?=\s))\s*/i, '')
      .replace(/\s+/g, ' ')
      .replace(/[.\s]+$/, '')
      .trim();
    const key = normaliseAreaName(place);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    places.push(place);
  }
  return places;
}

/**
 * Finds the area a name refers to among `candidates` (pass the whole province: the
 * scope comes from `options`), optionally only inside `within` and only at `level`.
 * Tries, in order, stopping at the first tier that matches anything:
 * 1. the name as written or without its prefix, or a known abbreviation expanded;
 * 2. the same with spaces ignored ("Labu Api" = "Labuapi");
 * 3. one typo (Damerau-Levenshtein distance 1) for names of five letters or more, and
 *    only when the name is no real area's name at that level anywhere in `candidates`.
 * A tier that matches several areas is narrowed by the prefix ("Kab. Bima" → the
 * kabupaten, not Kota Bima) and otherwise returned as ambiguous. When nothing matches,
 * suggestions list near names inside the scope, then the same name outside it
 * ("Sukadana" is not in Lombok Barat, but here are the three that exist).
 */
export function resolveArea(
  name: string,
  candidates: readonly AreaCandidate[],
  options: ResolveOptions = {},
): AreaResolution {
  const reading = readAreaName(name);
  const expanded = KNOWN_ABBREVIATIONS[reading.name];
  const wanted = expanded ? normalizeAreaName(expanded) : reading.name;
  if (!wanted) return { status: 'unknown', suggestions: [] };

  const scope = candidates.filter((area) => inScope(area, options));
  // Both readings of the name take part: "Ds. Kota Raja" must find the village "Kota Raja",
  // and "Raja" would find it too.
  const names = new Set([reading.asWritten, wanted]);
  const squashedNames = new Set([...names].map(squash));
  const squashedWanted = squash(wanted);
  // A real name is never "corrected" into another real name: "Sukarara" outside the
  // kabupaten that has it must not become the nearby "Sukaraja".
  const realName = candidates.some((area) => {
    const keys = keysOf(area);
    const atLevel = !options.level || area.level === options.level;
    return atLevel && (squashedNames.has(keys.squashed) || squashedNames.has(keys.squashedAsWritten));
  });
  const tiers: Array<[AreaMatch, (keys: NameKeys) => boolean]> = [
    [expanded ? 'abbreviation' : 'exact', (keys) => names.has(keys.asWritten) || names.has(keys.name)],
    ['spacing', (keys) => squashedNames.has(keys.squashedAsWritten) || squashedNames.has(keys.squashed)],
    [
      'typo',
      (keys) =>
        !realName &&
        squashedWanted.length >= 5 &&
        keys.squashed.length >= 5 &&
        withinOneEdit(keys.squashed, squashedWanted),
    ],
  ];
  for (const [match, fits] of tiers) {
    const found = scope.filter((area) => fits(keysOf(area)));
    if (found.length === 0) continue;
    const narrowed = narrowByKind(found, reading.kind);
    if (narrowed.length === 1 && narrowed[0]) return { status: 'resolved', area: narrowed[0], match };
    return { status: 'ambiguous', candidates: sortByCode(narrowed) };
  }
  return { status: 'unknown', suggestions: suggest(wanted, scope, candidates, options) };
}

/** A candidate's name in the forms it is compared in: "Desa Beru" → "desa beru", "beru", "desaberu", "beru". */
interface NameKeys {
  asWritten: string;
  name: string;
  squashedAsWritten: string;
  squashed: string;
}

/** Keys are computed once per candidate object; callers pass the same loaded list for every cell. */
const keyCache = new WeakMap<AreaCandidate, NameKeys>();

function keysOf(area: AreaCandidate): NameKeys {
  let keys = keyCache.get(area);
  if (!keys) {
    const reading = readAreaName(area.name);
    keys = {
      asWritten: reading.asWritten,
      name: reading.name,
      squashedAsWritten: squash(reading.asWritten),
      squashed: squash(reading.name),
    };
    keyCache.set(area, keys);
  }
  return keys;
}

function squash(text: string): string {
  return text.replace(/ /g, '');
}

function inScope(area: AreaCandidate, { within, level }: ResolveOptions): boolean {
  if (level && area.level !== level) return false;
  return !within || area.code.startsWith(`${within}.`);
}

/** Keeps the areas of the kind the prefix announced, unless that would leave none ("Desa" is often written for a kelurahan). */
function narrowByKind(areas: AreaCandidate[], kind: AreaKind | undefined): AreaCandidate[] {
  if (!kind) return areas;
  const fitting = areas.filter((area) =>
    kind === 'kecamatan' ? area.level === 'district' : kindOfCode(area.code) === kind,
  );
  return fitting.length > 0 ? fitting : areas;
}

const MAX_SUGGESTIONS = 5;

/** Near names from this trigram similarity on (pg_trgm's default threshold for `%`). */
const NEAR_SIMILARITY = 0.3;

/**
 * Names near `wanted` among `areas`, nearest first: at most two edits, a name that starts
 * with it, or a trigram similarity of 0.3 or more ("Puyung Barat" → Puyung).
 */
function nearNames(wanted: string, areas: readonly AreaCandidate[]): AreaCandidate[] {
  const squashedWanted = squash(wanted);
  return areas
    .map((area) => ({
      area,
      distance: editDistance(keysOf(area).squashed, squashedWanted, 3),
      similarity: trigramSimilarity(keysOf(area).name, wanted),
    }))
    .filter(
      ({ area, distance, similarity }) =>
        distance <= 2 || keysOf(area).name.startsWith(wanted) || similarity >= NEAR_SIMILARITY,
    )
    .sort(
      (a, b) =>
        Math.min(a.distance, 3) - Math.min(b.distance, 3) ||
        b.similarity - a.similarity ||
        a.area.code.localeCompare(b.area.code),
    )
    .map(({ area }) => area);
}

function suggest(
  wanted: string,
  scope: AreaCandidate[],
  all: readonly AreaCandidate[],
  { level, nearby }: ResolveOptions,
): AreaCandidate[] {
  const near = nearNames(wanted, scope);
  if (nearby) {
    // Then the rest of the wider area: the kecamatan written may be the mistake.
    const inScope = new Set(scope);
    const around = all.filter(
      (area) => !inScope.has(area) && (!level || area.level === level) && area.code.startsWith(`${nearby}.`),
    );
    near.push(...nearNames(wanted, around));
  }
  const inside = new Set(scope);
  const elsewhere = sortByCode(
    all.filter(
      (area) => (!level || area.level === level) && !inside.has(area) && keysOf(area).name === wanted,
    ),
  );
  return [...near, ...elsewhere].slice(0, MAX_SUGGESTIONS);
}

/**
 * Trigram similarity as PostgreSQL's pg_trgm computes it (and PGlite's, the same
 * extension): each word padded with two spaces before and one after, the set of its
 * three-letter pieces, and shared pieces over all pieces. Here rather than in SQL so
 * planning stays pure and needs no round trip per name.
 */
export function trigramSimilarity(a: string, b: string): number {
  const grams = (text: string) => {
    const set = new Set<string>();
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (!word) continue;
      const padded = `  ${word} `;
      for (let i = 0; i + 3 <= padded.length; i += 1) set.add(padded.slice(i, i + 3));
    }
    return set;
  };
  const left = grams(a);
  const right = grams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return shared / (left.size + right.size - shared);
}

function sortByCode(areas: AreaCandidate[]): AreaCandidate[] {
  return [...areas].sort((a, b) => a.code.localeCompare(b.code));
}

function withinOneEdit(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= 1 && editDistance(a, b, 2) <= 1;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, replace,
 * swap two neighbours), giving up at `limit` because only small distances matter here.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= limit) return limit;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit);
}
