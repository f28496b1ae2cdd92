package io.drover.agent.fetch;

/** An archive entry that breaks a rule: the whole archive is refused and what was unpacked of it removed. */
final class RefusedEntry extends Exception {

  RefusedEntry(String entry, String rule) {
    super("entry '" + entry + "' " + rule);
  }

  /** A rule about the archive as a whole rather than one entry. */
  RefusedEntry(String rule) {
    super(rule);
  }
}
