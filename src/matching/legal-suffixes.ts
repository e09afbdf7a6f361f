/**
 * Legal-form words that say nothing about which company it is, by country, already normalised (lower case,
 * no accents, no punctuation). Multi-word forms are listed as they read after normalisation ("pty ltd").
 */
export const LEGAL_FORMS: readonly string[] = [
  // English-speaking
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'pllc',
  'pty ltd', 'pty', 'pte ltd', 'pte', 'pvt ltd', 'private limited', 'holdings', 'group',
  // German-speaking
  'gmbh', 'gmbh co kg', 'ug haftungsbeschrankt', 'gmbh und co kg', 'gmbh and co kg', 'gmbh and co', 'and co kg', 'and co', 'und co', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'ev', 'se',
  // French, Belgian, Swiss, Luxembourgish
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'scs', 'snc', 'sprl', 'srl',
  // Dutch, Belgian
  'bv', 'nv', 'vof', 'cv',
  // Spanish, Latin American, Portuguese, Brazilian
  'sl', 'slu', 's de rl', 's de rl de cv', 'sa de cv', 'sab de cv', 'ltda', 'eireli', 'lda',
  // Italian
  'spa', 'sapa', 'srls', 'scarl',
  // Nordic
  'ab', 'publ', 'as', 'asa', 'oy', 'oyj', 'aps', 'a s', 'hf', 'ehf',
  // Central and Eastern European
  'sp z oo', 'sp zoo', 'spolka z oo', 'sro', 'spol sro', 'as', 'doo', 'kft', 'zrt', 'nyrt', 'ooo', 'zao', 'oao', 'pao',
  // Asia-Pacific
  'kk', 'kabushiki kaisha', 'gk', 'yk', 'co ltd', 'pt', 'tbk', 'bhd', 'sdn bhd', 'berhad',
  // Middle East, Africa
  'fzco', 'fze', 'fz llc', 'wll', 'pty ltd', 'proprietary limited',
];

/** Longest forms first, so "pty ltd" is removed before "ltd". */
export const LEGAL_FORMS_BY_LENGTH: readonly string[] = [...new Set(LEGAL_FORMS)].sort(
  (a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length,
);
