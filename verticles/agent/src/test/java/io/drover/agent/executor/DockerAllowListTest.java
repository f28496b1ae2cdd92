package io.drover.agent.executor;

import io.drover.protocol.ContainerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerAllowListTest {

  static final ContainerInfo BRIDGED = ContainerInfo.docker("busybox").withNetwork(ContainerInfo.Network.BRIDGE, List.of());

  @Test
  void aPlainBridgedContainerNeedsNothing() {
    assertThat(new DockerAllowList(Set.of(), "unix:///var/run/docker.sock").refusal(BRIDGED)).isNull();
  }

  @Test
  void eachExtraNeedsItsOwnPermission() {
    DockerAllowList none = new DockerAllowList(Set.of(), "unix:///var/run/docker.sock");
    ContainerInfo hostNetwork = ContainerInfo.docker("busybox").withNetwork(ContainerInfo.Network.HOST, List.of());
    assertThat(none.refusal(hostNetwork)).contains("host-network");
    assertThat(none.refusal(new ContainerInfo("busybox", ContainerInfo.Network.BRIDGE, List.of(), false, true)))
      .contains("privileged");
    DockerAllowList all = new DockerAllowList(DockerAllowList.EXTRAS, "unix:///var/run/docker.sock");
    assertThat(all.refusal(hostNetwork)).isNull();
  }

  @Test
  void aUserNetworkIsANetworkOfItsOwnNeverDockersModesOrAnotherContainers() {
    DockerAllowList none = new DockerAllowList(Set.of(), "unix:///var/run/docker.sock");
    ContainerInfo plain = ContainerInfo.docker("busybox");
    assertThat(none.refusal(plain.withNetwork(ContainerInfo.Network.USER, "backend", List.of()))).isNull();
    for (String name : List.of("host", "bridge", "none", "container:db")) {
      assertThat(none.refusal(plain.withNetwork(ContainerInfo.Network.USER, name, List.of()))).as(name)
        .contains("Docker's own network mode");
    }
    assertThat(none.refusal(plain.withNetwork(ContainerInfo.Network.USER, null, List.of())))
      .contains("needs the name of a Docker network");
  }

  @Test
  void theEngineSocketIsNeverMountedEvenWhereVolumesAreAllowed(@TempDir Path dir) throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.createFile(run.resolve("docker.sock"));
    Path link = Files.createSymbolicLink(dir.resolve("var-run"), run);
    DockerAllowList volumes = new DockerAllowList(Set.of("volumes"), "unix://" + run.resolve("docker.sock"));
    for (String host : List.of(run.resolve("docker.sock").toString(), run.toString(), link.toString(), "/",
      link + "/../run")) {
      assertThat(volumes.refusal(withVolume(host))).as(host).contains("Docker engine's socket");
    }
    assertThat(volumes.refusal(withVolume(dir.resolve("data").toString()))).isNull();
  }

  private static ContainerInfo withVolume(String hostPath) {
    return BRIDGED.withExtras(false, List.of(new ContainerInfo.Volume("/mnt", hostPath, false)), List.of());
  }

  @Test
  void anUnknownExtraIsNamed() {
    assertThatThrownBy(() -> DockerAllowList.parse("volumes, sudo")).hasMessageContaining("unknown 'sudo'");
    assertThat(DockerAllowList.parse(" Host-Network ,")).containsExactly("host-network");
  }
}
