/**
 * Characters that look like Latin letters but are not, folded to the letter
 * they imitate. NFKD already folds fullwidth and mathematical letters; these
 * are the look-alikes it leaves alone (Cyrillic, Greek, IPA and symbols), the
 * ones used to slip words past filters. A subset of Unicode's confusables.txt
 * restricted to what maps onto a single Latin letter.
 */
const GROUPS: Record<string, string> = {
  a: "аαɑáàâäãåāăąǎª⍺",
  b: "ЬβвƅƄɓ",
  c: "сϲⅽçćĉċč¢",
  d: "ԁɗⅾđď",
  e: "еєεҽéèêëēĕėęě€ℯ",
  f: "ƒ",
  g: "ɡģğĝġǵ",
  h: "һнћђħĥ",
  i: "іιɩíìîïīĭįıӏ¡",
  j: "јϳĵ",
  k: "κкқķ",
  l: "ⅼłľĺļŀ",
  m: "мⅿ",
  n: "пηñńņňŉ",
  o: "оοσöóòôõøōŏőº",
  p: "рρþ",
  q: "ԛ",
  r: "гřŕŗ",
  s: "ѕśŝşšș",
  t: "тτťţŧț",
  u: "υцüúùûūŭůűųµ",
  v: "νѵ",
  w: "ԝшѡŵ",
  x: "хχ×",
  y: "уүýÿŷ¥",
  z: "źżžƶ",
  "'": "’‘ʼʹ`´′",
  '"': "“”„‟″«»",
};

export const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Object.entries(GROUPS).flatMap(([latin, chars]) => Array.from(chars, (ch) => [ch, latin] as const)),
);
