package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apps from readable one-liners: {@code "/web x3 needs /db,/cache cmd=v2 version=2"} is /web with 3
 * instances, depending on /db and /cache, command "v2", version "2". Defaults: 1 instance, no
 * dependencies, command "v1", version "1".
 */
final class AppFixture {

  private AppFixture() {
  }

  static AppDefinition app(String spec) {
    String[] words = spec.trim().split("\\s+");
    PathId id = PathId.parse(words[0]);
    int instances = 1;
    List<PathId> dependencies = new ArrayList<>();
    String cmd = "v1";
    String version = "1";
    for (int i = 1; i < words.length; i++) {
      String word = words[i];
      if (word.matches("x\\d+")) {
        instances = Integer.parseInt(word.substring(1));
      } else if (word.equals("needs")) {
        for (String dependency : words[++i].split(",")) {
          dependencies.add(PathId.parse(dependency));
        }
      } else if (word.startsWith("cmd=")) {
        cmd = word.substring("cmd=".length());
      } else if (word.startsWith("version=")) {
        version = word.substring("version=".length());
      } else {
        throw new IllegalArgumentException("cannot read '" + word + "' in " + spec);
      }
    }
    return new AppDefinition(id, cmd, List.of(), null, Map.of(), instances, 0.1, 32, 0, List.of(), List.of(), null,
      List.of(), false, List.of(), List.of(), dependencies, AppDefinition.UpgradeStrategy.DEFAULT, Map.of(),
      AppDefinition.DEFAULT_BACKOFF_SECONDS, AppDefinition.DEFAULT_BACKOFF_FACTOR,
      AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS, AppDefinition.KillSelection.YOUNGEST_FIRST,
      AppDefinition.UnreachableStrategy.DEFAULT, null, version, null);
  }

  static Map<PathId, AppDefinition> apps(String... specs) {
    Map<PathId, AppDefinition> apps = new LinkedHashMap<>();
    for (String spec : specs) {
      AppDefinition app = app(spec);
      apps.put(app.id(), app);
    }
    return apps;
  }

  static PathId id(String text) {
    return PathId.parse(text);
  }
}
