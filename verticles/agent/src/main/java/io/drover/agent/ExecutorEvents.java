package io.drover.agent;

import com.google.protobuf.ByteString;
import io.drover.mesos.MesosResources;
import io.drover.mesos.MesosUuids;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.TaskInfo;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.executor.Protos.Event;

import java.util.Base64;
import java.util.List;

/** What an agent tells a framework's executor, as Mesos 1.11's executor {@code Event}s. */
final class ExecutorEvents {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private ExecutorEvents() {
  }

  static Event subscribed(ExecutorInfo executor, FrameworkInfo framework, AgentInfo agent, String containerId) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
      .setExecutorInfo(executor(executor, framework.getId()))
      .setFrameworkInfo(framework(framework))
      .setAgentInfo(Protos.AgentInfo.newBuilder().setId(Protos.AgentID.newBuilder().setValue(agent.getId()))
        .setHostname(agent.getHostname()).setPort(agent.getPort())
        .addAllResources(MesosResources.toProto(agent.resources())))
      .setContainerId(Protos.ContainerID.newBuilder().setValue(containerId))).build();
  }

  static Event launch(TaskInfo task) {
    return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task(task)))
      .build();
  }

  static Event launchGroup(List<TaskInfo> tasks) {
    Protos.TaskGroupInfo.Builder group = Protos.TaskGroupInfo.newBuilder();
    tasks.forEach(t -> group.addTasks(task(t)));
    return Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
      .setLaunchGroup(Event.LaunchGroup.newBuilder().setTaskGroup(group)).build();
  }

  static Event kill(TaskInfo task) {
    return Event.newBuilder().setType(Event.Type.KILL).setKill(Event.Kill.newBuilder()
      .setTaskId(Protos.TaskID.newBuilder().setValue(task.getTaskId()))
      .setKillPolicy(killPolicy(task))).build();
  }

  static Event acknowledged(String taskId, String uuid) {
    return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged.newBuilder()
      .setTaskId(Protos.TaskID.newBuilder().setValue(taskId)).setUuid(MesosUuids.bytes(uuid))).build();
  }

  static Event message(byte[] data) {
    return Event.newBuilder().setType(Event.Type.MESSAGE)
      .setMessage(Event.Message.newBuilder().setData(ByteString.copyFrom(data))).build();
  }

  static Event shutdown() {
    return Event.newBuilder().setType(Event.Type.SHUTDOWN).build();
  }

  static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
  }

  /** The task as the framework launched it: what the executor needs to run it. */
  static Protos.TaskInfo task(TaskInfo task) {
    Protos.TaskInfo.Builder proto = Protos.TaskInfo.newBuilder()
      .setName(task.getName())
      .setTaskId(Protos.TaskID.newBuilder().setValue(task.getTaskId()))
      .setAgentId(Protos.AgentID.newBuilder().setValue(task.getAgentId()))
      .addAllResources(MesosResources.toProto(task.resources()))
      .setKillPolicy(killPolicy(task));
    if (task.getExecutor() != null) {
      proto.setExecutor(executor(task.getExecutor(), task.getFrameworkId()));
    }
    if (task.getCommand() != null) {
      proto.setCommand(command(task.getCommand()));
    }
    if (task.getData() != null) {
      proto.setData(ByteString.copyFrom(Base64.getDecoder().decode(task.getData())));
    }
    if (!task.getLabels().isEmpty()) {
      Protos.Labels.Builder labels = Protos.Labels.newBuilder();
      task.getLabels().forEach((k, v) -> labels.addLabels(Protos.Label.newBuilder().setKey(k).setValue(v)));
      proto.setLabels(labels);
    }
    return proto.build();
  }

  static Protos.ExecutorInfo executor(ExecutorInfo executor, String frameworkId) {
    Protos.ExecutorInfo.Builder proto = Protos.ExecutorInfo.newBuilder()
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(executor.getExecutorId()))
      .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(frameworkId))
      .setType(Protos.ExecutorInfo.Type.valueOf(executor.getType().name()))
      .setName(executor.getName())
      .addAllResources(MesosResources.toProto(executor.resources()));
    if (executor.getCommand() != null) {
      proto.setCommand(command(executor.getCommand()));
    }
    return proto.build();
  }

  private static Protos.FrameworkInfo framework(FrameworkInfo framework) {
    Protos.FrameworkInfo.Builder proto = Protos.FrameworkInfo.newBuilder()
      .setId(Protos.FrameworkID.newBuilder().setValue(framework.getId()))
      .setName(framework.getName())
      .setUser(framework.getUser() == null ? "" : framework.getUser())
      .setCheckpoint(true)
      .setFailoverTimeout(framework.getFailoverTimeoutSeconds());
    if (framework.getHostname() != null) {
      proto.setHostname(framework.getHostname());
    }
    return proto.build();
  }

  private static Protos.CommandInfo command(CommandInfo command) {
    Protos.CommandInfo.Builder proto = Protos.CommandInfo.newBuilder().setShell(command.isShell());
    if (command.isShell()) {
      proto.setValue(command.getValue());
    } else if (!command.getArguments().isEmpty()) {
      proto.setValue(command.getArguments().get(0)).addAllArguments(command.getArguments());
    }
    Protos.Environment.Builder environment = Protos.Environment.newBuilder();
    command.getEnvironment().forEach((name, value) -> environment.addVariables(
      Protos.Environment.Variable.newBuilder().setName(name).setValue(value)));
    // a secret goes to the executor as the reference it is, never as its value
    command.getSecretEnvironment().forEach((name, secret) -> environment.addVariables(
      Protos.Environment.Variable.newBuilder().setName(name).setType(Protos.Environment.Variable.Type.SECRET)
        .setSecret(Protos.Secret.newBuilder().setType(Protos.Secret.Type.REFERENCE)
          .setReference(Protos.Secret.Reference.newBuilder().setName(secret)))));
    proto.setEnvironment(environment);
    command.getUris().forEach(uri -> proto.addUris(Protos.CommandInfo.URI.newBuilder().setValue(uri.value())
      .setExtract(uri.extract()).setExecutable(uri.executable())));
    if (command.getUser() != null) {
      proto.setUser(command.getUser());
    }
    return proto.build();
  }

  private static Protos.KillPolicy killPolicy(TaskInfo task) {
    return Protos.KillPolicy.newBuilder().setGracePeriod(Protos.DurationInfo.newBuilder()
      .setNanoseconds((long) (task.getKillGracePeriodSeconds() * 1000) * NANOS_PER_MILLI)).build();
  }
}
