package io.drover.launcher;

/** The text of {@code drover --help}: every command and every flag. */
final class Help {

  private Help() {
  }

  static String text() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: drover <command> [flags]\n\nCommands:\n");
    for (Command command : Command.values()) {
      text.append(String.format("  %-8s %s%n", command.id(), command.summary));
    }
    text.append("\nFlags (also DROVER_<FLAG> in the environment, e.g. DROVER_WORK_DIR; flags win):\n");
    for (Option option : Option.ALL_OPTIONS) {
      StringBuilder commands = new StringBuilder();
      option.commands().forEach(c -> commands.append(commands.length() == 0 ? "" : ",").append(c.id()));
      text.append(String.format("  %-30s %s [%s]%n", option.flag() + " <" + option.kind().name().toLowerCase(java.util.Locale.ROOT) + ">",
        option.help(), commands));
    }
    text.append("\nPrecedence: built-in defaults < conf file < DROVER_* environment < flags.\n");
    return text.toString();
  }
}
