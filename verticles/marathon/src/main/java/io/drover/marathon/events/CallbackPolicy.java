package io.drover.marathon.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which callback URLs {@code /v2/eventSubscriptions} may take: only those the operator allows with
 * {@code --event-subscriber-allow} (URL prefixes: scheme, host and port alike, the path a prefix),
 * never one with credentials in it, never the cluster's own API addresses. Without an allow-list no
 * callback is taken. Pure: the addresses to keep out are given.
 */
public final class CallbackPolicy {

  private final List<URI> allowed;

  private CallbackPolicy(List<URI> allowed) {
    this.allowed = allowed;
  }

  /**
   * The policy of a comma-separated allow-list, such as {@code http://hooks.example.com:9000/marathon,https://lb.internal/}.
   *
   * @throws IllegalArgumentException naming an entry that is not an http(s) URL
   */
  public static CallbackPolicy parse(String allowList) {
    List<URI> allowed = new ArrayList<>();
    if (allowList != null) {
      for (String entry : allowList.split(",")) {
        if (!entry.isBlank()) {
          allowed.add(httpUri(entry.trim())
            .orElseThrow(() -> new IllegalArgumentException("--event-subscriber-allow: not an http(s) URL: " + entry)));
        }
      }
    }
    return new CallbackPolicy(List.copyOf(allowed));
  }

  /** Whether callbacks are on at all. */
  public boolean enabled() {
    return !allowed.isEmpty();
  }

  /**
   * Why {@code url} may not be a callback, or empty when it may.
   *
   * @param own the cluster's API addresses ({@code host:port}) a callback must never point at
   */
  public Optional<String> refusal(String url, Set<String> own) {
    Optional<URI> parsed = url == null ? Optional.empty() : httpUri(url);
    if (parsed.isEmpty()) {
      return Optional.of("callbackUrl must be an absolute http or https URL");
    }
    URI uri = parsed.get();
    if (uri.getRawUserInfo() != null) {
      return Optional.of("callbackUrl must not carry credentials");
    }
    String address = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    if (own.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(address))) {
      return Optional.of("callbackUrl points into the cluster (" + address + ")");
    }
    if (allowed.stream().noneMatch(prefix -> matches(prefix, uri))) {
      return Optional.of("callbackUrl is not among the URLs the operator allows (--event-subscriber-allow)");
    }
    return Optional.empty();
  }

  private static boolean matches(URI prefix, URI uri) {
    String prefixPath = prefix.getRawPath() == null || prefix.getRawPath().isEmpty() ? "/" : prefix.getRawPath();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return prefix.getScheme().equalsIgnoreCase(uri.getScheme())
      && prefix.getHost().equalsIgnoreCase(uri.getHost())
      && port(prefix) == port(uri)
      && path.startsWith(prefixPath);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static Optional<URI> httpUri(String text) {
    try {
      URI uri = new URI(text);
      boolean http = uri.getScheme() != null
        && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"));
      return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException bad) {
      return Optional.empty();
    }
  }
}
