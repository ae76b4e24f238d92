// Passwords told in sentences, in the languages admins write in: "the mailbox password is correcthorsebatterystaple",
// "Das Passwort für jira@contoso.com ist „H^c6…“", "I typed hunter22hunter as the password", "the app password was
// knbi htpu bdrq hwyp". A word after "password is" is the password unless it is an ordinary word ("is wrong",
// "was reset"); without "is", only a value that looks like a password counts.

/** The word for a password, as a whole word, in the languages the secret patterns know. */
const SECRET_WORD =
  /(?<![\p{L}\p{N}_])(?:app[ -]?password|password|passwd|passphrase|pwd|pw|pass|kennwort|passwort|wachtwoord|mot de passe|contraseña|contrasena|senha|parola|hasło|haslo|lösenord|losenord|salasana|adgangskode|passord|heslo|jelszó|şifre|sifre|пароль|パスワード|密码|密碼|비밀번호)(?![\p{L}\p{N}_])/giu;

/** "is", "was", ":" and their kin: what comes after one of these is the password itself. */
const COPULA = new Set([
  'is',
  'was',
  'are',
  'were',
  "it's",
  'be',
  'ist',
  'war',
  'lautet',
  'est',
  'était',
  'es',
  'era',
  'é',
  'è',
  'är',
  'on',
  'это',
  '=',
  ':',
  '->',
  '→',
]);

/** Words between the password word and "is": "password for svc@contoso.com is", "mot de passe du compte de service :". */
const BETWEEN = new Set([
  'for',
  'of',
  'to',
  'on',
  'the',
  'my',
  'our',
  'your',
  'its',
  'his',
  'her',
  'this',
  'that',
  'it',
  'they',
  'new',
  'old',
  'current',
  'account',
  'mailbox',
  'user',
  'service',
  'generated',
  'gave',
  'von',
  'für',
  'des',
  'der',
  'vom',
  'de',
  'du',
  'la',
  'le',
  'del',
  'da',
  'do',
  'compte',
  'cuenta',
  'konto',
  'postfach',
  'dienstkonto',
  'i',
  'we',
  'think',
  'guess',
  'believe',
  'set',
  'now',
  'then',
]);

/** Ordinary words that follow "password is": the sentence is about the password, it does not give it. */
const ORDINARY = new Set(
  `a an the not no none null nil still being set same fine ok okay good bad wrong right correct correctly incorrect
invalid valid expired expiring reset changed required needed missing empty blank stored saved encrypted hashed hidden
masked long short strong weak complex simple never always also now different definitely probably accepted rejected
refused working known unknown there here in on at for to from with without used sent entered typed ignored cleared
removed deleted blocked locked disabled enabled only just too very really actually what which that this it and or but
so because since when then than as if of by nothing something anything unchanged updated rotated generated created
provided supplied given case sensitive longer shorter allowed supported mandatory optional configured defined
specified identical mine yours ours secret confidential private protected safe secure insecure plain plaintext text
visible shown displayed printed logged asked prompted requested expected going gone due about after before over under
less more older newer fresh new old current previous latest last first next other another both either neither each
every all any some many much few our my your their his her its in into out up down off again once twice definitely
obviously clearly apparently supposedly correctly properly exactly basically literally fine. exactly. the same
falsch richtig korrekt abgelaufen geändert nicht noch das der die ein eine gültig ungültig leer
incorrect expiré le la un une pas toujours vide
incorrecta correcta el una caducada vacía
`.split(/\s+/),
);

/** Four-letter words that are sentences, not an app password's groups ("that have been said"). */
const COMMON_FOUR = new Set(
  `that with have this from they been were said what when your will more some them then than into only also just like
over such even most made after each much many well back here very does done your mine ours work sent same used time
next last long good your path port mail user list name type case test true none null auth code line node host`.split(
    /\s+/,
  ),
);

/** Microsoft's app passwords: 16 lower-case letters, shown in four groups of four. */
const APP_PASSWORD = /(?<![A-Za-z])(?:[a-z]{16}|[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4})(?![A-Za-z])/g;
/** "I typed hunter22hunter as the password", "used Welcome1 for the new password". */
const GIVEN_AS_PASSWORD =
  /\b(?:typed|entered|used|use|using|tried|set|put|gave|give|chose|picked|with)\s{1,3}(?:in\s{1,3})?(["']?)([^\s"']{6,200})\1\s{1,3}(?:as|for)\s{1,3}(?:the|my|our|its|a|his|her)?\s{0,3}(?:new\s{1,3}|old\s{1,3}|app\s{1,3})?(?:password|passwort|kennwort|pw|pwd)\b/gi;

/** A value that looks like a password on its own: three kinds of character, or digits and symbols. */
export function looksSecret(value: string): boolean {
  const v = value.replace(/[.,;:!?)\]}]{1,3}$/, '');
  if (v.length < 6 || /^(?:https?:|\/|\\)|@[\w-]+\.[\w.-]+$|^[\d.:/-]+$/.test(v)) return false;
  if (/^[a-z]{16}$/.test(v)) return true;
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\p{N}]/u].filter((re) => re.test(v)).length;
  return classes >= 3 || (classes === 2 && /\d/.test(v) && /[^\p{L}\p{N}]/u.test(v));
}

/** Not a password even after "is": an ordinary word, an address, a path, a number, a code, a marker. */
function ordinary(value: string): boolean {
  const v = value.toLowerCase().replace(/[.,;:!?)\]}]{1,3}$/, '');
  return (
    v.length < 6 ||
    ORDINARY.has(v) ||
    /^(?:https?:|\/|\\|\[redacted|\[hidden|<)|@[\w-]+\.[\w.-]+$|^[\d.:/-]+$|^aadsts\d|^\*+$/.test(v)
  );
}

/** How far after the password word a value is looked for, and how many password words a line may have looked at. */
const WINDOW = 400;
const MAX_WORDS = 20;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The whitespace-separated words of a sentence after `from`, up to its end or a bracket, at most `max`. */
function wordsAfter(line: string, from: number, max: number): Token[] {
  const out: Token[] = [];
  // Only the next few hundred characters: a line of `<password>a<password>a…` must not be read once per word.
  const window = line.slice(from, from + WINDOW);
  for (const m of window.matchAll(/\S{1,200}/g)) {
    if (out.length >= max) break;
    const start = from + m.index;
    out.push({ text: m[0], start, end: start + m[0].length });
    if (/[.!?]$/.test(m[0]) && !/^[\w.-]+@[\w.-]+$/.test(m[0].slice(0, -1))) break;
  }
  return out;
}

/** The value as far as the sentence goes: a quoted value whole, else the word without the punctuation after it. */
function valueAt(line: string, token: Token, passphrase: boolean): { start: number; end: number } | null {
  const open = line[token.start];
  if (open === '"' || open === "'") {
    const close = line.indexOf(open, token.start + 1);
    if (close > token.start + 1) return { start: token.start + 1, end: close };
  }
  if (passphrase) {
    // A passphrase runs over several words: up to a dash, a bracket or the sentence's end.
    const rest = line.slice(token.start);
    const stop = rest.search(/\s[—–-]\s|[,;(]|\.\s|\.$|$/);
    return { start: token.start, end: token.start + (stop === -1 ? rest.length : stop) };
  }
  const text = token.text.replace(/[.,;:)\]}]{1,3}$|\?$/, '');
  return { start: token.start, end: token.start + text.length };
}

/** Replaces every password the sentence tells; `found` says one was found and gives its marker. */
export function redactProse(line: string, found: () => string): string {
  const spans: { start: number; end: number }[] = [];
  let seen = 0;
  for (const m of line.matchAll(SECRET_WORD)) {
    if (++seen > MAX_WORDS) break;
    const word = m[0].toLowerCase();
    const words = wordsAfter(line, m.index + m[0].length, 10);
    let copula = false;
    let skipped = 0;
    for (const w of words) {
      const bare = w.text.toLowerCase().replace(/,$/, '');
      if (COPULA.has(bare) || /^[:=]$/.test(bare)) {
        copula = true;
        continue;
      }
      if (!copula && (BETWEEN.has(bare) || /^[\w.+-]+@[\w.-]+$/.test(bare)) && skipped++ < 5) continue;
      if (!copula && /:$/.test(w.text) && w.text.length > 1) {
        // "password for svc-jira: …": the colon ends the words in between.
        copula = true;
        continue;
      }
      const span = valueAt(line, w, word === 'passphrase' && copula);
      if (!span) break;
      const value = line.slice(span.start, span.end);
      const quoted = span.start > w.start;
      if (copula ? quoted || !ordinary(value) : looksSecret(value)) spans.push(span);
      break;
    }
  }
  if (/passw|pwd|\bpw\b/i.test(line)) {
    for (const m of line.matchAll(GIVEN_AS_PASSWORD)) {
      const value = m[2] ?? '';
      if (ordinary(value)) continue;
      const start = (m.index ?? 0) + m[0].indexOf(value, m[0].search(/\s/));
      spans.push({ start, end: start + value.length });
    }
    for (const m of line.matchAll(APP_PASSWORD)) {
      const groups = m[0].includes(' ') ? m[0].split(' ') : [m[0]];
      if (groups.some((g) => COMMON_FOUR.has(g)) || ORDINARY.has(m[0])) continue;
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  if (spans.length === 0) return line;
  spans.sort((a, b) => b.start - a.start);
  let out = line;
  let floor = Number.POSITIVE_INFINITY;
  for (const s of spans) {
    if (s.end > floor || s.end <= s.start) continue;
    const value = out.slice(s.start, s.end);
    if (value.startsWith('[redacted') || value.startsWith('[hidden')) continue;
    out = out.slice(0, s.start) + found() + out.slice(s.end);
    floor = s.start;
  }
  return out;
}
