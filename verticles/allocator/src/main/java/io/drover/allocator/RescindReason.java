package io.drover.allocator;

/** Why an outstanding offer is taken back. */
public enum RescindReason {
  /** It stayed outstanding longer than the offer timeout. */
  EXPIRED,
  /** Its agent is gone or inactive. */
  AGENT_GONE,
  /** Its framework is gone or inactive. */
  FRAMEWORK_GONE,
  /** Its framework left the role it was made for. */
  ROLE_LEFT
}
