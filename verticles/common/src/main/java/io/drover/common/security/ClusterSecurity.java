package io.drover.common.security;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a process proves on the event bus that it belongs to the cluster: the member credential
 * derived from its token on every message ({@link BusMembership}) and, with {@code busKeystore},
 * mutual TLS between event-bus nodes, so that nobody without the cluster's key can connect, read
 * or replay. One PKCS12 store holds the key and is the only thing trusted.
 *
 * @param credentials the process's tokens
 * @param busTls      the PKCS12 key store of the event bus, or null for plain TCP
 */
public record ClusterSecurity(Credentials credentials, PfxOptions busTls) {

  public static final String BUS_KEYSTORE_PASSWORD_ENV = "DROVER_BUS_KEYSTORE_PASSWORD";

  /** From a role's configuration and the process environment. */
  public static ClusterSecurity from(JsonObject config) {
    return from(config, System.getenv());
  }

  /** @throws IllegalArgumentException naming the file or variable that cannot be read */
  public static ClusterSecurity from(JsonObject config, Map<String, String> env) {
    Credentials credentials = Credentials.from(config, env);
    String keystore = config.getString("busKeystore");
    if (keystore == null) {
      return new ClusterSecurity(credentials, null);
    }
    if (!Files.isReadable(Path.of(keystore))) {
      throw new IllegalArgumentException("cannot read the event-bus key store " + keystore);
    }
    String password = Secrets.read(config.getString("busKeystorePasswordFile"), env.get(BUS_KEYSTORE_PASSWORD_ENV),
      "the key store password file");
    if (password == null) {
      throw new IllegalArgumentException("the event-bus key store needs its password: --bus-keystore-password-file or "
        + BUS_KEYSTORE_PASSWORD_ENV);
    }
    return new ClusterSecurity(credentials, new PfxOptions().setPath(keystore).setPassword(password));
  }

  /** Plain event bus, member credential only. */
  public static ClusterSecurity of(Credentials credentials) {
    return new ClusterSecurity(credentials, null);
  }

  /** The event bus's TLS: both ends show the store's key, and only that key is trusted. */
  public EventBusOptions apply(EventBusOptions options) {
    if (busTls == null) {
      return options;
    }
    // trustAll defaults to true on the event bus, and hostname verification is off there: the store is the check
    return options.setSsl(true).setKeyCertOptions(busTls).setTrustOptions(busTls).setTrustAll(false)
      .setClientAuth(ClientAuth.REQUIRED);
  }

  /** Stamps and checks the member credential on this process's event bus. */
  public void install(Vertx vertx) {
    BusMembership.install(vertx, credentials);
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "ClusterSecurity[" + credentials + (busTls == null ? "" : ", TLS with " + busTls.getPath()) + "]";
  }
}
