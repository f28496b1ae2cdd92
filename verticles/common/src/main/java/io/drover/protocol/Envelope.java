package io.drover.protocol;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/** The headers every Drover message carries: what it is ({@code action}) and the leader epoch. */
public final class Envelope {

  public static final String ACTION = "action";
  public static final String EPOCH = "epoch";

  private Envelope() {
  }

  public static DeliveryOptions of(Enum<?> action, long epoch) {
    return new DeliveryOptions().addHeader(ACTION, action.name()).addHeader(EPOCH, Long.toString(epoch));
  }

  public static DeliveryOptions of(Enum<?> action) {
    return new DeliveryOptions().addHeader(ACTION, action.name());
  }

  /** The message's action, or null when it names none this receiver knows. */
  public static <E extends Enum<E>> E action(Message<?> message, Class<E> type) {
    String name = message.headers().get(ACTION);
    try {
      return name == null ? null : Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /** The epoch of the leader that sent the message; 0 when it carries none. */
  public static long epoch(Message<?> message) {
    String epoch = message.headers().get(EPOCH);
    try {
      return epoch == null ? 0 : Long.parseLong(epoch);
    } catch (NumberFormatException bad) {
      return 0;
    }
  }
}
