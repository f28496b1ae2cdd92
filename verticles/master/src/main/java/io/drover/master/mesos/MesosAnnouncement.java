package io.drover.master.mesos;

import io.drover.mesos.MesosJson;
import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Announces the leading master as Mesos does, so that Mesos leader detectors (mesos-dns, pymesos,
 * mesos-go, Traefik's Mesos provider) find it: an ephemeral sequential znode {@code json.info_<n>}
 * under {@code path} holding the leader's {@code MasterInfo} as JSON. Detectors take the lowest
 * sequence for the leader, so only the leader announces, and it withdraws when its term ends.
 * Blocking: call it off the event loop.
 */
public final class MesosAnnouncement {

  /** The Mesos API level Drover's master speaks, which detectors and tools check. */
  public static final String MESOS_VERSION = "1.11.0";

  private final CuratorFramework zk;
  private final String path;
  private String announced;

  public MesosAnnouncement(CuratorFramework zk, String path) {
    this.zk = zk;
    this.path = path;
  }

  public synchronized void announce(LeaderInfo leader) throws Exception {
    withdraw();
    announced = zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
      .forPath(path + "/json.info_", MesosJson.print(masterInfo(leader)).getBytes(StandardCharsets.UTF_8));
  }

  public synchronized void withdraw() throws Exception {
    if (announced != null) {
      try {
        zk.delete().forPath(announced);
      } catch (KeeperException.NoNodeException goneWithTheSession) {
        // nothing to take back
      }
      announced = null;
    }
  }

  /** Mesos's {@code MasterInfo} of a leader: its id, address, {@code pid} and the Mesos version. */
  static MasterInfo masterInfo(LeaderInfo leader) {
    String ip = ipv4(leader.getHostname()).orElse("0.0.0.0");
    return MasterInfo.newBuilder()
      .setId(leader.getMasterId())
      .setIp(mesosIp(ip))
      .setPort(leader.getPort())
      .setPid("master@" + ip + ":" + leader.getPort())
      .setHostname(leader.getHostname())
      .setVersion(MESOS_VERSION)
      .setAddress(Address.newBuilder().setHostname(leader.getHostname()).setIp(ip).setPort(leader.getPort()))
      .build();
  }

  /** The first IPv4 address of {@code host}; blocking. Without one, a detector can still use the hostname. */
  static Optional<String> ipv4(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (address instanceof Inet4Address) {
          return Optional.of(address.getHostAddress());
        }
      }
    } catch (UnknownHostException unresolved) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Mesos writes {@code ip} as the raw {@code in_addr} (network byte order) read as a
   * little-endian integer: 127.0.0.1 is 16777343. Detectors undo exactly that.
   */
  static int mesosIp(String dotted) {
    String[] octets = dotted.split("\\.");
    int ip = 0;
    for (int i = 3; i >= 0; i--) {
      ip = (ip << 8) | Integer.parseInt(octets[i]);
    }
    return ip;
  }
}
