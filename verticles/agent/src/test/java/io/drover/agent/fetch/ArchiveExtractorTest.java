package io.drover.agent.fetch;

import io.drover.agent.fetch.TestArchive.Format;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveExtractorTest {

  private static final FetchLimits LIMITS = new FetchLimits(1L << 30, 4L << 30, FetchLimits.DEFAULT_MAX_ENTRIES,
    FetchLimits.DEFAULT_MAX_RATIO, Duration.ofMinutes(1));

  @TempDir
  Path dir;

  private Path sandbox;

  private Path archive(Format format, Builder builder) throws IOException {
    sandbox = Files.createDirectories(dir.resolve("sandbox"));
    Files.writeString(sandbox.resolve("stdout"), "already here");
    Path file = dir.resolve("fetched" + format.suffix);
    try (TestArchive archive = TestArchive.create(file, format)) {
      builder.build(archive);
    }
    return file;
  }

  private interface Builder {
    void build(TestArchive archive) throws IOException;
  }

  /** The sandbox's contents after an extraction, as relative names. */
  private List<String> sandboxContents() throws IOException {
    try (Stream<Path> all = Files.walk(sandbox)) {
      return all.filter(p -> !p.equals(sandbox)).map(p -> sandbox.relativize(p).toString()).sorted().toList();
    }
  }

  private void assertRefused(Path archive, String... why) throws IOException {
    assertThatThrownBy(() -> ArchiveExtractor.extract(archive, sandbox, LIMITS))
      .isInstanceOf(RefusedEntry.class).message().contains(why);
    assertThat(sandboxContents()).as("nothing of a refused archive is left").containsExactly("stdout");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void unpacksFilesDirectoriesAndLinksThatStayInside(Format format) throws Exception {
    Path archive = archive(format, a -> a.directory("app").file("app/run.sh", 0755, "echo hi")
      .file("./app/conf/site.conf", "x=1").symlink("app/current", "conf/site.conf").symlink("top", "app"));
    ArchiveExtractor.extract(archive, sandbox, LIMITS);
    assertThat(sandboxContents()).containsExactly("app", "app/conf", "app/conf/site.conf", "app/current",
      "app/run.sh", "stdout", "top");
    assertThat(Files.readString(sandbox.resolve("app/current"))).isEqualTo("x=1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("app/run.sh"))))
      .isEqualTo("rwxr-xr-x");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesBlockDevices(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").blockDevice("disk")),
      "entry 'disk' is a block device node");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesCharacterDevices(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").characterDevice("mem")),
      "entry 'mem' is a character device node");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesFifos(Format format) throws Exception {
    assertRefused(archive(format, a -> a.directory("d").fifo("d/pipe")), "entry 'd/pipe' is a fifo");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void dropsSetuidSetgidAndStickyBits(Format format) throws Exception {
    Path archive = archive(format, a -> a.file("rootshell", 06755, "#!/bin/sh").file("shared", 01777, "x"));
    ArchiveExtractor.extract(archive, sandbox, LIMITS);
    assertThat(Files.getAttribute(sandbox.resolve("rootshell"), "unix:mode")).isEqualTo(0100755);
    assertThat(Files.getAttribute(sandbox.resolve("shared"), "unix:mode")).isEqualTo(0100777);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesSymlinksOutOfTheSandbox(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").symlink("shadow", "/etc/shadow")),
      "entry 'shadow' is a symbolic link to /etc/shadow, outside the sandbox");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesSymlinksThatClimbOut(Format format) throws Exception {
    assertRefused(archive(format, a -> a.directory("a").symlink("a/up", "../../../etc/shadow")),
      "entry 'a/up' is a symbolic link to ../../../etc/shadow, which leads outside the sandbox");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesSymlinksThatClimbOutThroughAnotherLink(Format format) throws Exception {
    // lexically self/.. is the sandbox; followed, self is the sandbox and self/.. its parent
    assertRefused(archive(format, a -> a.symlink("self", ".").symlink("escape", "self/..")),
      "entry 'escape' is a symbolic link to self/.., which leads outside the sandbox");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesALinkRetargetedByALaterEntry(Format format) throws Exception {
    // 'up' is inside while 'hop' leads to 'deep/er'; once 'hop' leads to '.', 'up' leads out
    assertRefused(archive(format, a -> a.directory("deep/er").symlink("hop", "deep/er").symlink("up", "hop/../..")
      .symlink("hop", ".")), "leads outside the sandbox");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void neverWritesThroughALink(Format format) throws Exception {
    assertRefused(archive(format, a -> a.directory("inner").symlink("door", "inner").file("door/passwd", "x")),
      "entry 'door/passwd' would be written through the symbolic link door");
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"TAR", "TAR_GZ"})
  void refusesHardLinksOutOfTheArchive(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").hardLink("shadow", "/etc/shadow")),
      "entry 'shadow' is a hard link to /etc/shadow, which is not a file of this archive");
    assertRefused(archive(format, a -> a.hardLink("shadow", "../../../../etc/shadow")),
      "entry 'shadow' is a hard link to ../../../../etc/shadow, which is not a file of this archive");
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"TAR", "TAR_GZ"})
  void keepsHardLinksBetweenItsOwnFiles(Format format) throws Exception {
    ArchiveExtractor.extract(archive(format, a -> a.file("data", "x").hardLink("alias", "data")), sandbox, LIMITS);
    assertThat(Files.isSameFile(sandbox.resolve("data"), sandbox.resolve("alias"))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesAbsoluteNames(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").file("/etc/cron.d/evil", "x")),
      "entry '/etc/cron.d/evil' has an absolute name");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesClimbingNames(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("ok", "x").file("a/../../evil", "x")),
      "entry 'a/../../evil' climbs out of the sandbox with '..'");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesTenThousandEmptyFiles(Format format) throws Exception {
    assertRefused(archive(format, a -> {
      for (int i = 0; i < 10_000; i++) {
        a.file("many/" + i, "");
      }
    }), "the archive holds more than 5000 entries (--fetch-max-entries)");
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"TAR_GZ", "ZIP"})
  void refusesAGigabyteOfZeros(Format format) throws Exception {
    Path bomb = archive(format, a -> a.file("ok", "x").zeros("zeros", 1_000_000_000L));
    assertThat(Files.size(bomb)).as("a bomb is small").isLessThan(5_000_000);
    assertRefused(bomb, "entry 'zeros' makes the archive too large: it unpacks to more than 100 times its size");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesMoreThanTheUnpackedLimit(Format format) throws Exception {
    FetchLimits small = new FetchLimits(1L << 30, 1024, 100, 100, Duration.ofMinutes(1));
    Path archive = archive(format, a -> a.file("big", "y".repeat(2000)));
    assertThatThrownBy(() -> ArchiveExtractor.extract(archive, sandbox, small))
      .hasMessageContaining("entry 'big' makes the archive too large: it unpacks to more than 1024 bytes");
    assertThat(sandboxContents()).containsExactly("stdout");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void refusesReplacingADirectory(Format format) throws Exception {
    assertRefused(archive(format, a -> a.directory("d").file("d/x", "x").symlink("d", "."))
      , "entry 'd' would replace the directory d");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void neverReplacesWhatWasThereBefore(Format format) throws Exception {
    assertRefused(archive(format, a -> a.file("stdout", "overwritten")),
      "entry 'stdout' would replace stdout, which was in the sandbox before");
    assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("already here");
  }
}
