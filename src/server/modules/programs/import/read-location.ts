/**
 * Where one recap row's program runs: kabupaten → kecamatan inside it → villages inside
 * that, with the hints partners write in Keterangan ("desa Sukadana di kec. Terara",
 * "seluruh kecamatan di Lombok Tengah") and in the village cell ("seluruh desa",
 * "se-Kecamatan Praya"). Pure: the caller passes the areas and collects the problems.
 *
 * The rule for a row without villages: the program covers the most specific area the
 * row names (the kecamatan, else the kabupaten) as a whole area. When Keterangan names a
 * different whole area than the columns, that is the one question asked.
 */
import { isWellFormedAreaCode, kindOfCode, levelOfCode } from '../../../../shared/area-code.ts';
import type { ImportField } from '../../../../shared/contracts/program-import.ts';
import {
  type AreaCandidate,
  type AreaMatch,
  type AreaResolution,
  readAreaName,
  resolveArea,
  splitPlaces,
} from '../normalise/area-names.ts';
import { REJECT } from './corrections.ts';

export interface AreaIndex {
  areas: readonly AreaCandidate[];
  byCode: ReadonlyMap<string, AreaCandidate>;
}

export function areaIndexOf(areas: readonly AreaCandidate[]): AreaIndex {
  return { areas, byCode: new Map(areas.map((area) => [area.code, area])) };
}

export interface Reading {
  value: string;
  label: string;
}

/** What a location reader reports; plan.ts adds the row and column letter. */
export interface LocationIssue {
  kind: 'problem' | 'warning';
  field: ImportField;
  item?: string;
  code: string;
  message: string;
  /** The values the code's sentence names, for the client to say it in the reader's language. */
  params: Record<string, string | number>;
  readings?: Reading[];
  droppable?: boolean;
  /** An automatic correction the user may refuse. */
  reversible?: boolean;
}

export interface RowLocation {
  /** Resolved village codes in the order written. */
  villages: string[];
  /** Kecamatan, kabupaten or province codes the program covers whole. */
  wholeAreas: string[];
  issues: LocationIssue[];
}

export interface LocationCells {
  kabupaten: string;
  /** The kabupaten was taken from the row above: a correction of it was shown there. */
  kabupatenInherited?: boolean;
  kecamatan: string;
  villages: string;
  notes: string;
}

/** Answers the user gave for this row: by field and item ("" = the whole cell). */
export type Answer = (field: ImportField, item?: string) => string | undefined;

const KIND_LABEL: Record<string, string> = {
  province: 'Provinsi',
  kabupaten: 'Kab.',
  kota: 'Kota',
  kecamatan: 'Kec.',
  desa: 'Desa',
  kelurahan: 'Kel.',
};

/** "Desa Sukadana, Kec. Pujut, Kab. Lombok Tengah": enough to tell namesakes apart. */
export function areaLabel(index: AreaIndex, code: string): string {
  const parts: string[] = [];
  for (let current: string | null = code; current; ) {
    const area = index.byCode.get(current);
    if (!area || area.level === 'province') break;
    // Kabupaten and kota names carry their kind already ("Kabupaten Lombok Tengah", "Kota Mataram").
    const name =
      area.level === 'regency'
        ? area.name.replace(/^Kabupaten\s+/i, 'Kab. ')
        : `${KIND_LABEL[kindOfCode(area.code)] ?? ''} ${area.name}`.trim();
    parts.push(name);
    current = area.parentCode;
  }
  return parts.join(', ') || code;
}

function readingsOf(index: AreaIndex, areas: readonly AreaCandidate[]): Reading[] {
  return areas.map((area) => ({ value: area.code, label: areaLabel(index, area.code) }));
}

/** Words that make a cell or remark mean "everywhere in an area", e.g. "seluruh desa di Kec. Praya". */
const WHOLE_AREA =
  /^(?:di\s+)?(?:(?:seluruh|semua|segenap)\s+(desa|kelurahan|desa\s*\/\s*kelurahan|kecamatan|dusun)|se[-\s]?(kecamatan|kec\.?|kabupaten|kab\.?|kota|provinsi|ntb))\b\s*(?:(?:yang\s+ada\s+)?(?:di|dalam|se|pada)\s+)?(.*)$/i;

interface WholeAreaPhrase {
  /** "desa", "kecamatan", "kabupaten" …: what the phrase counts or names. */
  unit: string;
  /** "se-" names the area itself; "seluruh" counts the units inside it. */
  naming: boolean;
  /** The place after the phrase, if any ("Lombok Tengah"). */
  place: string;
}

export function readWholeAreaPhrase(text: string): WholeAreaPhrase | null {
  const match = WHOLE_AREA.exec(text.trim());
  if (!match) return null;
  const counted = match[1];
  const named = match[2];
  return {
    unit: (counted ?? named ?? '').toLowerCase().replace(/\./g, ''),
    naming: named !== undefined,
    place: (match[3] ?? '').replace(/[.;,]+$/, '').trim(),
  };
}

/** "kec. Terara" in a remark, the way a person names the kecamatan they left out. */
const KECAMATAN_HINT =
  /\bkec(?:amatan)?\.?\s+([\p{L}' -]+?)(?=\s*(?:[,;.)(]|$|\b(?:kab|kabupaten|kota|desa|ds|kel)\b))/iu;

/** The resolved area, a warning for a corrected typo, or a problem for the cell. */
type Resolved = { code: string | null; issues: LocationIssue[] };

/** The warning each kind of automatic correction gives: an alias ("LOTENG"), spacing ("Labu Api"), a typo. */
const CORRECTION_CODES: Partial<Record<AreaMatch, string>> = {
  abbreviation: 'area_alias_read',
  spacing: 'area_spacing_read',
  typo: 'area_typo_corrected',
};

interface ResolutionOptions {
  item?: string | undefined;
  /** The user refused the correction: only a name as written is accepted. */
  rejected?: boolean;
  /** Read from the row above: its correction was shown there. */
  inherited?: boolean;
}

function fromResolution(
  index: AreaIndex,
  result: AreaResolution,
  text: string,
  field: ImportField,
  level: string,
  options: ResolutionOptions = {},
): Resolved {
  const { item } = options;
  const at = item === undefined ? {} : { item };
  const village = level === 'village';
  if (result.status === 'resolved') {
    const code = CORRECTION_CODES[result.match];
    // Refused where it was written: asked there, once; this row waits for that answer.
    if (code && options.rejected && options.inherited) return { code: null, issues: [] };
    if (code && options.rejected) {
      // Refused: ask, with the corrected area first among the choices.
      return {
        code: null,
        issues: [
          {
            kind: 'problem',
            field,
            ...at,
            code: village ? 'village_unknown' : 'area_unknown',
            message: `"${text}" is not the name of an area here: pick the one meant`,
            params: { text },
            readings: readingsOf(index, [result.area]),
            ...(village ? { droppable: true } : {}),
          },
        ],
      };
    }
    const issues: LocationIssue[] =
      code && !options.inherited
        ? [
            {
              kind: 'warning',
              field,
              ...at,
              code,
              message: `"${text}" read as ${areaLabel(index, result.area.code)}`,
              params: { text, area: areaLabel(index, result.area.code) },
              reversible: true,
            },
          ]
        : [];
    return { code: result.area.code, issues };
  }
  if (result.status === 'ambiguous') {
    return {
      code: null,
      issues: [
        {
          kind: 'problem',
          field,
          ...at,
          code: village ? 'village_ambiguous' : 'area_ambiguous',
          message: `"${text}" fits ${result.candidates.length} areas: pick one`,
          params: { text, count: result.candidates.length },
          readings: readingsOf(index, result.candidates),
          ...(village ? { droppable: true } : {}),
        },
      ],
    };
  }
  return {
    code: null,
    issues: [
      {
        kind: 'problem',
        field,
        ...at,
        code: village ? 'village_unknown' : 'area_unknown',
        message: `no ${village ? 'village' : level === 'district' ? 'kecamatan' : 'kabupaten/kota'} "${text}" found here${result.suggestions.length ? '; similar names are listed' : ''}`,
        params: { text, suggestions: result.suggestions.length },
        readings: readingsOf(index, result.suggestions),
        ...(village ? { droppable: true } : {}),
      },
    ],
  };
}

/** An answer must be an existing area at the level asked (any level for whole areas). */
function answeredArea(
  index: AreaIndex,
  value: string,
  levels: readonly string[],
  field: ImportField,
  item?: string,
): Resolved {
  const area = index.byCode.get(value.trim());
  if (area && levels.includes(area.level)) return { code: area.code, issues: [] };
  return {
    code: null,
    issues: [
      {
        kind: 'problem',
        field,
        ...(item === undefined ? {} : { item }),
        code: 'resolution_invalid',
        message: `"${value}" is not an area code at the expected level`,
        params: { value },
      },
    ],
  };
}

/** A code written in the cell itself (some recaps have a "Kode Desa" column). */
function writtenCode(index: AreaIndex, text: string, level: string): string | null {
  const code = text.trim();
  if (!isWellFormedAreaCode(code) || levelOfCode(code) !== level) return null;
  return index.byCode.has(code) ? code : null;
}

/**
 * Resolves one row's kabupaten, kecamatan and villages. `defaultKabupaten` stands in
 * for an empty kabupaten cell.
 */
export function readLocation(
  index: AreaIndex,
  cells: LocationCells,
  answer: Answer,
  defaultKabupaten: string | null,
): RowLocation {
  const issues: LocationIssue[] = [];
  const take = (resolved: Resolved) => {
    issues.push(...resolved.issues);
    return resolved.code;
  };

  // Kabupaten/kota (or the province, for a program written as province-wide).
  let province: string | null = null;
  let kabupaten: string | null = null;
  let kabupatenFailed = false;
  const kabupatenAnswer = answer('kabupaten');
  if (kabupatenAnswer !== undefined && kabupatenAnswer !== REJECT) {
    kabupaten = take(answeredArea(index, kabupatenAnswer, ['regency', 'province'], 'kabupaten'));
  } else if (cells.kabupaten) {
    kabupaten = writtenCode(index, cells.kabupaten, 'regency');
    if (!kabupaten) {
      const asProvince = resolveArea(cells.kabupaten, index.areas, { level: 'province' });
      if (asProvince.status === 'resolved') province = asProvince.area.code;
      else
        kabupaten = take(
          fromResolution(
            index,
            resolveArea(cells.kabupaten, index.areas, { level: 'regency' }),
            cells.kabupaten,
            'kabupaten',
            'regency',
            { rejected: kabupatenAnswer === REJECT, inherited: cells.kabupatenInherited ?? false },
          ),
        );
    }
  } else {
    kabupaten = defaultKabupaten;
  }
  if (kabupaten && levelOfCode(kabupaten) === 'province') {
    province = kabupaten;
    kabupaten = null;
  }
  kabupatenFailed = issues.some((issue) => issue.kind === 'problem');

  // Kecamatan, inside the kabupaten when there is one.
  let kecamatan: string | null = null;
  let wholeKabupatenFromCell = false;
  const kecamatanAnswer = answer('kecamatan');
  if (kecamatanAnswer !== undefined && kecamatanAnswer !== REJECT) {
    kecamatan = take(answeredArea(index, kecamatanAnswer, ['district'], 'kecamatan'));
  } else if (cells.kecamatan) {
    const phrase = readWholeAreaPhrase(cells.kecamatan);
    if (phrase && !phrase.place) {
      // "Seluruh kecamatan" in the kecamatan column: the whole kabupaten.
      wholeKabupatenFromCell = true;
    } else {
      kecamatan = writtenCode(index, cells.kecamatan, 'district');
      if (!kecamatan) {
        const within = kabupaten ?? province ?? undefined;
        kecamatan = take(
          fromResolution(
            index,
            resolveArea(cells.kecamatan, index.areas, { level: 'district', ...(within ? { within } : {}) }),
            cells.kecamatan,
            'kecamatan',
            'district',
            { rejected: kecamatanAnswer === REJECT },
          ),
        );
      }
    }
  }
  if (kecamatan && !kabupaten) kabupaten = index.byCode.get(kecamatan)?.parentCode ?? null;

  // Keterangan: a kecamatan the columns left out, or a whole area.
  let hintedKecamatan: string | null = null;
  const notesScope = cells.notes
    ? readWholeAreaPhrase(
        cells.notes.replace(/^.*?(?=\b(?:seluruh|semua|segenap|se[-\s]?(?:kec|kab|kota|prov)))/i, ''),
      )
    : null;
  if (cells.notes && !kecamatan && kabupaten) {
    const hint = KECAMATAN_HINT.exec(cells.notes);
    if (hint?.[1]) {
      const found = resolveArea(hint[1], index.areas, { level: 'district', within: kabupaten });
      if (found.status === 'resolved') hintedKecamatan = found.area.code;
    }
  }

  const villages: string[] = [];
  const wholeAreas: string[] = [];
  const rowArea = kecamatan ?? (wholeKabupatenFromCell ? kabupaten : null) ?? kabupaten ?? province;

  const villageCell = cells.villages;
  const villagePhrase = villageCell ? readWholeAreaPhrase(villageCell) : null;
  if (!villageCell || villagePhrase) {
    // No villages named: the program covers an area as a whole.
    let area = rowArea;
    if (villagePhrase) {
      const named = phraseArea(index, villagePhrase, kabupaten, kecamatan);
      if (named) area = named;
    }
    const scopeAnswer = answer('notes', '#scope');
    const noted = notesScope ? phraseArea(index, notesScope, kabupaten, kecamatan) : null;
    if (scopeAnswer !== undefined) {
      area = take(answeredArea(index, scopeAnswer, ['province', 'regency', 'district'], 'notes', '#scope'));
    } else if (noted && area && noted !== area) {
      issues.push({
        kind: 'problem',
        field: 'notes',
        item: '#scope',
        code: 'area_scope_unclear',
        message: `the row names ${areaLabel(index, area)}, but Keterangan says "${cells.notes}": where does the program run?`,
        params: { area: areaLabel(index, area), text: cells.notes },
        readings: [
          { value: area, label: areaLabel(index, area) },
          { value: noted, label: `${wholeLabel(noted)} ${areaLabel(index, noted)}` },
        ],
      });
      area = null;
    } else if (!area && noted) {
      area = noted;
    }
    if (area) wholeAreas.push(area);
    else if (!kabupatenFailed && !issues.some((issue) => issue.kind === 'problem')) {
      issues.push({
        kind: 'problem',
        field: 'villages',
        code: 'location_missing',
        message: 'the row names no kabupaten/kota, kecamatan or village',
        params: {},
      });
    }
    return { villages, wholeAreas, issues };
  }

  const scope = kecamatan ?? hintedKecamatan ?? kabupaten ?? province ?? undefined;
  for (const place of splitPlaces(villageCell)) {
    const placeAnswer = answer('villages', place);
    if (placeAnswer !== undefined && placeAnswer !== REJECT) {
      if (placeAnswer.trim() === '') continue; // the user dropped it
      const code = take(answeredArea(index, placeAnswer, ['village'], 'villages', place));
      if (code && !villages.includes(code)) villages.push(code);
      continue;
    }
    const written = writtenCode(index, place, 'village');
    if (written) {
      if (!villages.includes(written)) villages.push(written);
      continue;
    }
    const result = resolveArea(place, index.areas, {
      level: 'village',
      ...(scope ? { within: scope } : {}),
      // Near names are looked for in the kecamatan, then in the rest of the kabupaten.
      ...(kecamatan && kabupaten ? { nearby: kabupaten } : {}),
    });
    if (result.status === 'unknown' && readAreaName(place).kind === 'kecamatan') {
      // "Kec. Praya" written in the village column: the whole kecamatan.
      const district = resolveArea(place, index.areas, {
        level: 'district',
        ...(kabupaten ? { within: kabupaten } : {}),
      });
      if (district.status === 'resolved') {
        if (!wholeAreas.includes(district.area.code)) wholeAreas.push(district.area.code);
        continue;
      }
    }
    const elsewhere =
      result.status === 'unknown' && kecamatan ? otherKecamatan(index, place, kecamatan) : null;
    if (elsewhere) {
      issues.push(elsewhere);
      continue;
    }
    const code = take(
      fromResolution(index, result, place, 'villages', 'village', {
        item: place,
        rejected: placeAnswer === REJECT,
      }),
    );
    if (code && !villages.includes(code)) villages.push(code);
  }
  return { villages, wholeAreas, issues };
}

/**
 * A village named under a kecamatan it does not lie in, though the kabupaten has it
 * ("Ds. Pijot" under Kec. Sakra: Pijot is in Keruak). Said as exactly that, with the
 * village where it really is as the one-click answer (each, if the kabupaten has several).
 */
function otherKecamatan(index: AreaIndex, place: string, kecamatan: string): LocationIssue | null {
  const district = index.byCode.get(kecamatan);
  if (!district?.parentCode) return null;
  const found = resolveArea(place, index.areas, { level: 'village', within: district.parentCode });
  if (found.status === 'unknown') return null;
  const villages = found.status === 'resolved' ? [found.area] : found.candidates;
  // Only a name as written: a typo-corrected name in another kecamatan is a guess too far.
  if (found.status === 'resolved' && found.match === 'typo') return null;
  const first = villages[0] as AreaCandidate;
  const actual = villages.map((v) => index.byCode.get(v.parentCode ?? '')?.name ?? '').join(', ');
  return {
    kind: 'problem',
    field: 'villages',
    item: place,
    code: 'village_other_kecamatan',
    message: `${first.name} is in ${actual}, not in ${district.name}`,
    params: { village: first.name, actual, written: district.name, text: place },
    readings: readingsOf(index, villages),
    droppable: true,
  };
}

/** The province a kabupaten lies in, or the only province loaded. */
function provinceOf(index: AreaIndex, kabupaten: string | null): string | null {
  if (kabupaten) return index.byCode.get(kabupaten)?.parentCode ?? null;
  const provinces = index.areas.filter((area) => area.level === 'province');
  return provinces.length === 1 ? (provinces[0]?.code ?? null) : null;
}

function wholeLabel(code: string): string {
  return levelOfCode(code) === 'district' ? 'seluruh desa di' : 'seluruh';
}

/**
 * The area a "seluruh …"/"se-…" phrase means: the place it names (kabupaten first, then a
 * kecamatan inside the row's kabupaten), or the row's own area at the phrase's level.
 */
function phraseArea(
  index: AreaIndex,
  phrase: WholeAreaPhrase,
  kabupaten: string | null,
  kecamatan: string | null,
): string | null {
  if (phrase.place) {
    const place = phrase.place;
    const regency = resolveArea(place, index.areas, { level: 'regency' });
    const district = resolveArea(place, index.areas, {
      level: 'district',
      ...(kabupaten ? { within: kabupaten } : {}),
    });
    const prefersDistrict = /^kec/.test(phrase.unit) && phrase.naming;
    const kind = readAreaName(place).kind;
    if (kind === 'kecamatan' || prefersDistrict) {
      if (district.status === 'resolved') return district.area.code;
    }
    if (regency.status === 'resolved') return regency.area.code;
    if (district.status === 'resolved') return district.area.code;
    const province = resolveArea(place, index.areas, { level: 'province' });
    return province.status === 'resolved' ? province.area.code : null;
  }
  // No place: "seluruh desa" = every village of the row's kecamatan (or kabupaten);
  // "seluruh kecamatan" and "se-kabupaten" = the whole kabupaten.
  if (/^(desa|kelurahan|dusun)/.test(phrase.unit) || (/^kec/.test(phrase.unit) && phrase.naming)) {
    return kecamatan ?? kabupaten;
  }
  if (/^(provinsi|ntb)/.test(phrase.unit)) return provinceOf(index, kabupaten);
  return kabupaten;
}
