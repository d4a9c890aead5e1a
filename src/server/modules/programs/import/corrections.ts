/**
 * The answer that refuses an automatic correction (an alias, a typo, a spacing read as
 * another name), sent back at the warning's place: the importer then asks instead.
 */
export const REJECT = '#reject';
