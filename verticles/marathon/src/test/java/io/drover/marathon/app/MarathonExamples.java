package io.drover.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Test fixtures: Marathon's example payloads and small helpers to read violations. */
final class MarathonExamples {

  private MarathonExamples() {
  }

  static String text(String name) {
    try (InputStream in = MarathonExamples.class.getResourceAsStream("/marathon-examples/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject object(String name) {
    return new JsonObject(text(name));
  }

  static JsonArray array(String name) {
    return new JsonArray(text(name));
  }

  static List<Violation> violations(Runnable read) {
    ValidationException e = catchThrowableOfType(ValidationException.class, read::run);
    assertThat(e).as("expected a ValidationException").isNotNull();
    return e.violations();
  }

  static List<Violation> appViolations(String json) {
    return violations(() -> AppJson.readApp(new JsonObject(json), PathId.ROOT));
  }

  static AppDefinition app(String json) {
    return AppJson.readApp(new JsonObject(json), PathId.ROOT);
  }

  /** True when the violation is a row of the unsupported-field table (an app's or a pod's), at any index and in any group. */
  static boolean isUnsupported(Violation v) {
    if (!v.error().startsWith(UnsupportedFields.ERROR + ": ")) {
      return false;
    }
    String inApp = v.path().replaceFirst("^(/\\(\\d+\\))?(/groups\\(\\d+\\))*(/apps\\(\\d+\\))?", "");
    return UnsupportedFields.table().keySet().stream()
      .anyMatch(key -> pattern(key.replaceFirst("^pod:", "")).matcher(inApp).matches());
  }

  private static Pattern pattern(String key) {
    String regex = Pattern.quote(key).replace("(*)", "\\E\\(\\d+\\)\\Q").replace("*", "\\E[^/]+\\Q");
    return Pattern.compile(regex);
  }
}
