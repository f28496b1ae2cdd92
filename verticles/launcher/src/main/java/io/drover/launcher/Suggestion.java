package io.drover.launcher;

import java.util.Collection;
import java.util.Locale;

/** The valid name a mistyped one was most likely meant to be. */
final class Suggestion {

  /** Farther than this many edits, a name is not a typo of another. */
  static final int MAX_EDITS = 2;

  private Suggestion() {
  }

  /** The candidate closest to {@code word}, or null when none is within {@link #MAX_EDITS} edits. */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String candidate : candidates) {
      int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** " (did you mean X?)", or nothing. */
  static String hint(String word, Collection<String> candidates) {
    String closest = closest(word, candidates);
    return closest == null ? "" : " (did you mean " + closest + "?)";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
