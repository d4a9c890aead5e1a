/**
 * Finds English in text that should be Indonesian: common English interface words, month and day
 * names, and phrases that are never Indonesian. Words that Indonesian shares with English (program,
 * status, email, data, total, April, September, November…) are not listed. Proper names and
 * technical terms that are the same in both languages are allowed explicitly.
 */

/** English words that do not occur in Indonesian interface text. */
const ENGLISH_WORDS = [
  // function words
  'the',
  'and',
  'of',
  'with',
  'for',
  'from',
  'your',
  'you',
  'this',
  'that',
  'these',
  'there',
  'which',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'been',
  'not',
  'yes',
  'or',
  'by',
  'to',
  'at',
  'on',
  'in',
  'an',
  'be',
  'it',
  'its',
  'can',
  'cannot',
  'will',
  'must',
  'should',
  'please',
  'only',
  'all',
  'any',
  'none',
  'more',
  'less',
  'than',
  'here',
  'about',
  'when',
  'where',
  'who',
  'what',
  // interface words
  'sign',
  'signed',
  'log',
  'search',
  'loading',
  'error',
  'save',
  'saved',
  'cancel',
  'delete',
  'edit',
  'submit',
  'back',
  'next',
  'previous',
  'page',
  'show',
  'hide',
  'select',
  'choose',
  'found',
  'required',
  'invalid',
  'failed',
  'success',
  'name',
  'date',
  'new',
  'add',
  'remove',
  'view',
  'open',
  'close',
  'filters',
  'sort',
  'download',
  'upload',
  'file',
  'user',
  'users',
  'role',
  'roles',
  'settings',
  'password',
  'organisation',
  'organisations',
  'organization',
  'partnership',
  'partnerships',
  'village',
  'villages',
  'district',
  'districts',
  'regency',
  'regencies',
  'province',
  'budget',
  'planned',
  'realised',
  'completed',
  'cancelled',
  'active',
  'draft',
  'coming',
  'soon',
  'welcome',
  'home',
  'map',
  'dashboard',
  'partners',
  'areas',
  'reports',
  'beneficiaries',
  'people',
  'persons',
  'households',
  'percent',
  'sum',
  'unknown',
  'yet',
  // months and days that differ in Indonesian (April, September, November are shared)
  'january',
  'february',
  'march',
  'may',
  'june',
  'july',
  'august',
  'october',
  'december',
  'aug',
  'oct',
  'dec',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

const WORD_SET = new Set<string>(ENGLISH_WORDS);

/**
 * Texts that look English but belong: the language switch names English as a choice, product and
 * format names, and proper names in the demo data. Removed from the text before it is checked.
 */
export const ALLOWED_PHRASES = [
  'Bahasa / Language',
  'English',
  'GeoJSON',
  'TopoJSON',
  'OpenAPI',
  'PostgreSQL',
  'PGlite',
] as const;

/** Words of `text` that are English, with a little context each ("…Sign in to…"). */
export function englishIn(text: string, allowed: readonly string[] = ALLOWED_PHRASES): string[] {
  let rest = text;
  for (const phrase of allowed) rest = rest.split(phrase).join(' ');
  const found: string[] = [];
  // Letters only: codes (52.03), e-mail addresses and URLs are not words.
  const cleaned = rest.replace(/\S+@\S+|https?:\/\/\S+|\/[a-z0-9/_-]+/gi, ' ');
  const pattern = /[A-Za-z][A-Za-z']*/g;
  for (let match = pattern.exec(cleaned); match; match = pattern.exec(cleaned)) {
    const word = match[0].toLowerCase().replace(/'s$/, '');
    if (!WORD_SET.has(word)) continue;
    const start = Math.max(0, match.index - 30);
    found.push(
      `“${word}” in …${cleaned.slice(start, match.index + match[0].length + 30).replace(/\s+/g, ' ')}…`,
    );
  }
  return found;
}
