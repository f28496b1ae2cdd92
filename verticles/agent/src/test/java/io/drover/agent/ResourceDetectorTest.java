package io.drover.agent;

import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceDetectorTest {

  @Test
  void agentsSharingAMachineSplitItAndNeverShareAPort() {
    Resources machine = Resources.parse("cpus:4;mem:8192;disk:1000;ports:[31000-31999]");

    Resources first = ResourceDetector.share(machine, 0, 2);
    Resources second = ResourceDetector.share(machine, 1, 2);

    assertThat(first).isEqualTo(Resources.parse("cpus:2;mem:4096;disk:500;ports:[31000-31499]"));
    assertThat(second).isEqualTo(Resources.parse("cpus:2;mem:4096;disk:500;ports:[31500-31999]"));
    assertThat(first.ports().minus(second.ports())).isEqualTo(first.ports());
    assertThat(ResourceDetector.share(machine, 0, 1)).isEqualTo(machine);
  }

  @Test
  void detectionOffersThisMachine() {
    Resources detected = ResourceDetector.detect(java.nio.file.Path.of("target"));
    assertThat(detected.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(detected.mem()).isPositive();
    assertThat(detected.ports()).isEqualTo(RangeSet.parse("[31000-32000]"));
  }
}
