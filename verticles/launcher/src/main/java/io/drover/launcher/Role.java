package io.drover.launcher;

/** A part of Drover with its own configuration (and its own file in {@code conf/}). */
enum Role {
  ZOOKEEPER("zookeeper"),
  MASTER("master"),
  AGENT("agent"),
  MARATHON("marathon");

  final String confName;

  Role(String confName) {
    this.confName = confName;
  }
}
