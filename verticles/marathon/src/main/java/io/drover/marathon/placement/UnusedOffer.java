package io.drover.marathon.placement;

/** An offer that was not used, why, and when it was processed (epoch millis). */
public record UnusedOffer(Rejection rejection, long atMs) {
}
