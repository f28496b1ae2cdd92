package io.drover.allocator;

/**
 * The allocator's tunables.
 *
 * @param offerTimeoutMillis how long an offer may stay outstanding before it is rescinded; 0 means
 *     never
 * @param minOfferCpus an agent with less free cpus than this, and less free memory than {@code
 *     minOfferMemMb}, is not worth an offer (Mesos's {@code MIN_CPUS})
 * @param minOfferMemMb see {@code minOfferCpus} (Mesos's {@code MIN_MEM})
 */
public record AllocatorSettings(
    long offerTimeoutMillis, double minOfferCpus, double minOfferMemMb) {

  /** Offers are rescinded after 30 s, so a silent framework cannot sit on resources. */
  public static final long DEFAULT_OFFER_TIMEOUT_MS = 30_000;

  /** Mesos's {@code MIN_CPUS}. */
  public static final double DEFAULT_MIN_OFFER_CPUS = 0.01;

  /** Mesos's {@code MIN_MEM}, in MB. */
  public static final double DEFAULT_MIN_OFFER_MEM_MB = 32;

  public AllocatorSettings {
    if (offerTimeoutMillis < 0) {
      throw new IllegalArgumentException("negative offer timeout " + offerTimeoutMillis);
    }
    if (!(minOfferCpus >= 0) || !(minOfferMemMb >= 0)) {
      throw new IllegalArgumentException(
          "invalid minimum offer cpus " + minOfferCpus + " / mem " + minOfferMemMb);
    }
  }

  /** The default settings. */
  public static AllocatorSettings defaults() {
    return new AllocatorSettings(
        DEFAULT_OFFER_TIMEOUT_MS, DEFAULT_MIN_OFFER_CPUS, DEFAULT_MIN_OFFER_MEM_MB);
  }
}
