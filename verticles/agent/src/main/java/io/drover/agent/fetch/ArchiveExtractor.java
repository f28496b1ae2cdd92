package io.drover.agent.fetch;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Unpacks a fetched {@code .tar}, {@code .tar.gz}/{@code .tgz} or {@code .zip} into a sandbox as a
 * root agent safely can: only regular files, directories, hard links to files of the same archive,
 * and symbolic links that stay inside the sandbox; modes without setuid, setgid or sticky bits; no
 * name that is absolute or climbs with {@code ..}; nothing written through a link; at most
 * {@link FetchLimits#maxEntries()} entries and {@link FetchLimits#unpackCap} bytes. The first entry
 * that breaks a rule refuses the whole archive, and everything unpacked from it is removed again.
 * (GNU tar run by root would have kept the archive's owners and modes and made device nodes.)
 */
final class ArchiveExtractor {

  /** Linux's own limit on links followed in one path lookup. */
  private static final int MAX_LINK_HOPS = 40;
  /** Linux's PATH_MAX. */
  private static final int MAX_LINK_TARGET_BYTES = 4096;
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_FILE = 0100000;
  private static final int TYPE_DIRECTORY = 0040000;
  private static final int TYPE_SYMLINK = 0120000;
  private static final int DEFAULT_FILE_MODE = 0644;
  private static final int DEFAULT_DIRECTORY_MODE = 0755;

  private ArchiveExtractor() {
  }

  /** True for the names this extractor unpacks. */
  static boolean isArchive(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".zip") || name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz");
  }

  /** Unpacks {@code archive} into {@code sandbox}, or refuses it and leaves the sandbox as it was. */
  static void extract(Path archive, Path sandbox, FetchLimits limits) throws RefusedEntry, IOException {
    Unpacking unpacking = new Unpacking(sandbox.toRealPath(), limits, Files.size(archive));
    try {
      String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".zip")) {
        unzip(archive, unpacking);
      } else {
        untar(archive, !name.endsWith(".tar"), unpacking);
      }
      unpacking.checkLinksStayInside();
    } catch (RefusedEntry | IOException | RuntimeException e) {
      unpacking.removeAll();
      throw e;
    }
  }

  private static void untar(Path archive, boolean gzipped, Unpacking unpacking) throws IOException, RefusedEntry {
    InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
    try (InputStream in = gzipped ? new GzipCompressorInputStream(raw, true) : raw;
         TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = entry.getName();
        // the special kinds first: commons-compress counts any entry whose name lacks a slash as a file
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
          unpacking.refuse(name, "is a " + (entry.isBlockDevice() ? "block" : "character")
            + " device node; archives may hold only files, directories and links");
        } else if (entry.isFIFO()) {
          unpacking.refuse(name, "is a fifo; archives may hold only files, directories and links");
        } else if (entry.isSymbolicLink()) {
          unpacking.symlink(name, entry.getLinkName());
        } else if (entry.isLink()) {
          unpacking.hardLink(name, entry.getLinkName());
        } else if (entry.isDirectory()) {
          unpacking.directory(name, entry.getMode());
        } else if (isRegularFile(entry)) {
          unpacking.file(name, entry.getMode(), tar);
        } else {
          unpacking.refuse(name, "is of tar type '" + (char) entry.getLinkFlag()
            + "'; archives may hold only files, directories and links");
        }
      }
    }
  }

  private static boolean isRegularFile(TarArchiveEntry entry) {
    byte type = entry.getLinkFlag();
    return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG;
  }

  private static void unzip(Path archive, Unpacking unpacking) throws IOException, RefusedEntry {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (ZipArchiveEntry entry : (Iterable<ZipArchiveEntry>) zip.getEntriesInPhysicalOrder()::asIterator) {
        String name = entry.getName();
        int mode = entry.getUnixMode();
        int type = mode & TYPE_MASK;
        if (type != 0 && type != TYPE_FILE && type != TYPE_DIRECTORY && type != TYPE_SYMLINK) {
          unpacking.refuse(name, "is a " + zipKind(type) + "; archives may hold only files, directories and links");
        } else if (!zip.canReadEntryData(entry)) {
          unpacking.refuse(name, "is encrypted or compressed in a way the fetcher cannot read");
        } else if (entry.isUnixSymlink()) {
          unpacking.symlink(name, linkTarget(zip, entry));
        } else if (entry.isDirectory() || type == TYPE_DIRECTORY) {
          unpacking.directory(name, type == 0 ? DEFAULT_DIRECTORY_MODE : mode);
        } else {
          try (InputStream data = zip.getInputStream(entry)) {
            unpacking.file(name, type == 0 ? DEFAULT_FILE_MODE : mode, data);
          }
        }
      }
    }
  }

  /** A zip link's target is its content: read no more than a path can be long, however large it claims to be. */
  private static String linkTarget(ZipFile zip, ZipArchiveEntry entry) throws IOException {
    try (InputStream data = zip.getInputStream(entry)) {
      byte[] target = data.readNBytes(MAX_LINK_TARGET_BYTES + 1);
      if (target.length > MAX_LINK_TARGET_BYTES) {
        throw new IOException("the target of link " + entry.getName() + " is longer than a path may be");
      }
      return new String(target, StandardCharsets.UTF_8);
    }
  }

  private static String zipKind(int type) {
    return switch (type) {
      case 0060000 -> "block device node";
      case 0020000 -> "character device node";
      case 0010000 -> "fifo";
      case 0140000 -> "socket";
      default -> "file of unix type " + Integer.toOctalString(type);
    };
  }

  /** One archive being unpacked: what it made so far, so that a refusal can take all of it back. */
  private static final class Unpacking {
    private final Path root;
    private final FetchLimits limits;
    private final FetchLimits.Cap cap;
    /** In the order made, so that taking them back goes newest first. */
    private final Set<Path> made = new LinkedHashSet<>();
    private final Set<Path> files = new HashSet<>();
    private final List<Path> links = new ArrayList<>();
    private int entries;
    private long unpacked;

    Unpacking(Path root, FetchLimits limits, long archiveBytes) {
      this.root = root;
      this.limits = limits;
      this.cap = limits.unpackCap(archiveBytes);
    }

    void refuse(String name, String rule) throws RefusedEntry {
      throw new RefusedEntry(name, rule);
    }

    void directory(String name, int mode) throws IOException, RefusedEntry {
      Path dir = place(name);
      if (dir == null) {
        return;
      }
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        if (made.contains(dir)) {
          setMode(dir, mode | 0700);
        }
        return;
      }
      replaceable(name, dir);
      Files.createDirectory(dir);
      made.add(dir);
      setMode(dir, mode | 0700);
    }

    void file(String name, int mode, InputStream data) throws IOException, RefusedEntry {
      Path file = place(name);
      if (file == null) {
        return;
      }
      replaceable(name, file);
      made.add(file);
      files.add(file);
      byte[] buffer = new byte[64 * 1024];
      // O_EXCL and O_NOFOLLOW: nothing that appeared at this name meanwhile is written through
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
        for (int n; (n = data.read(buffer)) > 0; ) {
          unpacked += n;
          if (unpacked > cap.bytes()) {
            throw new RefusedEntry(name, "makes the archive too large: " + cap.rule());
          }
          out.write(buffer, 0, n);
        }
      }
      setMode(file, mode);
    }

    void symlink(String name, String target) throws IOException, RefusedEntry {
      Path link = place(name);
      if (link == null) {
        return;
      }
      Path to = linkTarget(name, target);
      if (to.isAbsolute()) {
        refuse(name, "is a symbolic link to " + target + ", outside the sandbox");
      }
      replaceable(name, link);
      Files.createSymbolicLink(link, to);
      made.add(link);
      links.add(link);
      if (!staysInside(link)) {
        refuse(name, "is a symbolic link to " + target + ", which leads outside the sandbox");
      }
    }

    void hardLink(String name, String target) throws IOException, RefusedEntry {
      Path link = place(name);
      if (link == null) {
        return;
      }
      Path to = linkTarget(name, target);
      if (to.isAbsolute() || !files.contains(root.resolve(to).normalize())) {
        refuse(name, "is a hard link to " + target + ", which is not a file of this archive");
      }
      replaceable(name, link);
      Files.createLink(link, root.resolve(to).normalize());
      made.add(link);
    }

    /**
     * Where entry {@code name} goes, its parent directories made; null for the archive's root
     * itself. Refuses absolute and climbing names, too many entries, and a path through a link.
     */
    private Path place(String name) throws IOException, RefusedEntry {
      if (++entries > limits.maxEntries()) {
        throw new RefusedEntry("the archive holds more than " + limits.maxEntries() + " entries (--fetch-max-entries)");
      }
      List<String> parts = parts(name);
      if (name.startsWith("/")) {
        refuse(name, "has an absolute name");
      }
      if (parts.contains("..")) {
        refuse(name, "climbs out of the sandbox with '..'");
      }
      if (parts.isEmpty()) {
        return null;
      }
      Path at = root;
      for (String part : parts.subList(0, parts.size() - 1)) {
        at = resolve(name, at, part);
        if (Files.isSymbolicLink(at)) {
          refuse(name, "would be written through the symbolic link " + root.relativize(at));
        }
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(at);
          made.add(at);
        } else if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
          refuse(name, "would be written below the file " + root.relativize(at));
        }
      }
      return resolve(name, at, parts.get(parts.size() - 1));
    }

    private Path resolve(String name, Path dir, String part) throws RefusedEntry {
      try {
        return dir.resolve(part);
      } catch (InvalidPathException e) {
        throw new RefusedEntry(name, "has a name that is not a valid path");
      }
    }

    private Path linkTarget(String name, String target) throws RefusedEntry {
      try {
        return Path.of(target == null ? "" : target);
      } catch (InvalidPathException e) {
        throw new RefusedEntry(name, "links to a name that is not a valid path");
      }
    }

    /**
     * An entry may replace a file or link this archive made (tar appends newer copies), never a
     * directory nor what was in the sandbox before, so that a refused archive changes nothing.
     */
    private void replaceable(String name, Path at) throws IOException, RefusedEntry {
      if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        refuse(name, "would replace the directory " + root.relativize(at));
      }
      if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) && !made.contains(at)) {
        refuse(name, "would replace " + root.relativize(at) + ", which was in the sandbox before");
      }
      files.remove(at);
      Files.deleteIfExists(at);
    }

    /**
     * Follows {@code link} component by component, as the kernel would, without leaving the
     * sandbox: a link may lead to other links and to names that do not exist yet.
     */
    private boolean staysInside(Path link) throws IOException {
      Path at = link.getParent();
      Deque<String> todo = new ArrayDeque<>(parts(Files.readSymbolicLink(link).toString()));
      for (int hops = 0; !todo.isEmpty(); ) {
        String part = todo.pop();
        if (part.equals("..")) {
          at = at.getParent();
        } else if (Files.isSymbolicLink(at.resolve(part))) {
          String target = Files.readSymbolicLink(at.resolve(part)).toString();
          if (++hops > MAX_LINK_HOPS || target.startsWith("/")) {
            return false;
          }
          List<String> next = parts(target);
          for (int i = next.size() - 1; i >= 0; i--) {
            todo.push(next.get(i));
          }
        } else {
          at = at.resolve(part);
        }
        if (at == null || !at.startsWith(root)) {
          return false;
        }
      }
      return true;
    }

    /** A later link may have changed where an earlier one leads: look at all of them again. */
    void checkLinksStayInside() throws IOException, RefusedEntry {
      for (Path link : links) {
        if (Files.isSymbolicLink(link) && !staysInside(link)) {
          refuse(root.relativize(link).toString(), "is a symbolic link that leads outside the sandbox");
        }
      }
    }

    /** Takes back everything this archive made, newest first. */
    void removeAll() throws IOException {
      List<Path> newestFirst = new ArrayList<>(made);
      Collections.reverse(newestFirst);
      for (Path path : newestFirst) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> tree = Files.walk(path)) {
            for (Path inside : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
              Files.deleteIfExists(inside);
            }
          } catch (DirectoryNotEmptyException raced) {
            throw new IOException("could not remove " + path + " after refusing the archive", raced);
          }
        } else {
          Files.deleteIfExists(path);
        }
      }
    }

    /** The archive's mode without setuid, setgid and sticky bits. */
    private static void setMode(Path path, int mode) throws IOException {
      Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] bits = PosixFilePermission.values();
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (0400 >> i)) != 0) {
          permissions.add(bits[i]);
        }
      }
      Files.setPosixFilePermissions(path, permissions);
    }

    /** A name's parts, without empty and {@code .} parts ({@code ./a//b/} is {@code a, b}). */
    private static List<String> parts(String name) {
      List<String> parts = new ArrayList<>();
      for (String part : name.split("/")) {
        if (!part.isEmpty() && !part.equals(".")) {
          parts.add(part);
        }
      }
      return parts;
    }
  }
}
