package io.drover.it;

import io.drover.common.ClusterNode;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.MasterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's secured multi-machine cluster, on one machine: mutual TLS on the event bus with one
 * PKCS12 key store and ZooKeeper digest ACLs on Drover's trees. An app runs; a ZooKeeper client
 * without the identity can neither read nor write those trees; a process with the token and the
 * ZooKeeper identity but not the key store is not heard on the event bus.
 */
class SecuredClusterIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;
  static Path zkAuth;
  static String[] secured;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ClusterFixture("secured");
    Path dir = Files.createDirectories(cluster.root().resolve("secrets"));
    Path keystore = dir.resolve("bus.p12");
    Path password = Files.writeString(dir.resolve("bus.password"), UUID.randomUUID().toString());
    Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "drover-bus", "-keyalg", "RSA",
      "-keysize", "2048", "-validity", "30", "-dname", "CN=drover-bus", "-storetype", "PKCS12",
      "-keystore", keystore.toString(), "-storepass", Files.readString(password)).redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0)
      .as(new String(keytool.getInputStream().readAllBytes())).isTrue();
    zkAuth = Files.writeString(dir.resolve("zk-auth"), "drover:" + UUID.randomUUID());
    secured = new String[] {"--zk-auth-file", zkAuth.toString(), "--bus-keystore", keystore.toString(),
      "--bus-keystore-password-file", password.toString()};
    cluster.master("master", secured);
    cluster.agent("agent", "cpus:2;mem:512;disk:100;ports:[31700-31709]", secured);
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon", secured);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anAppRunsOverTheSecuredBus() {
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/secured\",\"cmd\":\"sleep 7601\",\"cpus\":0.1,\"mem\":16,"
      + "\"instances\":2}");
    marathon.awaitRunning("secured", 2);
    marathon.expect(200, "DELETE", "/v2/apps/secured", null);
  }

  @Test
  void zooKeeperClientsWithoutTheIdentityCanNeitherReadNorWriteDroversTrees() throws Exception {
    try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(cluster.zk(), new RetryOneTime(100))) {
      stranger.start();
      assertThat(stranger.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
      for (String root : List.of("/drover", "/drover-cluster")) {
        assertThatThrownBy(() -> stranger.getChildren().forPath(root)).as(root)
          .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> stranger.create().forPath(root + "/planted")).as(root)
          .isInstanceOf(KeeperException.NoAuthException.class);
      }
      assertThatThrownBy(() -> stranger.getData().forPath("/drover/leader"))
        .isInstanceOf(KeeperException.NoAuthException.class);
    }
  }

  @Test
  void aProcessWithoutTheKeyStoreIsNotHeardOnTheEventBus() throws Exception {
    ZooKeeperSettings zk = new ZooKeeperSettings(cluster.zk(), 2_000, 10_000, Files.readString(zkAuth).strip());
    try (ClusterNode plain = ClusterNode.join(zk, "127.0.0.1", ClusterSecurity.of(Credentials.of(DroverProcess.TOKEN,
      null)))) {
      Throwable failed = MasterService.createProxy(plain.vertx()).subscribe(FrameworkInfo.named("without-tls"))
        .toCompletionStage().toCompletableFuture().handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS);
      assertThat(failed).as("a subscription over plain TCP").isNotNull();
    }
    String frameworks = cluster.leaderState().getJsonArray("frameworks").encode();
    assertThat(frameworks).doesNotContain("without-tls");
  }
}
