package io.drover.resources;

/**
 * One resource that a request wants beyond what is available: the reason a task does not fit, meant
 * to be shown to users. Amounts are in the Mesos text syntax ({@code 1.5}, {@code [31000-31000]}).
 */
public record Shortfall(String name, String wanted, String available) {

  /** For example {@code insufficient cpus: wanted 2, available 1.5}. */
  @Override
  public String toString() {
    return "insufficient " + name + ": wanted " + wanted + ", available " + available;
  }
}
