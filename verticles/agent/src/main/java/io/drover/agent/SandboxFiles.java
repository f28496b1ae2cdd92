package io.drover.agent;

import io.drover.common.http.HttpErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Mesos's files API over the agents' sandboxes: {@code /files/browse?path=} lists a directory and
 * {@code /files/read?path=&offset=&length=} reads a piece of a file as {@code {"data", "offset"}}
 * ({@code offset=-1} answers the file's size). Paths are absolute, as {@code /state} gives the
 * sandboxes; nothing outside a sandbox can be read.
 */
final class SandboxFiles {

  /** The most one read returns, so that a huge log never has to fit in memory. */
  static final int MAX_READ_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final FileSystem files;
  private final Supplier<List<Path>> roots;

  SandboxFiles(Vertx vertx, Supplier<List<Path>> roots) {
    this.vertx = vertx;
    this.files = vertx.fileSystem();
    this.roots = roots;
  }

  void handleBrowse(RoutingContext ctx) {
    Path path = requested(ctx);
    if (path == null) {
      return;
    }
    confined(path).compose(real -> files.props(real.toString()).map(props -> props.isDirectory() ? real : null))
      .compose(real -> {
      if (real == null) {
        return Future.failedFuture(new IllegalArgumentException(path + " is not a directory"));
      }
      return files.readDir(real.toString());
    }).compose(children -> Future.all(children.stream().map(child -> files.lprops(child)
        .map(props -> entry(child, props))).toList()))
      .onSuccess(all -> {
        JsonArray listing = new JsonArray();
        for (int i = 0; i < all.size(); i++) {
          listing.add((JsonObject) all.resultAt(i));
        }
        json(ctx, listing.encode());
      })
      .onFailure(e -> fail(ctx, path, e));
  }

  void handleRead(RoutingContext ctx) {
    Path path = requested(ctx);
    if (path == null) {
      return;
    }
    ReadRange range = ReadRange.of(ctx, MAX_READ_BYTES);
    if (range == null) {
      return;
    }
    long offset = range.offset();
    int length = range.length();
    // the resolved path is what is read: a link swapped in after the check cannot redirect the read
    confined(path).compose(real -> files.props(real.toString()).compose(props -> {
      if (!props.isRegularFile()) {
        return Future.failedFuture(new IllegalArgumentException(path + " is not a regular file"));
      }
      if (offset == -1) {
        return Future.succeededFuture(new JsonObject().put("data", "").put("offset", props.size()));
      }
      long start = Math.min(offset, props.size());
      int count = (int) Math.min(length, props.size() - start);
      return files.open(real.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .compose(file -> file.read(Buffer.buffer(count), 0, start, count).eventually(file::close))
        .map(data -> new JsonObject().put("data", data.toString()).put("offset", start));
    })).onSuccess(body -> json(ctx, body.encode())).onFailure(e -> fail(ctx, path, e));
  }

  /** The requested path if it may name a sandbox file; otherwise answers the request and returns null. */
  private Path requested(RoutingContext ctx) {
    String raw = ctx.request().getParam("path");
    if (raw == null || raw.isBlank()) {
      HttpErrors.end(ctx, 400, "path is missing");
      return null;
    }
    Path path = Path.of(raw);
    if (!path.isAbsolute() || raw.contains("..")) {
      HttpErrors.end(ctx, 400, "path must be absolute and must not contain '..': " + raw);
      return null;
    }
    return path.normalize();
  }

  /** The path with every link resolved, failing unless that lies inside a sandbox (a task may plant links). */
  Future<Path> confined(Path path) {
    return vertx.executeBlocking(() -> {
      Path real;
      try {
        real = path.toRealPath();
      } catch (java.io.IOException e) {
        throw new java.io.FileNotFoundException(path.toString());
      }
      for (Path root : roots.get()) {
        Path realRoot = root.toFile().exists() ? root.toRealPath() : root;
        if (real.startsWith(realRoot) && !real.equals(realRoot)) {
          return real;
        }
      }
      throw new SecurityException("not in a task sandbox: " + path);
    }, false);
  }

  private static JsonObject entry(String path, FileProps props) {
    return new JsonObject().put("path", path).put("size", props.size()).put("mtime", props.lastModifiedTime() / 1000)
      .put("mode", props.isDirectory() ? "drwxr-xr-x" : "-rw-r--r--").put("nlink", 1);
  }

  private static void fail(RoutingContext ctx, Path path, Throwable e) {
    if (e instanceof SecurityException) {
      HttpErrors.end(ctx, 403, e.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      HttpErrors.end(ctx, 400, e.getMessage());
    } else {
      HttpErrors.end(ctx, 404, "no such file: " + path);
    }
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }
}
