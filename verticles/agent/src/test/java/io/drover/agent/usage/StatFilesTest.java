package io.drover.agent.usage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatFilesTest {

  @Test
  void cpuacctStatIsTicksByKind() {
    assertThat(StatFiles.keyValues("user 1234\nsystem 56\n")).containsExactly(Map.entry("user", 1234L),
      Map.entry("system", 56L));
  }

  @Test
  void linesOfAnotherShapeAreSkipped() {
    assertThat(StatFiles.keyValues("nr_periods 10\nsome thing else\nweird x\n\nthrottled_time 2500000000\n"))
      .containsOnlyKeys("nr_periods", "throttled_time");
  }

  @Test
  void aSingleNumberMayEndWithANewline() {
    assertThat(StatFiles.number("67108864\n")).isEqualTo(64L << 20);
    assertThat(StatFiles.number("-1\n")).isEqualTo(-1);
  }

  @Test
  void procsAndTasksCountTheirIds() {
    assertThat(StatFiles.lines("101\n102\n103\n")).isEqualTo(3);
    assertThat(StatFiles.lines("")).isZero();
  }

  @Test
  void procStatIsCountedFromTheLastParenthesis() {
    // comm "sh (x) y" holds spaces and parentheses
    String stat = "4242 (sh (x) y) S 4200 4242 4242 0 -1 4194560 120 0 0 0 37 12 5 3 20 0 3 0 987654 "
      + "2641920 210 18446744073709551615 1 1 0 0 0 0 0 0 65538 0 0 0 17 1 0 0 0 0 0";
    StatFiles.ProcStat parsed = StatFiles.procStat(stat);
    assertThat(parsed).isEqualTo(new StatFiles.ProcStat(4242, 4242, 37, 12, 5, 3, 3));
  }

  @Test
  void aTruncatedProcStatIsRefused() {
    assertThatThrownBy(() -> StatFiles.procStat("12 (sh) S 1 12")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatFiles.procStat("garbage")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void residentMemoryIsVmRssInKibibytes() {
    String status = "Name:\tsh\nState:\tS (sleeping)\nVmPeak:\t    2580 kB\nVmRSS:\t     840 kB\nThreads:\t1\n";
    assertThat(StatFiles.residentBytes(status)).isEqualTo(840 * 1024);
    assertThat(StatFiles.residentBytes("Name:\tzombie\nState:\tZ (zombie)\n")).isZero();
  }

  @Test
  void procCgroupNamesEachControllersHierarchy() {
    String cgroup = "12:pids:/docker/abc\n4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n1:name=systemd:/docker/abc\n0::/\n";
    Map<String, StatFiles.CgroupPath> paths = StatFiles.procCgroups(cgroup);
    assertThat(paths.get("cpu")).isEqualTo(new StatFiles.CgroupPath("cpu,cpuacct", "/docker/abc"));
    assertThat(paths.get("cpuacct")).isEqualTo(new StatFiles.CgroupPath("cpu,cpuacct", "/docker/abc"));
    assertThat(paths.get("memory")).isEqualTo(new StatFiles.CgroupPath("memory", "/docker/abc"));
    assertThat(paths).doesNotContainKey("");
  }
}
