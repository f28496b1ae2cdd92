package io.drover.agent.executor;

import com.github.dockerjava.api.model.AuthConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * A Docker {@code config.json} (Marathon's {@code pullConfig}) read for one image: the {@code auths}
 * entry of the image's registry, as the credentials to pull it with. Every problem names the secret
 * that holds the file, never what it holds.
 */
final class DockerPullConfig {

  /** Where an image without a registry host in its name comes from, as Docker reads names. */
  static final String DOCKER_HUB = "docker.io";
  /** The names Docker Hub goes by among {@code auths} keys ({@code docker login} writes the first). */
  private static final Set<String> DOCKER_HUB_KEYS = Set.of("index.docker.io", "docker.io", "registry-1.docker.io");

  private DockerPullConfig() {
  }

  /**
   * The credentials of {@code config} for {@code image}'s registry.
   *
   * @param secret the name of the secret {@code config} was read from, for messages
   * @throws IllegalArgumentException naming the secret when the file is not a config.json or has no
   *                                  usable entry for the registry
   */
  static AuthConfig credentials(String config, String image, String secret) {
    String registry = registryOf(image);
    String what = "pull config '" + secret + "' of image " + image + ": ";
    JsonObject auths;
    try {
      Object parsed = new JsonObject(config).getValue("auths");
      auths = parsed instanceof JsonObject object ? object : new JsonObject();
    } catch (DecodeException e) {
      // the parser's message quotes the text, which may be the credentials themselves
      throw new IllegalArgumentException(what + "not a Docker config.json (a JSON object with \"auths\")");
    }
    for (String key : auths.fieldNames()) {
      if (matches(host(key), registry) && auths.getValue(key) instanceof JsonObject entry) {
        return credentials(entry, registry, what);
      }
    }
    throw new IllegalArgumentException(what + "its \"auths\" has no entry for registry " + registry);
  }

  /**
   * The registry host of an image name, Docker's way: the part before the first '/' when it looks
   * like a host (a '.' or ':', {@code localhost}, or upper case), else Docker Hub.
   */
  static String registryOf(String image) {
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost")
      || !first.equals(first.toLowerCase(Locale.ROOT));
    return host ? first : DOCKER_HUB;
  }

  /** An {@code auths} key as a host: {@code docker login} wrote some as URLs ({@code https://index.docker.io/v1/}). */
  private static String host(String key) {
    String host = key.replaceFirst("^https?://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }

  private static boolean matches(String host, String registry) {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_KEYS.contains(host.toLowerCase(Locale.ROOT))
      : host.equalsIgnoreCase(registry);
  }

  private static AuthConfig credentials(JsonObject entry, String registry, String what) {
    String user = entry.getValue("username") instanceof String u ? u : null;
    String password = entry.getValue("password") instanceof String p ? p : null;
    if (entry.getValue("auth") instanceof String auth && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(what + "the \"auth\" of registry " + registry
          + " is not the base64 of user:password");
      }
      user = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (user == null || user.isEmpty() || password == null) {
      throw new IllegalArgumentException(what + "the entry of registry " + registry
        + " has neither \"auth\" nor \"username\" and \"password\"");
    }
    return new AuthConfig().withRegistryAddress(registry.equals(DOCKER_HUB) ? AuthConfig.DEFAULT_SERVER_ADDRESS : registry)
      .withUsername(user).withPassword(password);
  }
}
