package io.drover.marathon.http;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's {@code label} filter: comma-separated terms that must all hold, each {@code key}
 * (present), {@code !key} (absent), {@code key==value}, {@code key!=value} (present, another value),
 * {@code key in (a,b)} or {@code key notin (a,b)} (present, none of them).
 */
record LabelSelector(List<Term> terms) {

  private static final Pattern SET = Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern COMPARE = Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|!=)\\s*([^\\s!=(),]*)\\s*");
  private static final Pattern KEY = Pattern.compile("\\s*(!?)([^\\s!=(),]+)\\s*");

  record Term(String key, String op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String actual = labels.get(key);
      return switch (op) {
        case "==", "in" -> actual != null && values.contains(actual);
        case "!=", "notin" -> actual != null && !values.contains(actual);
        case "absent" -> actual == null;
        default -> actual != null;
      };
    }
  }

  static LabelSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String part : split(text)) {
      Matcher set = SET.matcher(part);
      Matcher compare = COMPARE.matcher(part);
      Matcher key = KEY.matcher(part);
      if (set.matches()) {
        Set<String> values = new java.util.HashSet<>();
        for (String value : set.group(3).split(",")) {
          values.add(value.trim());
        }
        terms.add(new Term(set.group(1), set.group(2), values));
      } else if (compare.matches()) {
        terms.add(new Term(compare.group(1), compare.group(2), Set.of(compare.group(3))));
      } else if (key.matches()) {
        terms.add(new Term(key.group(2), key.group(1).isEmpty() ? "exists" : "absent", Set.of()));
      } else if (!part.isBlank()) {
        throw ApiException.of(400, "label selector term '" + part.trim() + "' is not key, !key, key==value, "
          + "key!=value, key in (values) or key notin (values)");
      }
    }
    return new LabelSelector(terms);
  }

  /** Splits at commas outside parentheses. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  boolean matches(Map<String, String> labels) {
    return terms.stream().allMatch(t -> t.matches(labels));
  }
}
