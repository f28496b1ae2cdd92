package io.drover.launcher;

/** A part of Drover with its own configuration (and its own file in {@code conf/}). */
enum Role {
  ZOOKEEPER("zookeeper", Command.ZK),
  MASTER("master", Command.MASTER),
  AGENT("agent", Command.AGENT),
  MARATHON("marathon", Command.MARATHON);

  final String confName;
  /** The command that runs this role alone; its flags are the keys of the role's conf file. */
  final Command command;

  Role(String confName, Command command) {
    this.confName = confName;
    this.command = command;
  }
}
