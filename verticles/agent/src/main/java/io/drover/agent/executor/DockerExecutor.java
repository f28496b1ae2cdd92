package io.drover.agent.executor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.agent.usage.AllocatedLimits;
import io.drover.agent.usage.CgroupUsage;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.ResourceLimits;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs container tasks on the local Docker engine through docker-java: pulls the image when it is
 * missing (or asked to), with the credentials of the task's pull config (a Docker config.json among
 * the agent's secrets) when it has one, creates the container with the task's cpu and memory limits,
 * labels naming task, framework and agent, its network and port mappings and the sandbox mounted at
 * {@code /mnt/mesos/sandbox}, copies its output into the sandbox's {@code stdout}/{@code stderr},
 * and turns its exit into FINISHED or FAILED. Containers outlive the agent; a restarted agent finds
 * them again by the id in the checkpoint.
 */
public final class DockerExecutor implements TaskExecutor {

  private static final Logger LOG = Logger.getLogger(DockerExecutor.class.getName());
  public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
  static final String SANDBOX_IN_CONTAINER = "/mnt/mesos/sandbox";
  static final long PULL_TIMEOUT_MINUTES = 10;

  private record Running(TaskInfo task, String containerId, TaskCheckpoint checkpoint, Reports reports,
                         Closeable logs) {
  }

  private final Vertx vertx;
  private final Context context;
  private final DockerClient client;
  private final String status;
  private final DockerAllowList allowed;
  private final SecretReader secrets;
  private final WorkerExecutor slowWork;
  private final Map<String, Running> running = new HashMap<>();
  private final Map<String, Boolean> killing = new HashMap<>();
  private final Map<String, Boolean> launching = new HashMap<>();

  private DockerExecutor(Vertx vertx, DockerClient client, String status, DockerAllowList allowed,
                         SecretReader secrets) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.status = status;
    this.allowed = allowed;
    this.secrets = secrets;
    this.slowWork = SlowWork.pool(vertx);
  }

  /**
   * Connects to the engine at {@code socket}; unavailable (and saying why) when it does not answer.
   * {@code secrets} holds the pull configs tasks name. Blocking.
   */
  public static DockerExecutor connect(Vertx vertx, String socket, Set<String> extras, SecretReader secrets) {
    DockerAllowList allowed = new DockerAllowList(extras, socket);
    try {
      ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(socket))
        // no response timeout: waiting on a container and following its logs last as long as it runs
        .connectionTimeout(Duration.ofSeconds(5)).build();
      DockerClient client = DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(socket).build(), http);
      client.pingCmd().exec();
      String version = client.versionCmd().exec().getVersion();
      return new DockerExecutor(vertx, client, "Docker " + version + " at " + socket, allowed, secrets);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return new DockerExecutor(vertx, null, "no Docker engine answers at " + socket + " (" + cause.getMessage() + ")",
        allowed, secrets);
    }
  }

  public boolean available() {
    return client != null;
  }

  /** The task's container as its labels name it, for a task whose container id was never recorded. Blocking. */
  private Optional<String> labelled(TaskInfo task) {
    return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("drover.agent", task.getAgentId(),
      "drover.framework", task.getFrameworkId(), "drover.task", task.getTaskId())).exec().stream()
      .map(c -> c.getId()).findFirst();
  }

  /**
   * Removes every container an agent that is gone left (found by its {@code drover.agent} label,
   * whatever its checkpoints say); how many. Blocking.
   */
  public int removeContainersOf(String agentId) {
    if (client == null) {
      return 0;
    }
    List<String> ids = client.listContainersCmd().withShowAll(true)
      .withLabelFilter(Map.of("drover.agent", agentId)).exec().stream().map(c -> c.getId()).toList();
    for (String id : ids) {
      try {
        client.removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException gone) {
        // removed meanwhile
      }
    }
    return ids.size();
  }

  public String status() {
    return status;
  }

  @Override
  public void launch(TaskInfo task, Path sandbox, Map<String, String> environment, TaskCheckpoint checkpoint,
                     Reports reports) {
    ContainerInfo container = task.getContainer();
    String key = task.key();
    launching.put(key, Boolean.TRUE);
    slowWork.executeBlocking(() -> {
      // off the event loop: following the volumes' links to the engine's socket reads the file system
      String refused = allowed.refusal(container);
      if (refused != null) {
        throw new IllegalArgumentException(refused);
      }
      ensureImage(container, pullCredentials(container));
      Files.createDirectories(sandbox);
      String id = create(task, sandbox, environment).exec().getId();
      CrashPoint.reach(CrashPoint.AFTER_CONTAINER_CREATE);
      checkpoint.writeContainer(id);
      try {
        client.startContainerCmd(id).exec();
      } catch (RuntimeException e) {
        client.removeContainerCmd(id).withForce(true).exec();
        throw e;
      }
      return id;
    }, false).onComplete(started -> {
      launching.remove(key);
      boolean killed = killing.remove(key) != null;
      if (started.failed()) {
        reports.ended(task, killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED,
          started.cause().getMessage());
        return;
      }
      watch(task, started.result(), sandbox, checkpoint, reports, 0);
      reportRunning(task, started.result(), reports);
      if (killed) {
        // a kill came while the container was being made
        kill(task);
      }
    });
  }

  @Override
  public void recover(TaskInfo task, TaskCheckpoint checkpoint, Reports reports) {
    if (!available()) {
      reports.ended(task, TaskState.TASK_LOST, TaskReason.REASON_CONTAINER_LAUNCH_FAILED,
        "its container cannot be found again: " + status);
      return;
    }
    String key = task.key();
    launching.put(key, Boolean.TRUE);
    // a container whose id the agent did not record (it died right after creating it) is found by its labels
    vertx.executeBlocking(() -> checkpoint.container().or(() -> labelled(task)).map(id -> {
      try {
        return client.inspectContainerCmd(id).exec();
      } catch (NotFoundException gone) {
        return null;
      }
    }).orElse(null), false).onComplete(found -> {
      launching.remove(key);
      boolean killed = killing.remove(key) != null;
      InspectContainerResponse container = found.succeeded() ? found.result() : null;
      if (container == null) {
        reports.ended(task, killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED,
          "its container is gone (removed while the agent was down, or never started)");
        return;
      }
      if ("created".equals(container.getState().getStatus())) {
        // the agent died between creating and starting it: nothing ran, so nothing is left either
        slowWork.executeBlocking(() -> client.removeContainerCmd(container.getId()).withForce(true).exec(), false);
        reports.ended(task, killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED,
          TaskReason.REASON_CONTAINER_LAUNCH_FAILED, "the agent stopped before it started the container; removed it");
        return;
      }
      LOG.info(() -> "task " + key + " still has container " + container.getId() + "; watching it again");
      Path sandbox = Path.of(container.getHostConfig().getBinds()[0].getPath());
      watch(task, container.getId(), sandbox, checkpoint, reports, System.currentTimeMillis() / 1000);
      reportRunning(task, container.getId(), reports);
      if (killed) {
        kill(task);
      }
    });
  }

  /**
   * RUNNING, with the container's own address when it is on a USER network (read from the engine,
   * off the event loop), as Mesos reports it in the status's network infos.
   */
  private void reportRunning(TaskInfo task, String containerId, Reports reports) {
    String message = "container " + containerId;
    String network = task.getContainer().getNetworkName();
    if (network == null) {
      reports.running(task, message);
      return;
    }
    vertx.executeBlocking(() -> {
      var attached = client.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks().get(network);
      String ip = attached == null ? null : attached.getIpAddress();
      return ip == null || ip.isEmpty() ? List.<String>of() : List.of(ip);
    }, false).onComplete(ips -> reports.running(task, message, ips.succeeded() ? ips.result() : List.of()));
  }

  @Override
  public void kill(TaskInfo task) {
    String key = task.key();
    Running container = running.get(key);
    if (container == null) {
      if (launching.containsKey(key)) {
        killing.put(key, Boolean.TRUE);
      }
      return;
    }
    if (killing.put(key, Boolean.TRUE) != null) {
      return;
    }
    // SIGTERM, then SIGKILL after the grace period, as docker stop does, but without holding a worker
    // for the whole grace period: launches wait for the same pool
    long graceMs = Math.max(1, (long) (task.getKillGracePeriodSeconds() * 1000));
    signal(key, container, "TERM");
    vertx.setTimer(graceMs, t -> {
      if (running.get(key) == container) {
        LOG.info(() -> "container " + container.containerId() + " outlived its kill grace period; sending SIGKILL");
        signal(key, container, "KILL");
      }
    });
  }

  private void signal(String key, Running container, String signal) {
    slowWork.executeBlocking(() -> client.killContainerCmd(container.containerId()).withSignal(signal).exec(), false)
      .onFailure(e -> {
        if (running.get(key) != container) {
          // it ended meanwhile: nothing left to signal
          return;
        }
        LOG.warning("could not send SIG" + signal + " to container " + container.containerId() + ": " + e.getMessage());
        killing.remove(key);
      });
  }

  /**
   * COMMAND checks run inside the container (docker exec, with the container's environment), as
   * Mesos's docker executor runs them: the check sees the task's files and tools, not the host's.
   */
  @Override
  public CommandCheck commandCheck(TaskInfo task, CommandCheck onHost) {
    Running container = running.get(task.key());
    if (container == null) {
      return (command, timeoutMs) -> {
        throw new IllegalStateException("the task's container is not running");
      };
    }
    return (command, timeoutMs) -> exec(container.containerId(), command, timeoutMs);
  }

  /** The exit status of {@code command} in the container, null when it did not end in time. Blocking. */
  private Integer exec(String containerId, String command, long timeoutMs) throws InterruptedException, IOException {
    String exec = client.execCreateCmd(containerId).withCmd("/bin/sh", "-c", command)
      .withAttachStdout(true).withAttachStderr(true).exec().getId();
    // the output is read and dropped: the exec's end arrives once its streams are drained
    try (ResultCallback.Adapter<Frame> output = client.execStartCmd(exec).exec(new ResultCallback.Adapter<>())) {
      if (!output.awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS)) {
        // Docker cannot kill an exec; the stream is closed and the check counts as failed
        return null;
      }
    } catch (IOException e) {
      throw new IOException("the check's output stream failed: " + e.getMessage(), e);
    }
    Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
    if (code == null) {
      throw new IllegalStateException("the engine reported no exit status for the check");
    }
    return code.intValue();
  }

  /**
   * The container's cgroups, found through its main process: the engine's stats API would do, but
   * it samples for a second or two per container before it answers.
   */
  @Override
  public Future<Optional<ResourceStatistics>> usage(TaskInfo info) {
    Running container = running.get(info.key());
    if (container == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return vertx.executeBlocking(() -> {
      Long pid = client.inspectContainerCmd(container.containerId()).exec().getState().getPidLong();
      if (pid == null || pid <= 0) {
        return Optional.<ResourceStatistics>empty();
      }
      ResourceStatistics.Builder usage = ResourceStatistics.newBuilder().setTimestamp(System.currentTimeMillis() / 1000.0);
      CgroupUsage.readOf(pid, usage);
      return Optional.of(AllocatedLimits.fillIn(info.resources(), usage).build());
    }, false);
  }

  /**
   * The credentials of the task's pull config for its image's registry, null without a pull config.
   * Read whether or not a pull follows, so a broken pull config shows on every agent, not only where
   * the image is missing. Blocking.
   */
  private AuthConfig pullCredentials(ContainerInfo container) {
    String secret = container.getPullConfigSecret();
    if (secret == null) {
      return null;
    }
    String config = secrets.read(secret, "the pull config of image " + container.getImage());
    return DockerPullConfig.credentials(config, container.getImage(), secret);
  }

  /** {@code credentials}: the registry's; null leaves docker-java's, from the agent user's own Docker config. */
  private void ensureImage(ContainerInfo container, AuthConfig credentials) throws InterruptedException {
    String image = container.getImage();
    boolean present;
    try {
      client.inspectImageCmd(image).exec();
      present = true;
    } catch (NotFoundException missing) {
      present = false;
    }
    if (present && !container.isForcePullImage()) {
      return;
    }
    try {
      PullImageCmd pull = client.pullImageCmd(image);
      if (credentials != null) {
        pull.withAuthConfig(credentials);
      }
      if (!pull.exec(new PullImageResultCallback()).awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException("pulling image " + image + " took longer than " + PULL_TIMEOUT_MINUTES + " min");
      }
    } catch (RuntimeException e) {
      if (!present) {
        throw new IllegalStateException("could not pull image " + image + ": " + e.getMessage(), e);
      }
      LOG.warning("could not pull " + image + " again, using the local copy: " + e.getMessage());
    }
  }

  private CreateContainerCmd create(TaskInfo task, Path sandbox, Map<String, String> environment)
    throws IOException {
    ContainerInfo container = task.getContainer();
    List<String> env = new ArrayList<>();
    environment.forEach((k, v) -> env.add(k + "=" + v));
    env.add("MESOS_SANDBOX=" + SANDBOX_IN_CONTAINER);
    // a USER network is joined by its name: Docker's own networks are host, bridge and none
    String networkMode = container.getNetwork() == ContainerInfo.Network.USER ? container.getNetworkName()
      : container.getNetwork().name().toLowerCase(java.util.Locale.ROOT);
    HostConfig host = HostConfig.newHostConfig()
      .withNetworkMode(networkMode)
      .withPrivileged(container.isPrivileged())
      .withBinds(binds(task, container, sandbox));
    // shares by the allocation, the hard limits by the task's limits beyond it (unlimited: none)
    ResourceLimits limits = task.getLimits() == null ? ResourceLimits.NONE : task.getLimits();
    double mem = limits.memOver(task.resources().mem());
    if (mem > 0 && !Double.isInfinite(mem)) {
      long bytes = (long) (mem * Cgroups.MB);
      host.withMemory(bytes).withMemorySwap(bytes);
    }
    double cpus = limits.cpusOver(task.resources().cpus());
    if (cpus > 0 && !Double.isInfinite(cpus)) {
      host.withNanoCPUs((long) (cpus * 1_000_000_000L));
    }
    if (task.resources().cpus() > 0) {
      host.withCpuShares(Math.max(2, (int) (task.resources().cpus() * 1024)));
    }
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    if (container.getNetwork() == ContainerInfo.Network.BRIDGE || container.getNetwork() == ContainerInfo.Network.USER) {
      for (ContainerInfo.PortMapping mapping : container.getPortMappings()) {
        ExposedPort port = "udp".equalsIgnoreCase(mapping.protocol()) ? ExposedPort.udp(mapping.containerPort())
          : ExposedPort.tcp(mapping.containerPort());
        exposed.add(port);
        bindings.bind(port, Ports.Binding.bindPort(mapping.hostPort()));
      }
      host.withPortBindings(bindings);
    }
    Map<String, String> labels = new HashMap<>();
    for (ContainerInfo.Parameter parameter : container.getParameters()) {
      switch (parameter.key()) {
        case "label" -> labels.put(parameter.value().split("=", 2)[0],
          parameter.value().contains("=") ? parameter.value().split("=", 2)[1] : "");
        case "env" -> env.add(parameter.value());
        default -> {
          // user, workdir, hostname: set on the command below
        }
      }
    }
    labels.putAll(Map.of("drover.task", task.getTaskId(), "drover.framework", task.getFrameworkId(),
      "drover.agent", task.getAgentId()));
    CreateContainerCmd create = client.createContainerCmd(container.getImage())
      .withLabels(labels).withEnv(env).withExposedPorts(exposed).withHostConfig(host).withTty(container.isTty());
    for (ContainerInfo.Parameter parameter : container.getParameters()) {
      switch (parameter.key()) {
        case "user" -> create.withUser(parameter.value());
        case "workdir" -> create.withWorkingDir(parameter.value());
        case "hostname" -> create.withHostName(parameter.value());
        default -> {
          // label and env are set above
        }
      }
    }
    if (task.getCommand() != null && task.getCommand().isShell()) {
      create.withEntrypoint("/bin/sh", "-c").withCmd(task.getCommand().getValue());
    } else if (task.getCommand() != null && !task.getCommand().getArguments().isEmpty()) {
      create.withCmd(task.getCommand().getArguments());
    }
    return create;
  }

  /**
   * The sandbox first (recovery finds it there), then the task's persistent volumes, then its host
   * volumes. A persistent volume is a link in the sandbox to its directory on the host; that
   * directory is bound at the same path in the container, so the link works inside too.
   */
  private static List<Bind> binds(TaskInfo task, ContainerInfo container, Path sandbox) throws IOException {
    List<Bind> binds = new ArrayList<>();
    binds.add(new Bind(sandbox.toString(), new Volume(SANDBOX_IN_CONTAINER)));
    for (PersistentVolume persistent : task.getVolumes()) {
      String host = sandbox.resolve(persistent.containerPath()).toRealPath().toString();
      binds.add(new Bind(host, new Volume(host), com.github.dockerjava.api.model.AccessMode.rw));
    }
    for (ContainerInfo.Volume volume : container.getVolumes()) {
      binds.add(new Bind(volume.hostPath(), new Volume(volume.containerPath()),
        volume.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro : com.github.dockerjava.api.model.AccessMode.rw));
    }
    return binds;
  }

  /** Copies the container's output into the sandbox and waits for its end. */
  private void watch(TaskInfo task, String containerId, Path sandbox, TaskCheckpoint checkpoint, Reports reports,
                     long logsSinceSeconds) {
    SandboxLogs logs = new SandboxLogs(sandbox);
    client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
      .withSince((int) logsSinceSeconds).exec(logs);
    Running container = new Running(task, containerId, checkpoint, reports, logs);
    running.put(task.key(), container);
    awaitExit(container);
  }

  /** Waits for the container's end; a broken wait (an engine restart) is waited again while it runs. */
  private void awaitExit(Running container) {
    client.waitContainerCmd(container.containerId()).exec(new ResultCallback.Adapter<WaitResponse>() {
      @Override
      public void onComplete() {
        context.runOnContext(v -> exited(container));
      }

      @Override
      public void onError(Throwable e) {
        vertx.executeBlocking(() -> Boolean.TRUE.equals(client.inspectContainerCmd(container.containerId()).exec()
          .getState().getRunning()), false).onComplete(running -> context.runOnContext(v -> {
            if (running.succeeded() && running.result()) {
              LOG.warning("lost the wait on container " + container.containerId() + " (" + e.getMessage() + "); waiting again");
              awaitExit(container);
            } else {
              exited(container);
            }
          }));
      }
    });
  }

  private record Exit(Long code, boolean oomKilled) {
  }

  private void exited(Running container) {
    String key = container.task().key();
    if (running.remove(key) != container) {
      return;
    }
    boolean killed = killing.remove(key) != null;
    vertx.executeBlocking(() -> {
      try {
        InspectContainerResponse.ContainerState state = client.inspectContainerCmd(container.containerId()).exec()
          .getState();
        // the log stream ends with the container; let it deliver its last lines before closing
        ((SandboxLogs) container.logs()).awaitCompletion(5, TimeUnit.SECONDS);
        client.removeContainerCmd(container.containerId()).withForce(true).exec();
        return new Exit(state.getExitCodeLong(), Boolean.TRUE.equals(state.getOOMKilled()));
      } finally {
        container.logs().close();
      }
    }, false).onComplete(result -> {
      Reports reports = container.reports();
      TaskInfo task = container.task();
      if (result.failed()) {
        reports.ended(task, killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
          "the container ended, but the engine could not say how: " + result.cause().getMessage());
      } else if (killed) {
        reports.ended(task, TaskState.TASK_KILLED, null, "Container stopped");
      } else if (result.result().oomKilled()) {
        reports.ended(task, TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LIMITATION_MEMORY,
          "Memory limit exceeded: the container used more than its " + (long) task.resources().mem() + " MB");
      } else if (result.result().code() != null && result.result().code() == 0) {
        reports.ended(task, TaskState.TASK_FINISHED, null, "Container exited with status 0");
      } else {
        reports.ended(task, TaskState.TASK_FAILED, TaskReason.REASON_COMMAND_EXECUTOR_FAILED,
          "Container exited with status " + result.result().code());
      }
    });
  }

  /** Appends a container's output frames to the sandbox's stdout and stderr files. */
  private static final class SandboxLogs extends ResultCallback.Adapter<Frame> {
    private final OutputStream stdout;
    private final OutputStream stderr;

    SandboxLogs(Path sandbox) {
      try {
        this.stdout = new FileOutputStream(sandbox.resolve("stdout").toFile(), true);
        this.stderr = new FileOutputStream(sandbox.resolve("stderr").toFile(), true);
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the sandbox's log files: " + e.getMessage(), e);
      }
    }

    @Override
    public void onNext(Frame frame) {
      try {
        // with a terminal the output is one RAW stream: it goes to stdout, as Mesos's does
        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).write(frame.getPayload());
      } catch (IOException e) {
        LOG.warning("could not write container output to the sandbox: " + e.getMessage());
      }
    }

    @Override
    public void close() throws IOException {
      super.close();
      stdout.close();
      stderr.close();
    }
  }
}
