package io.drover.allocator;

/** Why a framework received no offer, with a sentence for people. */
public record NotOffered(NotOfferedReason reason, String message) {}
