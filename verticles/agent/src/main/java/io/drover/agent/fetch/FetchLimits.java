package io.drover.agent.fetch;

import java.time.Duration;

/**
 * How much one fetched URI may bring into a sandbox.
 *
 * @param maxFileBytes     the largest file a download or copy may write
 * @param maxUnpackedBytes the most an archive may unpack to, all its entries together
 * @param maxEntries       the most entries (files, directories, links) an archive may hold
 * @param maxRatio         the most an archive may unpack to per byte of its own size (compression bombs);
 *                         archives of a few megabytes may always unpack to {@link #RATIO_FREE_BYTES}
 * @param deadline         how long one URI's download may take in all, however steadily bytes trickle in
 */
public record FetchLimits(long maxFileBytes, long maxUnpackedBytes, int maxEntries, int maxRatio, Duration deadline) {

  public static final long DEFAULT_MAX_FILE_MB = 1024;
  public static final long DEFAULT_MAX_UNPACKED_MB = 4096;
  /** Application bundles hold hundreds to a few thousand files; tens of thousands is an inode flood. */
  public static final int DEFAULT_MAX_ENTRIES = 5_000;
  /** Text and binaries compress 3-10x; a bomb of zeros compresses about 1,000x. */
  public static final int DEFAULT_MAX_RATIO = 100;
  /** Mesos's fetcher has a stall timeout but no overall one; ten minutes fits a large bundle on a slow link. */
  public static final long DEFAULT_DEADLINE_SECONDS = 600;
  /** What any archive may unpack to whatever its ratio, so small, well-compressed archives are not refused. */
  public static final long RATIO_FREE_BYTES = 64L * 1024 * 1024;

  public FetchLimits {
    if (maxFileBytes <= 0 || maxUnpackedBytes <= 0 || maxEntries <= 0 || maxRatio <= 0
      || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("fetch limits must be positive: " + this);
    }
  }

  /** The most an archive of {@code archiveBytes} may unpack to, and which rule says so. */
  Cap unpackCap(long archiveBytes) {
    long byRatio = Math.max(RATIO_FREE_BYTES, multiply(archiveBytes, maxRatio));
    return byRatio < maxUnpackedBytes
      ? new Cap(byRatio, "it unpacks to more than " + maxRatio + " times its size (--fetch-max-ratio), as a compression bomb does")
      : new Cap(maxUnpackedBytes, "it unpacks to more than " + maxUnpackedBytes + " bytes (--fetch-max-unpacked-mb)");
  }

  record Cap(long bytes, String rule) {
  }

  private static long multiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }
}
