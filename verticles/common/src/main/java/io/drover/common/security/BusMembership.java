package io.drover.common.security;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Only members of the cluster talk on its event bus. With a token configured, every message this
 * process sends (commands, registrations, status updates, service calls and their replies) carries
 * the member credential derived from it, and every message that arrives without it is dropped
 * before any handler sees it: a process that reached the bus without the token can neither
 * register an agent, subscribe a framework, nor command an agent. The credential proves membership,
 * not freshness: on a network others can read, add TLS on the event bus (see the README).
 */
public final class BusMembership {

  public static final String HEADER = "drover-member";
  private static final Logger LOG = Logger.getLogger(BusMembership.class.getName());
  private static final long LOG_EVERY_MS = 10_000;

  private BusMembership() {
  }

  /** Stamps what {@code vertx} sends and drops what arrives unstamped; nothing without a token. */
  public static void install(Vertx vertx, Credentials credentials) {
    String credential = credentials.memberCredential().orElse(null);
    if (credential == null) {
      return;
    }
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      ctx.message().headers().set(HEADER, credential);
      ctx.next();
    });
    AtomicLong dropped = new AtomicLong();
    AtomicLong lastLogged = new AtomicLong();
    vertx.eventBus().addInboundInterceptor((DeliveryContext<Object> ctx) -> {
      if (credentials.isMember(ctx.message().headers().get(HEADER))) {
        ctx.next();
        return;
      }
      long count = dropped.incrementAndGet();
      long now = System.currentTimeMillis();
      long last = lastLogged.get();
      if (now - last >= LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
        LOG.warning("dropped a message to " + ctx.message().address() + " from a sender without the cluster's member"
          + " credential (" + count + " so far)");
      }
    });
  }
}
