package io.drover.agent.fetch;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes test archives entry by entry, including the entries a hostile archive holds (device
 * nodes, fifos, links out, setuid files), in any of the formats the fetcher unpacks.
 */
public final class TestArchive implements AutoCloseable {

  /** The formats the fetcher unpacks, by the file name ending it goes by. */
  public enum Format {
    TAR(".tar"), TAR_GZ(".tar.gz"), ZIP(".zip");

    public final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }
  }

  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SYMLINK = 0120000;
  private static final int FILE = 0100000;
  private static final int DIRECTORY = 0040000;

  private final Format format;
  private final ArchiveOutputStream<? extends ArchiveEntry> out;

  private TestArchive(Format format, ArchiveOutputStream<? extends ArchiveEntry> out) {
    this.format = format;
    this.out = out;
  }

  /** A new archive at {@code dir/name + format's suffix}. */
  public static TestArchive create(Path file, Format format) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return switch (format) {
      case TAR -> new TestArchive(format, tar(raw));
      case TAR_GZ -> new TestArchive(format, tar(new GzipCompressorOutputStream(raw)));
      case ZIP -> new TestArchive(format, new ZipArchiveOutputStream(raw));
    };
  }

  private static TarArchiveOutputStream tar(OutputStream raw) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  public TestArchive file(String name, String content) throws IOException {
    return file(name, 0644, content);
  }

  public TestArchive file(String name, int mode, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    put(name, FILE | mode, bytes.length, TarConstants.LF_NORMAL, null);
    out.write(bytes);
    out.closeArchiveEntry();
    return this;
  }

  /** A file of {@code size} zero bytes, written in pieces (a bomb need not fit in memory). */
  public TestArchive zeros(String name, long size) throws IOException {
    put(name, FILE | 0644, size, TarConstants.LF_NORMAL, null);
    byte[] zeros = new byte[1024 * 1024];
    for (long left = size; left > 0; left -= zeros.length) {
      out.write(zeros, 0, (int) Math.min(left, zeros.length));
    }
    out.closeArchiveEntry();
    return this;
  }

  public TestArchive directory(String name) throws IOException {
    put(name.endsWith("/") ? name : name + "/", DIRECTORY | 0755, 0, TarConstants.LF_DIR, null);
    out.closeArchiveEntry();
    return this;
  }

  public TestArchive symlink(String name, String target) throws IOException {
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    put(name, SYMLINK | 0777, format == Format.ZIP ? bytes.length : 0, TarConstants.LF_SYMLINK, target);
    if (format == Format.ZIP) {
      out.write(bytes);
    }
    out.closeArchiveEntry();
    return this;
  }

  /** A tar hard link; zip has none. */
  public TestArchive hardLink(String name, String target) throws IOException {
    put(name, FILE | 0644, 0, TarConstants.LF_LINK, target);
    out.closeArchiveEntry();
    return this;
  }

  public TestArchive blockDevice(String name) throws IOException {
    return special(name, BLOCK_DEVICE, TarConstants.LF_BLK);
  }

  public TestArchive characterDevice(String name) throws IOException {
    return special(name, CHARACTER_DEVICE, TarConstants.LF_CHR);
  }

  public TestArchive fifo(String name) throws IOException {
    return special(name, FIFO, TarConstants.LF_FIFO);
  }

  private TestArchive special(String name, int type, byte tarType) throws IOException {
    put(name, type | 0666, 0, tarType, null);
    out.closeArchiveEntry();
    return this;
  }

  @SuppressWarnings("unchecked")
  private void put(String name, int mode, long size, byte tarType, String linkName) throws IOException {
    if (format == Format.ZIP) {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(mode);
      ((ArchiveOutputStream<ZipArchiveEntry>) out).putArchiveEntry(entry);
      return;
    }
    TarArchiveEntry entry = new TarArchiveEntry(name, tarType, true);
    entry.setMode(mode & 07777);
    entry.setSize(tarType == TarConstants.LF_NORMAL ? size : 0);
    if (linkName != null) {
      entry.setLinkName(linkName);
    }
    if (tarType == TarConstants.LF_BLK || tarType == TarConstants.LF_CHR) {
      entry.setDevMajor(8);
      entry.setDevMinor(0);
    }
    ((ArchiveOutputStream<TarArchiveEntry>) out).putArchiveEntry(entry);
  }

  @Override
  public void close() throws IOException {
    out.finish();
    out.close();
  }
}
