package io.drover.master;

import java.util.Locale;

/** What happened to the thing a dashboard event carries; browsers read it, lower case, as {@code event}. */
public enum UiChange {
  ELECTED, STEPPED_DOWN,
  REGISTERED, UNREACHABLE, REMOVED,
  UPDATED,
  CREATED, ACCEPTED, DECLINED, RESCINDED,
  SUBSCRIBED, DISCONNECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
