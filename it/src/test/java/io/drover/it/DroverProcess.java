package io.drover.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One real {@code drover} JVM, started from the built jar, logging to {@code target/it-logs}. */
final class DroverProcess implements AutoCloseable {

  static final Path JAR = Path.of(System.getProperty("drover.jar", "../verticles/launcher/target/drover.jar"));
  static final Path LOGS = Path.of("target", "it-logs");
  /** The operator token of every cluster the tests start, as users pass it: in DROVER_TOKEN. */
  static final String TOKEN = "it-token-" + java.util.UUID.randomUUID();
  /**
   * Small, quick-starting JVMs for tests (C1 only); benchmarks set {@code drover.java.options} to
   * what a real deployment runs with.
   */
  static final String JAVA_OPTIONS = System.getProperty("drover.java.options",
    "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");

  private final String name;
  private final Path workDir;
  private final Process process;
  private final Path log;
  private final String[] args;
  private final String token;

  private DroverProcess(String name, Path workDir, Process process, Path log, String[] args, String token) {
    this.token = token;
    this.name = name;
    this.workDir = workDir;
    this.process = process;
    this.log = log;
    this.args = args;
  }

  /**
   * The same command again, in the same work directory (so with the same state), once this one is
   * gone; its old port file goes first, so {@link #port} waits for the new one.
   */
  DroverProcess again() throws IOException {
    try (var files = Files.list(workDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".port")).toList()) {
        Files.delete(file);
      }
    }
    return startWithToken(name, workDir, token, args);
  }

  /** Starts {@code drover <args> --work-dir <workDir>} with {@link #TOKEN}. */
  static DroverProcess start(String name, Path workDir, String... args) throws IOException {
    return startWithToken(name, workDir, TOKEN, args);
  }

  /** As {@link #start(String, Path, String...)}, with this token in DROVER_TOKEN, or none when null. */
  static DroverProcess startWithToken(String name, Path workDir, String token, String... args) throws IOException {
    Files.createDirectories(workDir);
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(List.of(JAVA_OPTIONS.trim().split("\\s+")));
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--work-dir", workDir.toAbsolutePath().toString()));
    Path log = LOGS.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("DROVER_HOME");
    builder.environment().remove("DROVER_TOKEN");
    if (token != null) {
      builder.environment().put("DROVER_TOKEN", token);
    }
    return new DroverProcess(name, workDir, builder.start(), log, args, token);
  }

  /** The port the role wrote to {@code <work-dir>/<role>.port}, waiting for it. */
  int port(String role) {
    Path file = workDir.resolve(role + ".port");
    Await.until(name + " writes " + file.getFileName(), Duration.ofSeconds(60), () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      return Files.exists(file);
    });
    try {
      return Integer.parseInt(Files.readString(file).trim());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  String url(String role) {
    return "http://127.0.0.1:" + port(role);
  }

  /** What the process printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process gets no chance to clean up. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Sends SIGSTOP or SIGCONT: a frozen process holds its connections but answers nothing. */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start().waitFor();
  }

  /**
   * Kills the task processes agents under {@code root} left behind: tasks outlive their agent by
   * design, so a test that ends would otherwise leave them running into the next one.
   */
  static void killTasksUnder(Path root) {
    String marker = root.toAbsolutePath().toString();
    ProcessHandle.allProcesses()
      .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains(" -jar ")).orElse(false))
      .forEach(p -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      });
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
