package io.drover.examples.words;

import com.google.protobuf.ByteString;
import io.drover.mesos.MediaType;
import io.drover.mesos.MesosUuids;
import io.drover.mesos.RecordIo;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The words example's executor: a Mesos executor over the v1 executor HTTP API in protobuf, with
 * the JDK's HTTP client. Each task's {@code data} is a word; the executor counts its letters,
 * sends the count to the scheduler as a framework message and reports the task finished. It answers
 * a scheduler's message with {@code pong:} and the message, and keeps every update until the agent
 * acknowledges it, resending them when it subscribes again after an agent restart.
 */
public final class WordsExecutor {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();

  private final String frameworkId = System.getenv("MESOS_FRAMEWORK_ID");
  private final String executorId = System.getenv("MESOS_EXECUTOR_ID");
  private final URI agent = URI.create("http://" + System.getenv("MESOS_AGENT_ENDPOINT") + "/api/v1/executor");
  private final String token = System.getenv("MESOS_EXECUTOR_AUTHENTICATION_TOKEN");
  private final Map<String, Call.Update> unacknowledged = new LinkedHashMap<>();
  private final Map<String, Protos.TaskInfo> running = new LinkedHashMap<>();
  private final ExecutorService work = Executors.newFixedThreadPool(4);
  private volatile boolean shutdown;

  public static void main(String[] args) throws Exception {
    new WordsExecutor().run();
  }

  private void run() throws InterruptedException {
    long recoveryMs = Duration.ofMinutes(15).toMillis();
    long awaySince = 0;
    while (!shutdown) {
      if (subscribe()) {
        awaySince = 0;
        continue;
      }
      // the agent restarts: a checkpointing executor waits for it, up to the recovery timeout
      awaySince = awaySince == 0 ? System.currentTimeMillis() : awaySince;
      if (System.currentTimeMillis() - awaySince > recoveryMs) {
        System.err.println("the agent did not come back");
        System.exit(1);
      }
      Thread.sleep(500);
    }
    work.shutdownNow();
    System.exit(0);
  }

  /** Subscribes and handles events until the stream ends; false when the agent could not be reached. */
  private boolean subscribe() {
    Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder();
    synchronized (this) {
      subscribe.addAllUnacknowledgedTasks(running.values()).addAllUnacknowledgedUpdates(unacknowledged.values());
    }
    HttpResponse<InputStream> response;
    try {
      response = CLIENT.send(request(call(Call.Type.SUBSCRIBE).setSubscribe(subscribe)),
        HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | InterruptedException unreachable) {
      return false;
    }
    if (response.statusCode() != 200) {
      System.err.println("SUBSCRIBE answered " + response.statusCode());
      return false;
    }
    RecordIo.Reader records = new RecordIo.Reader(1 << 24);
    byte[] chunk = new byte[8192];
    try (InputStream events = response.body()) {
      for (int n = events.read(chunk); n >= 0 && !shutdown; n = events.read(chunk)) {
        for (byte[] record : records.read(Arrays.copyOf(chunk, n))) {
          handle(MediaType.PROTOBUF.decode(record, Event.newBuilder()).build());
        }
      }
    } catch (IOException gone) {
      // the agent went away; subscribe again
    }
    return true;
  }

  private void handle(Event event) {
    switch (event.getType()) {
      case LAUNCH -> launch(event.getLaunch().getTask());
      case LAUNCH_GROUP -> event.getLaunchGroup().getTaskGroup().getTasksList().forEach(this::launch);
      case KILL -> update(event.getKill().getTaskId().getValue(), Protos.TaskState.TASK_KILLED, "killed");
      case ACKNOWLEDGED -> {
        synchronized (this) {
          MesosUuids.string(event.getAcknowledged().getUuid()).ifPresent(unacknowledged::remove);
        }
      }
      case MESSAGE -> message("pong:" + event.getMessage().getData().toStringUtf8());
      case SHUTDOWN -> shutdown = true;
      default -> {
      }
    }
  }

  private void launch(Protos.TaskInfo task) {
    synchronized (this) {
      if (running.putIfAbsent(task.getTaskId().getValue(), task) != null) {
        return;
      }
    }
    work.submit(() -> {
      String taskId = task.getTaskId().getValue();
      String word = task.getData().toStringUtf8();
      update(taskId, Protos.TaskState.TASK_RUNNING, "counting the letters of " + word);
      message(taskId + "=" + word.codePointCount(0, word.length()));
      update(taskId, Protos.TaskState.TASK_FINISHED, "counted");
    });
  }

  /** Reports a task's state reliably: kept until the agent acknowledges it. */
  private void update(String taskId, Protos.TaskState state, String message) {
    String uuid = UUID.randomUUID().toString();
    Call.Update update = Call.Update.newBuilder().setStatus(Protos.TaskStatus.newBuilder()
      .setTaskId(Protos.TaskID.newBuilder().setValue(taskId)).setState(state).setMessage(message)
      .setSource(Protos.TaskStatus.Source.SOURCE_EXECUTOR).setUuid(MesosUuids.bytes(uuid))
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(executorId))).build();
    synchronized (this) {
      unacknowledged.put(uuid, update);
      if (state != Protos.TaskState.TASK_RUNNING) {
        running.remove(taskId);
      }
    }
    send(call(Call.Type.UPDATE).setUpdate(update));
  }

  private void message(String text) {
    send(call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
      .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8))));
  }

  /** One call; a lost one is resent with the next subscription (updates) or lost (messages, as in Mesos). */
  private void send(Call.Builder call) {
    try {
      CLIENT.send(request(call), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException unreachable) {
      // the agent is away
    }
  }

  private Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type)
      .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(frameworkId))
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(executorId));
  }

  private HttpRequest request(Call.Builder call) {
    return HttpRequest.newBuilder(agent).header("Content-Type", MediaType.PROTOBUF.value)
      .header("Accept", MediaType.PROTOBUF.value).header("Authorization", "Bearer " + token)
      .POST(HttpRequest.BodyPublishers.ofByteArray(MediaType.PROTOBUF.encode(call.build()))).build();
  }
}
