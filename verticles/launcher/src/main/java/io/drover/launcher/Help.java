package io.drover.launcher;

/** The text of {@code drover --help} (every command and flag) and {@code drover <command> --help} (its flags). */
final class Help {

  private Help() {
  }

  static String text() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: drover <command> [flags]\n\nCommands:\n");
    for (Command command : Command.values()) {
      text.append(String.format("  %-8s %s%n", command.id(), command.summary));
    }
    text.append("  version  print the version and the commit it was built from (also --version)\n");
    text.append("\nRun 'drover <command> --help' for the flags of one command. Every flag:\n");
    flags(text, null);
    return text.toString();
  }

  static String text(Command command) {
    StringBuilder text = new StringBuilder();
    text.append("Usage: drover ").append(command.id()).append(" [flags]\n\n").append(command.summary).append("\n\nFlags:\n");
    flags(text, command);
    return text.toString();
  }

  private static void flags(StringBuilder text, Command command) {
    for (Option option : command == null ? Option.ALL_OPTIONS : Option.forCommand(command)) {
      String flag = option.flag() + " <" + option.kind().label + ">";
      if (command == null) {
        StringBuilder commands = new StringBuilder();
        option.commands().forEach(c -> commands.append(commands.length() == 0 ? "" : ",").append(c.id()));
        text.append(String.format("  %-36s %s [%s]%n", flag, option.help(), commands));
      } else {
        text.append(String.format("  %-36s %s%n", flag, option.help()));
      }
    }
    text.append("\nEach flag is also DROVER_<FLAG> in the environment (--work-dir: DROVER_WORK_DIR) and a key in the\n")
      .append("role's conf file (workDir). Durations take a unit: 500ms, 30s, 5m, 1h, 7d.\n")
      .append("Precedence: built-in defaults < conf file < DROVER_* environment < flags.\n");
  }
}
