package io.drover.launcher;

import java.util.Locale;

/** What {@code drover} runs: one role, or all of them in one process. */
enum Command {
  LOCAL("embedded ZooKeeper + master + marathon + N agents in one process (development)"),
  MASTER("a master: stands for election, leads or stands by"),
  AGENT("an agent process: advertises resources, runs tasks"),
  MARATHON("the Marathon-compatible scheduler: the /v2 REST API, keeps apps running"),
  ZK("an embedded standalone ZooKeeper server");

  final String summary;

  Command(String summary) {
    this.summary = summary;
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Command parse(String word) {
    for (Command c : values()) {
      if (c.id().equals(word)) {
        return c;
      }
    }
    throw new UsageException("unknown command '" + word + "' (expected local, master, agent, marathon, zk or version)");
  }
}
