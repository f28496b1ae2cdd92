package io.drover.marathon.placement;

import io.drover.marathon.app.AppDefinition;

/**
 * Marathon's launch backoff for one app, as an immutable value: after the n-th failed task in a row
 * the next launch waits {@code backoffSeconds * backoffFactor^(n-1)} seconds from the failure,
 * capped at {@code maxLaunchDelaySeconds}. A task reaching RUNNING, a new app version and {@code
 * DELETE /v2/queue/{id}/delay} {@link #reset} it. Time is passed in; nothing here reads a clock.
 */
public final class LaunchDelay {

  private final double backoffSeconds;
  private final double backoffFactor;
  private final double maxLaunchDelaySeconds;
  private final int failures;
  private final long delayMs;
  private final long launchableAtMs;

  private LaunchDelay(double backoffSeconds, double backoffFactor, double maxLaunchDelaySeconds,
      int failures, long delayMs, long launchableAtMs) {
    this.backoffSeconds = backoffSeconds;
    this.backoffFactor = backoffFactor;
    this.maxLaunchDelaySeconds = maxLaunchDelaySeconds;
    this.failures = failures;
    this.delayMs = delayMs;
    this.launchableAtMs = launchableAtMs;
  }

  /** No delay yet, with the backoff settings of {@code app}. */
  public static LaunchDelay of(AppDefinition app) {
    return of(app.backoffSeconds(), app.backoffFactor(), app.maxLaunchDelaySeconds());
  }

  /**
   * No delay yet.
   *
   * @throws IllegalArgumentException for a negative or non-finite setting, or a factor below 1
   */
  public static LaunchDelay of(double backoffSeconds, double backoffFactor, double maxLaunchDelaySeconds) {
    if (!(backoffSeconds >= 0) || !(maxLaunchDelaySeconds >= 0) || !(backoffFactor >= 1)
        || Double.isInfinite(backoffSeconds) || Double.isInfinite(maxLaunchDelaySeconds)
        || Double.isInfinite(backoffFactor)) {
      throw new IllegalArgumentException("invalid backoff: " + backoffSeconds + "s * "
          + backoffFactor + "^n, at most " + maxLaunchDelaySeconds + "s");
    }
    return new LaunchDelay(backoffSeconds, backoffFactor, maxLaunchDelaySeconds, 0, 0, Long.MIN_VALUE);
  }

  /** The delay after one more failed task, which failed at {@code nowMs}. */
  public LaunchDelay failed(long nowMs) {
    int next = failures + 1;
    // an overflowing power is infinite, and the cap takes over
    double seconds = Math.min(maxLaunchDelaySeconds, backoffSeconds * Math.pow(backoffFactor, next - 1));
    long nextDelayMs = Math.round(seconds * 1000);
    return new LaunchDelay(backoffSeconds, backoffFactor, maxLaunchDelaySeconds, next, nextDelayMs,
        nowMs + nextDelayMs);
  }

  /**
   * One more failed task counted, without a wait: the replacement of a task that ran and ended
   * first of its series starts at once; a further failure waits as {@link #failed} says.
   */
  public LaunchDelay failedWithoutWait(long nowMs) {
    return new LaunchDelay(backoffSeconds, backoffFactor, maxLaunchDelaySeconds, failures + 1, 0, nowMs);
  }

  /** No delay, as after a task reached RUNNING. */
  public LaunchDelay reset() {
    return of(backoffSeconds, backoffFactor, maxLaunchDelaySeconds);
  }

  /** How many tasks failed in a row. */
  public int failures() {
    return failures;
  }

  /** When the next launch may start, in epoch millis; {@link Long#MIN_VALUE} when not delayed at all. */
  public long launchableAt() {
    return launchableAtMs;
  }

  public boolean isDelayed(long nowMs) {
    return nowMs < launchableAtMs;
  }

  /** The delay set by the last failure, in seconds; 0 when none failed. */
  public double currentDelaySeconds() {
    return delayMs / 1000.0;
  }

  /** The whole seconds left to wait, rounded up, as the queue's {@code delay.timeLeftSeconds}. */
  public long timeLeftSeconds(long nowMs) {
    if (!isDelayed(nowMs)) {
      return 0;
    }
    return (launchableAtMs - nowMs + 999) / 1000;
  }

  @Override
  public String toString() {
    return failures == 0
        ? "no delay"
        : failures + " failures, " + currentDelaySeconds() + "s delay until " + launchableAtMs;
  }
}
