package io.drover.examples.words;

import io.drover.common.ClusterNode;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.drover.framework.Scheduler;
import io.drover.framework.SchedulerDriver;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.http.HttpServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The words example: a framework on Drover's event bus ({@link SchedulerDriver}) with its own
 * executor ({@link WordsExecutor}). It fans its words out as tasks to one executor, pings the
 * executor with a framework message, gathers each word's letter count from the executor's framework
 * messages, prints them, and tears itself down. The agent fetches the executor from this process:
 * it serves the jar it runs from.
 *
 * <pre>java -cp verticles/launcher/target/drover.jar io.drover.examples.words.WordsFramework \
 *   --zk 127.0.0.1:2181 --token-file /tmp/drover/token --words mesos,marathon,drover</pre>
 */
public final class WordsFramework implements Scheduler {

  static final String EXECUTOR_ID = "words-java";
  private static final Resources TASK = Resources.parse("cpus:0.1;mem:32");
  private static final Resources EXECUTOR = Resources.parse("cpus:0.2;mem:192");

  private final List<String> words;
  private final String executorUrl;
  private final Map<String, String> counts = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final CountDownLatch done = new CountDownLatch(1);
  private SchedulerDriver driver;
  private volatile boolean launched;
  private volatile boolean pinged;
  private volatile String pong;
  private volatile String failure;

  private WordsFramework(List<String> words, String executorUrl) {
    this.words = words;
    this.executorUrl = executorUrl;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String token = System.getenv("DROVER_TOKEN");
    Path tokenFile = Path.of(options.getOrDefault("--token-file", "/tmp/drover/token"));
    if (token == null && Files.exists(tokenFile)) {
      token = Files.readString(tokenFile).strip();
    }
    List<String> words = Arrays.asList(options.getOrDefault("--words", "mesos,marathon,drover,vertx").split(","));
    String host = options.getOrDefault("--host", "127.0.0.1");
    ClusterNode node = ClusterNode.join(new ZooKeeperSettings(options.getOrDefault("--zk", "127.0.0.1:2181"), 10_000,
      10_000), host, ClusterSecurity.of(token == null ? Credentials.none() : Credentials.of(token, null)));
    HttpServer jar = serveOwnJar(node, host);
    WordsFramework framework = new WordsFramework(words, "http://" + host + ":" + jar.actualPort() + "/drover.jar");
    framework.driver = new SchedulerDriver(node.vertx(), FrameworkInfo.named("words-java"), framework, node.detector());
    framework.driver.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    boolean ended = framework.done.await(Long.parseLong(options.getOrDefault("--timeout-secs", "120")), TimeUnit.SECONDS);
    int status = !ended ? 1 : framework.failure != null ? 2 : 0;
    System.out.println(!ended ? "not done in time" : framework.failure != null ? "failed: " + framework.failure
      : "done: " + new TreeMap<>(framework.counts) + ", executor answered " + framework.pong);
    framework.driver.teardown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.close();
    System.exit(status);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  /** The jar this runs from, served for the agents to fetch the executor from. */
  private static HttpServer serveOwnJar(ClusterNode node, String host) throws Exception {
    Path jar = Path.of(WordsFramework.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("run the example from drover.jar (it serves that jar to the agents), not " + jar);
    }
    return node.vertx().createHttpServer().requestHandler(request -> request.response().sendFile(jar.toString()))
      .listen(0, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void offers(List<Offer> offers) {
    Resources needed = words.stream().map(w -> TASK).reduce(EXECUTOR, Resources::plus);
    for (Offer offer : offers) {
      if (!launched && offer.resources().contains(needed)) {
        launched = true;
        driver.accept(List.of(offer.getId()), tasks(offer), new Filters(0))
          .onFailure(e -> fail("launch refused: " + e.getMessage()));
      } else {
        driver.decline(List.of(offer.getId()), new Filters(60));
      }
    }
  }

  /** One task per word, all on this framework's executor, each word as the task's data. */
  private List<TaskInfo> tasks(Offer offer) {
    CommandInfo command = new CommandInfo("java -Xmx48m -cp drover.jar " + WordsExecutor.class.getName(), true,
      List.of(), Map.of(), null, List.of(new CommandInfo.Uri(executorUrl, false, false, null)));
    ExecutorInfo executor = new ExecutorInfo(EXECUTOR_ID, "words executor", ExecutorInfo.Type.CUSTOM, command,
      EXECUTOR, null);
    return words.stream().map(word -> new TaskInfo("word-" + word, "count " + word, null, offer.getAgentId(), TASK,
        null, null, null, Map.of(), TaskInfo.DEFAULT_KILL_GRACE_PERIOD_SECONDS)
      .withExecutor(executor, null)
      .withData(Base64.getEncoder().encodeToString(word.getBytes(StandardCharsets.UTF_8))))
      .toList();
  }

  @Override
  public void statusUpdate(TaskStatus status) {
    System.out.println("task " + status.getTaskId() + " " + status.getState()
      + (status.getMessage() == null ? "" : ": " + status.getMessage()));
    if (status.getState() == TaskState.TASK_RUNNING && !pinged) {
      pinged = true;
      driver.sendFrameworkMessage(status.getAgentId(), EXECUTOR_ID, "ping".getBytes(StandardCharsets.UTF_8))
        .onFailure(e -> fail("the message to the executor was refused: " + e.getMessage()));
    } else if (status.getState() == TaskState.TASK_FINISHED) {
      finished.add(status.getTaskId());
    } else if (status.getState().isTerminal()) {
      fail("task " + status.getTaskId() + " ended " + status.getState() + ": " + status.getMessage());
    }
    checkDone();
  }

  @Override
  public void frameworkMessage(String agentId, String executorId, byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    System.out.println("message from " + executorId + ": " + text);
    if (text.startsWith("pong:")) {
      pong = text;
    } else {
      String[] count = text.split("=", 2);
      counts.put(count[0], count[1]);
    }
    checkDone();
  }

  @Override
  public void error(String message) {
    fail(message);
  }

  private void checkDone() {
    if (pong != null && finished.size() == words.size() && counts.size() == words.size()) {
      done.countDown();
    }
  }

  private void fail(String why) {
    failure = why;
    done.countDown();
  }
}
