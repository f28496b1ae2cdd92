package io.drover.agent;

import io.drover.common.http.HttpErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One task's sandbox, by paths relative to it, for the dashboard's sandbox browser (through the
 * master, which knows only where a task runs): {@code /files/sandbox/browse}, {@code /read} and
 * {@code /download}, each with {@code agent_id}, {@code task_id} and {@code path} ("" is the sandbox
 * itself). Every path is resolved with its links and must stay inside that task's sandbox: a link the
 * task planted cannot lead anywhere else.
 */
final class TaskSandboxFiles {

  /** The most one read returns: the page shows a piece of a huge file and offers the download. */
  static final int MAX_READ_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final Supplier<List<AgentView>> agents;

  TaskSandboxFiles(Vertx vertx, Supplier<List<AgentView>> agents) {
    this.vertx = vertx;
    this.agents = agents;
  }

  /** The sandbox of a task an agent of this process runs or ran, while the agent still has it. */
  static Optional<Path> sandboxOf(List<AgentView> agents, String agentId, String taskId) {
    return agents.stream().filter(a -> a.id().equals(agentId))
      .flatMap(a -> Stream.concat(a.tasks().stream(), a.completed().stream()))
      .filter(t -> t.info().getTaskId().equals(taskId))
      .map(AgentView.TaskView::sandbox)
      .findFirst();
  }

  /** A directory's entries, directories first: {path (relative), name, size, mtime, kind: dir|file|link|other}. */
  void handleBrowse(RoutingContext ctx) {
    // listed here rather than with Vert.x's readDir, which resolves links: a link must show as itself
    located(ctx).compose(found -> vertx.executeBlocking(() -> list(found), false))
      .onSuccess(entries -> json(ctx, new JsonObject().put("path", relativeParam(ctx)).put("entries", entries)))
      .onFailure(e -> fail(ctx, e));
  }

  private static JsonArray list(Located dir) throws IOException {
    if (!Files.isDirectory(dir.real())) {
      throw new IllegalArgumentException(dir.relative() + " is a file, not a directory");
    }
    List<JsonObject> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.real())) {
      for (Path child : children) {
        BasicFileAttributes props = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String kind = props.isSymbolicLink() ? "link" : props.isDirectory() ? "dir" : props.isRegularFile() ? "file" : "other";
        entries.add(new JsonObject().put("path", dir.root().relativize(child).toString())
          .put("name", child.getFileName().toString()).put("size", props.size())
          .put("mtime", props.lastModifiedTime().toMillis() / 1000).put("kind", kind));
      }
    }
    entries.sort(Comparator.comparing((JsonObject e) -> !"dir".equals(e.getString("kind")))
      .thenComparing(e -> e.getString("name")));
    return new JsonArray(entries);
  }

  /**
   * A piece of a file: {path, size, offset, length, binary, data}. {@code offset=-1} reads its last
   * {@code length} bytes. A piece holding a NUL byte is binary: its data is left out.
   */
  void handleRead(RoutingContext ctx) {
    ReadRange range = ReadRange.of(ctx, MAX_READ_BYTES);
    if (range == null) {
      return;
    }
    long offset = range.offset();
    int length = range.length();
    located(ctx).compose(found -> regularFile(found).compose(props -> {
      long size = props.size();
      long start = offset == -1 ? Math.max(0, size - length) : Math.min(offset, size);
      int count = (int) Math.min(length, size - start);
      // the resolved path is what is read: a link swapped in after the check cannot redirect the read
      return vertx.fileSystem().open(found.real().toString(), new OpenOptions().setRead(true).setWrite(false)
          .setCreate(false))
        .compose(file -> file.read(Buffer.buffer(count), 0, start, count).eventually(file::close))
        .map(data -> piece(found.relative(), size, start, data));
    })).onSuccess(body -> json(ctx, body)).onFailure(e -> fail(ctx, e));
  }

  /** The whole file, as an attachment named like it. */
  void handleDownload(RoutingContext ctx) {
    located(ctx).compose(found -> regularFile(found).map(props -> found)).onSuccess(found -> {
      String name = found.real().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .sendFile(found.real().toString());
    }).onFailure(e -> fail(ctx, e));
  }

  private static JsonObject piece(String path, long size, long start, Buffer data) {
    // never split a character: the page decodes each piece on its own
    int whole = SandboxTail.wholeCharacters(data);
    boolean binary = false;
    for (int i = 0; i < data.length() && !binary; i++) {
      binary = data.getByte(i) == 0;
    }
    JsonObject body = new JsonObject().put("path", path).put("size", size).put("offset", start).put("binary", binary);
    if (binary) {
      return body.put("length", data.length());
    }
    return body.put("length", whole).put("data", data.getString(0, whole));
  }

  private Future<FileProps> regularFile(Located found) {
    return vertx.fileSystem().props(found.real().toString()).compose(props -> props.isRegularFile()
      ? Future.succeededFuture(props)
      : Future.failedFuture(new IllegalArgumentException(found.relative() + " is not a regular file")));
  }

  /** A requested path and where it really is, inside the task's sandbox. */
  private record Located(Path root, Path real, String relative) {
  }

  private Future<Located> located(RoutingContext ctx) {
    String agentId = ctx.request().getParam("agent_id");
    String taskId = ctx.request().getParam("task_id");
    String relative = relativeParam(ctx);
    Path asked = Path.of(relative);
    if (asked.isAbsolute() || asked.normalize().startsWith("..") || List.of(relative.split("/")).contains("..")) {
      return Future.failedFuture(new SecurityException(
        "a sandbox path is relative to the sandbox and never climbs out of it: " + relative));
    }
    Optional<Path> sandbox = sandboxOf(agents.get(), agentId, taskId);
    if (sandbox.isEmpty()) {
      return Future.failedFuture(new FileNotFoundException("task " + taskId + " has no sandbox on agent " + agentId
        + " (any more)"));
    }
    return vertx.executeBlocking(() -> {
      Path root;
      try {
        root = sandbox.get().toRealPath();
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("the sandbox of task " + taskId + " was removed");
      }
      Path real;
      try {
        real = root.resolve(relative).toRealPath();
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("no " + relative + " in the sandbox of task " + taskId);
      } catch (IOException e) {
        throw new FileNotFoundException(relative + " cannot be read: " + e.getMessage());
      }
      if (!real.startsWith(root)) {
        throw new SecurityException(relative + " leads out of the task's sandbox");
      }
      return new Located(root, real, relative);
    }, false);
  }

  private static String relativeParam(RoutingContext ctx) {
    String path = ctx.request().getParam("path", "");
    return path.startsWith("./") ? path.substring(2) : path;
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof SecurityException) {
      HttpErrors.end(ctx, 403, e.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      HttpErrors.end(ctx, 400, e.getMessage());
    } else if (e instanceof FileNotFoundException) {
      HttpErrors.end(ctx, 404, e.getMessage());
    } else {
      HttpErrors.end(ctx, 500, "the sandbox cannot be read: " + e.getMessage());
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
