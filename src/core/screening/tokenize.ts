/**
 * Tokenisation as scikit-learn's `CountVectorizer` does it by default: lower-case the text, then take
 * every match of the token pattern `(?u)\b\w\w+\b`, i.e. every maximal run of two or more word
 * characters (Python's Unicode `\w`: letters, digits and the underscore), dropping stop words before
 * n-grams are formed (sklearn `_word_ngrams`).
 *
 * Example: tokenize("ACE-inhibitors, e.g. enalapril (2 mg)") -> ["ace", "inhibitors", "enalapril", "mg"]
 * ("e", "g" and "2" are single characters, so the pattern skips them).
 */

// Python's \w in a str pattern is "alphanumeric or underscore" in the Unicode sense.
const wordRun = /[\p{L}\p{N}_]{2,}/gu

/** Lower-cased tokens of `text`, without the stop words. */
export function tokenize(text: string, stopWords?: ReadonlySet<string>): string[] {
  const matches = text.toLowerCase().match(wordRun)
  if (matches === null) return []
  return stopWords === undefined || stopWords.size === 0 ? matches : matches.filter((t) => !stopWords.has(t))
}

/**
 * Unigrams up to n-grams of length `ngramMax`, in sklearn's order (all unigrams, then all bigrams, ...),
 * each n-gram being its tokens joined by one space.
 * Example: ngrams(["ace", "inhibitor", "trial"], 2) -> ["ace", "inhibitor", "trial", "ace inhibitor", "inhibitor trial"]
 */
export function ngrams(tokens: readonly string[], ngramMax: number): string[] {
  if (ngramMax <= 1) return tokens.slice()
  const out = tokens.slice()
  for (let n = 2; n <= ngramMax; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '))
  }
  return out
}
