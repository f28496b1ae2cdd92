package io.drover.agent;

import io.drover.agent.executor.CommandCheck;
import io.drover.agent.executor.RunAs;
import io.drover.protocol.TaskInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command task's COMMAND check: a shell on this host in the task's sandbox, as the task's own user
 * and with the task's environment, because the check is the app's code too.
 */
record HostCommandCheck(TaskInfo task, Path sandbox, Map<String, String> environment, RunAs runAs)
  implements CommandCheck {

  @Override
  public Integer run(String command, long timeoutMs) throws Exception {
    List<String> argv = new ArrayList<>(runAs.prefix(task.getCommand()));
    argv.addAll(List.of("/bin/sh", "-c", command));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(sandbox.toFile())
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    RunAs.taskEnvironment(builder, environment);
    Process process = builder.start();
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return null;
    }
    return process.exitValue();
  }
}
