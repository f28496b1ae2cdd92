package io.drover.common.election;

/** Who stands for election: what the leader announces of itself once elected. */
public record Candidate(String id, String hostname, int port) {
}
