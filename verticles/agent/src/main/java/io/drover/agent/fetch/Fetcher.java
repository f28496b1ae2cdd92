package io.drover.agent.fetch;

import io.drover.agent.executor.RunAs;
import io.drover.protocol.CommandInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a task's URIs into its sandbox before it starts (Mesos's fetcher): http, https and file
 * URIs, each within its {@link FetchLimits}, made executable or unpacked ({@code .tar},
 * {@code .tar.gz}, {@code .tgz}, {@code .zip}, see {@link ArchiveExtractor}) on request. A local file
 * is read as the task's user, so a root agent never copies what the task could not read itself.
 * Blocking: run it off the event loop.
 */
public final class Fetcher {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long one read may wait for a byte: a stalled server fails well before the overall deadline. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final FetchLimits limits;
  private final RunAs runAs;

  public Fetcher(FetchLimits limits, RunAs runAs) {
    this.limits = limits;
    this.runAs = runAs;
  }

  /** Fetches every URI of {@code command} into {@code sandbox}; the first that fails ends the fetch. */
  public void fetchAll(CommandInfo command, Path sandbox) throws FetchException {
    for (CommandInfo.Uri uri : command.getUris()) {
      fetch(uri, sandbox, command);
    }
  }

  private void fetch(CommandInfo.Uri uri, Path sandbox, CommandInfo command) throws FetchException {
    URI parsed;
    try {
      parsed = uri.value().startsWith("/") ? Path.of(uri.value()).toUri() : URI.create(uri.value());
    } catch (IllegalArgumentException e) {
      throw new FetchException(uri, "not a URI");
    }
    Path last = parsed.getPath() == null ? null : Path.of(parsed.getPath()).getFileName();
    String name = uri.outputFile() != null ? uri.outputFile() : last == null ? "download" : last.toString();
    Path target = sandbox.resolve(name).normalize();
    if (!target.startsWith(sandbox) || target.equals(sandbox)) {
      throw new FetchException(uri, "output file " + name + " would leave the sandbox");
    }
    try {
      Path parent = target.getParent();
      Files.createDirectories(parent);
      // an archive fetched before may have left a link on the way: never write through it
      if (!parent.toRealPath().equals(sandbox.toRealPath().resolve(sandbox.relativize(parent)))) {
        throw new FetchException(uri, "output file " + name + " would be written through a symbolic link");
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      switch (scheme) {
        case "http", "https" -> download(uri, parsed, target);
        case "file" -> copy(uri, Path.of(parsed), target, command);
        default -> throw new FetchException(uri, "scheme '" + scheme + "' is not supported (http, https, file)");
      }
      if (uri.executable() && !target.toFile().setExecutable(true)) {
        throw new FetchException(uri, "cannot make " + name + " executable");
      }
      if (uri.extract() && !uri.executable() && ArchiveExtractor.isArchive(target)) {
        extract(uri, target, sandbox);
      }
    } catch (IOException e) {
      throw new FetchException(uri, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri, "interrupted");
    }
  }

  private void extract(CommandInfo.Uri uri, Path archive, Path sandbox) throws IOException, FetchException {
    try {
      ArchiveExtractor.extract(archive, sandbox, limits);
    } catch (RefusedEntry refused) {
      Files.deleteIfExists(archive);
      throw new FetchException(uri, "archive refused: " + refused.getMessage());
    }
  }

  private void download(CommandInfo.Uri uri, URI from, Path target) throws IOException, FetchException {
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    HttpURLConnection connection = (HttpURLConnection) from.toURL().openConnection();
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) Math.min(READ_TIMEOUT.toMillis(), limits.deadline().toMillis()));
    connection.setInstanceFollowRedirects(true);
    try {
      if (connection.getResponseCode() / 100 != 2) {
        throw new FetchException(uri, "HTTP " + connection.getResponseCode());
      }
      try (InputStream body = connection.getInputStream()) {
        write(uri, body, target, deadline);
      } catch (SocketTimeoutException stalled) {
        Files.deleteIfExists(target);
        throw new FetchException(uri, "no data for " + READ_TIMEOUT.toSeconds() + " s");
      }
    } finally {
      connection.disconnect();
    }
  }

  /** A local file, read by {@code cat} as the task's user when the agent runs tasks as someone else. */
  private void copy(CommandInfo.Uri uri, Path from, Path target, CommandInfo command)
    throws IOException, FetchException, InterruptedException {
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    List<String> prefix = runAs.prefix(command);
    if (prefix.isEmpty()) {
      if (!Files.isRegularFile(from)) {
        throw new FetchException(uri, "no such file");
      }
      try (InputStream in = Files.newInputStream(from)) {
        write(uri, in, target, deadline);
      }
      return;
    }
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of("cat", "--", from.toString()));
    Process cat = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.PIPE).start();
    try (InputStream in = cat.getInputStream()) {
      write(uri, in, target, deadline);
    } catch (FetchException | IOException e) {
      cat.destroyForcibly();
      throw e;
    }
    if (!cat.waitFor(10, TimeUnit.SECONDS)) {
      cat.destroyForcibly();
      throw new FetchException(uri, "reading it did not end");
    }
    if (cat.exitValue() != 0) {
      Files.deleteIfExists(target);
      String why = new String(cat.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      throw new FetchException(uri, "the task's user cannot read it" + (why.isEmpty() ? "" : " (" + why + ")"));
    }
  }

  /**
   * Copies at most {@link FetchLimits#maxFileBytes()} within the deadline, so neither a huge nor an
   * endless, trickling source can fill the disk or hold the task; never through a link at the target.
   */
  private void write(CommandInfo.Uri uri, InputStream in, Path target, long deadline) throws IOException, FetchException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    Files.deleteIfExists(target);
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
      LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > limits.maxFileBytes()) {
          throw new FetchException(uri, "larger than the fetch limit of " + limits.maxFileBytes() + " bytes (--fetch-max-mb)");
        }
        if (System.nanoTime() - deadline > 0) {
          throw new FetchException(uri, "not done within the fetch deadline of " + limits.deadline().toSeconds()
            + " s (--fetch-timeout-secs)");
        }
        out.write(buffer, 0, n);
      }
    } catch (FetchException | IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }
}
