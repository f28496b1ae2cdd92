package io.drover.marathon.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marathon's {@code label} filter: comma-separated terms, each {@code key} (present),
 * {@code key==value}, {@code key!=value}, all of which must hold.
 */
record LabelSelector(List<Term> terms) {

  record Term(String key, String op, String value) {
    boolean matches(Map<String, String> labels) {
      return switch (op) {
        case "==" -> value.equals(labels.get(key));
        case "!=" -> !value.equals(labels.get(key));
        default -> labels.containsKey(key);
      };
    }
  }

  static LabelSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",")) {
      String term = part.trim();
      if (term.contains("==")) {
        terms.add(new Term(term.substring(0, term.indexOf("==")).trim(), "==", term.substring(term.indexOf("==") + 2).trim()));
      } else if (term.contains("!=")) {
        terms.add(new Term(term.substring(0, term.indexOf("!=")).trim(), "!=", term.substring(term.indexOf("!=") + 2).trim()));
      } else if (!term.isEmpty()) {
        terms.add(new Term(term, "exists", null));
      }
    }
    return new LabelSelector(terms);
  }

  boolean matches(Map<String, String> labels) {
    return terms.stream().allMatch(t -> t.matches(labels));
  }
}
