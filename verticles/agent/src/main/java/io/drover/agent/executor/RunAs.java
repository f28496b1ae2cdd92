package io.drover.agent.executor;

import io.drover.protocol.CommandInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who command tasks and command health checks run as. An agent running as root runs them as
 * {@code taskUser} ({@code nobody} unless configured), or as the user an app names when
 * {@code allowed} lists it: root only when the operator says so. An agent running as anyone else
 * runs them as itself and refuses an app that names another user, which it could not become.
 */
public final class RunAs {

  public static final String DEFAULT_TASK_USER = "nobody";

  private final String agentUser;
  private final String taskUser;
  private final Set<String> allowed;
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  private record Account(int uid, int gid) {
  }

  public RunAs(String agentUser, String taskUser, Set<String> allowed) {
    this.agentUser = agentUser;
    this.taskUser = taskUser;
    this.allowed = new TreeSet<>(allowed);
  }

  /** For the user this process runs as. */
  public static RunAs forThisProcess(String taskUser, Set<String> allowed) {
    return new RunAs(System.getProperty("user.name"), taskUser, allowed);
  }

  /**
   * Who a task asking for {@code requested} (null or blank: nobody in particular) runs as.
   *
   * @throws IllegalArgumentException naming why this agent will not run it
   */
  public String userFor(String requested) {
    boolean named = requested != null && !requested.isBlank();
    if (!agentUser.equals("root")) {
      if (named && !requested.equals(agentUser)) {
        throw new IllegalArgumentException("this agent runs as " + agentUser + " and cannot run tasks as " + requested);
      }
      return agentUser;
    }
    if (!named) {
      return taskUser;
    }
    if (requested.equals(taskUser) || allowed.contains(requested)) {
      return requested;
    }
    throw new IllegalArgumentException("user '" + requested + "' is not allowed on this agent (it runs tasks as "
      + taskUser + (allowed.isEmpty() ? "" : " or " + String.join(", ", allowed)) + "; see --allowed-task-users)");
  }

  /** True when tasks run as someone other than the agent, who then must be able to reach their sandboxes. */
  public boolean switches() {
    return !userFor(null).equals(agentUser);
  }

  /**
   * What to put before a task's command line so that it runs as its user: {@code setpriv} with the
   * user's ids and groups, or nothing. Blocking: looks the user up the first time.
   *
   * @throws IllegalArgumentException when the task may not run here or its user does not exist
   */
  public List<String> prefix(CommandInfo command) {
    String user = userFor(command == null ? null : command.getUser());
    if (user.equals(agentUser)) {
      return List.of();
    }
    Account account = account(user);
    return List.of("setpriv", "--reuid=" + account.uid(), "--regid=" + account.gid(), "--init-groups", "--");
  }

  /**
   * Makes the task's user the owner of its sandbox and what was fetched into it, and of the top
   * directory of each of its persistent volumes (as Mesos does; what is inside stays whose it is).
   * Blocking.
   */
  public void handOver(Path sandbox, CommandInfo command, List<Path> volumes) throws IOException {
    String user = userFor(command == null ? null : command.getUser());
    if (user.equals(agentUser)) {
      return;
    }
    Account account = account(user);
    try (Stream<Path> files = Files.walk(sandbox)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        // the uid setpriv switches to, not a second lookup of the name
        Files.setAttribute(file, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
      }
    }
    for (Path volume : volumes) {
      Files.setAttribute(volume, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * The first of {@code dir} and its parents that the task user cannot pass through (no execute bit
   * for others), or null. Tasks of another user could not enter a sandbox below it.
   */
  public static Path closedTo(Path dir) throws IOException {
    for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.exists(at) && !Files.getPosixFilePermissions(at).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return at;
      }
    }
    return null;
  }

  /** The default task user, looked up now so that a missing one stops the agent at start. Blocking. */
  public void check() {
    if (switches()) {
      account(taskUser);
    }
  }

  private Account account(String user) {
    return accounts.computeIfAbsent(user, name -> {
      String[] entry = passwd(name).split(":");
      if (entry.length < 4) {
        throw new IllegalArgumentException("user '" + name + "' does not exist on this agent");
      }
      return new Account(Integer.parseInt(entry[2]), Integer.parseInt(entry[3]));
    });
  }

  /** The user's passwd entry through the name service (so LDAP users count), or "". */
  private static String passwd(String name) {
    try {
      Process getent = new ProcessBuilder("getent", "passwd", name).redirectErrorStream(true).start();
      String entry = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return getent.waitFor(10, TimeUnit.SECONDS) && getent.exitValue() == 0 ? entry : "";
    } catch (IOException e) {
      throw new IllegalStateException("cannot look up user '" + name + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up user '" + name + "'", e);
    }
  }

  /**
   * Gives a process the task's environment only: the agent's own (which may hold credentials) stays
   * out, apart from the locale, time zone and a search path.
   */
  public static void taskEnvironment(ProcessBuilder builder, Map<String, String> environment) {
    Map<String, String> inherited = Map.copyOf(builder.environment());
    builder.environment().clear();
    for (String kept : List.of("PATH", "LANG", "LC_ALL", "TZ")) {
      if (inherited.containsKey(kept)) {
        builder.environment().put(kept, inherited.get(kept));
      }
    }
    builder.environment().putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    builder.environment().putAll(environment);
  }
}
