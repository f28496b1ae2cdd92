package io.drover.allocator;

/** An outstanding offer to take back; its resources are free again. */
public record Rescind(String offerId, RescindReason reason) {}
