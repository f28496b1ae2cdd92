package io.drover.agent;

import io.drover.protocol.CommandInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches a task's URIs into its sandbox before it starts (Mesos's fetcher): http, https and file
 * URIs, at most {@code maxBytes} each, made executable or unpacked ({@code .tar}, {@code .tar.gz},
 * {@code .tgz}, {@code .zip}) on request. Blocking: run it off the event loop.
 */
final class Fetcher {

  /** A fetch that failed, naming the URI and why. */
  static final class FetchException extends Exception {
    FetchException(CommandInfo.Uri uri, String why) {
      super("could not fetch " + uri.value() + ": " + why);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
    .followRedirects(HttpClient.Redirect.NORMAL).build();
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private Fetcher() {
  }

  static void fetchAll(List<CommandInfo.Uri> uris, Path sandbox, long maxBytes) throws FetchException {
    for (CommandInfo.Uri uri : uris) {
      fetch(uri, sandbox, maxBytes);
    }
  }

  private static void fetch(CommandInfo.Uri uri, Path sandbox, long maxBytes) throws FetchException {
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
      Files.createDirectories(target.getParent());
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      switch (scheme) {
        case "http", "https" -> download(uri, parsed, target, maxBytes);
        case "file" -> copy(uri, Path.of(parsed), target, maxBytes);
        default -> throw new FetchException(uri, "scheme '" + scheme + "' is not supported (http, https, file)");
      }
      if (uri.executable() && !target.toFile().setExecutable(true)) {
        throw new FetchException(uri, "cannot make " + name + " executable");
      }
      if (uri.extract() && !uri.executable()) {
        extract(uri, target, sandbox);
      }
    } catch (IOException e) {
      throw new FetchException(uri, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri, "interrupted");
    }
  }

  private static void download(CommandInfo.Uri uri, URI from, Path target, long maxBytes)
    throws IOException, InterruptedException, FetchException {
    HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(from).timeout(DOWNLOAD_TIMEOUT).GET().build(),
      HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new FetchException(uri, "HTTP " + response.statusCode());
      }
      write(uri, body, target, maxBytes);
    }
  }

  private static void copy(CommandInfo.Uri uri, Path from, Path target, long maxBytes) throws IOException, FetchException {
    if (!Files.isRegularFile(from)) {
      throw new FetchException(uri, "no such file");
    }
    try (InputStream in = Files.newInputStream(from)) {
      write(uri, in, target, maxBytes);
    }
  }

  /** Copies at most {@code maxBytes}, so a huge or endless download cannot fill the disk. */
  private static void write(CommandInfo.Uri uri, InputStream in, Path target, long maxBytes)
    throws IOException, FetchException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new FetchException(uri, "larger than the fetch limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (FetchException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }

  private static void extract(CommandInfo.Uri uri, Path archive, Path sandbox)
    throws IOException, InterruptedException, FetchException {
    String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      unzip(uri, archive, sandbox);
    } else if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      // GNU tar refuses members with absolute names or '..' unless told otherwise
      Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", sandbox.toString())
        .redirectErrorStream(true).start();
      String output = new String(tar.getInputStream().readAllBytes());
      if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        throw new FetchException(uri, "tar could not extract it: " + output.strip());
      }
    }
  }

  private static void unzip(CommandInfo.Uri uri, Path archive, Path sandbox) throws IOException, FetchException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path out = sandbox.resolve(entry.getName()).normalize();
        if (!out.startsWith(sandbox)) {
          throw new FetchException(uri, "zip entry " + entry.getName() + " would leave the sandbox");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(zip, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
