package io.drover.launcher;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A ZooKeeper server inside the Drover process: standalone for one-machine use, or one member of an
 * ensemble ({@code --ensemble}, {@code --server-id}) for a highly available cluster. Nothing to
 * install. Its data lives under the work directory, so it survives a restart.
 */
final class EmbeddedZooKeeper implements AutoCloseable {

  public static final int DEFAULT_PORT = 2181;
  /** Short ticks allow the short session timeouts fast failover needs (min session = 2 ticks). */
  static final int TICK_MS = 500;

  private final ZooKeeperServerEmbedded server;
  private final String host;
  private final int port;

  private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * One member of an ensemble: {@code host:clientPort:peerPort:electionPort} per member, in order;
   * this one is number {@code serverId} (from 1).
   */
  record Ensemble(List<String> members, int serverId) {

    static Ensemble parse(String text, int serverId) {
      List<String> members = List.of(text.split(","));
      for (String member : members) {
        String[] parts = member.trim().split(":");
        if (parts.length != 4) {
          throw new UsageException("--ensemble: '" + member + "' is not host:clientPort:peerPort:electionPort");
        }
        for (int i = 1; i < 4; i++) {
          try {
            Integer.parseInt(parts[i]);
          } catch (NumberFormatException e) {
            throw new UsageException("--ensemble: '" + parts[i] + "' in '" + member + "' is not a port");
          }
        }
      }
      if (serverId < 1 || serverId > members.size()) {
        throw new UsageException("--server-id: must be between 1 and " + members.size() + " (the ensemble's size)");
      }
      return new Ensemble(members.stream().map(String::trim).toList(), serverId);
    }

    String[] self() {
      return members.get(serverId - 1).split(":");
    }

    /** What clients connect to: every member's client address. */
    String connectString() {
      return String.join(",", members.stream().map(m -> {
        String[] parts = m.split(":");
        return parts[0] + ":" + parts[1];
      }).toList());
    }
  }

  static EmbeddedZooKeeper start(String host, int port, Path dataDir) throws Exception {
    return start(host, port, dataDir, null);
  }

  static EmbeddedZooKeeper start(String host, int port, Path dataDir, Ensemble ensemble) throws Exception {
    if (ensemble != null) {
      host = ensemble.self()[0];
      port = Integer.parseInt(ensemble.self()[1]);
    }
    int chosen = port == 0 ? freePort(host) : port;
    Files.createDirectories(dataDir);
    Properties config = new Properties();
    if (ensemble != null) {
      for (int i = 0; i < ensemble.members().size(); i++) {
        String[] parts = ensemble.members().get(i).split(":");
        config.put("server." + (i + 1), parts[0] + ":" + parts[2] + ":" + parts[3]);
      }
      config.put("initLimit", "10");
      config.put("syncLimit", "5");
      // a member that lost its peers should give up quickly, like the sessions it serves
      config.put("cnxTimeout", "2000");
      Files.writeString(dataDir.resolve("myid"), Integer.toString(ensemble.serverId()));
    }
    config.put("clientPort", Integer.toString(chosen));
    config.put("clientPortAddress", host);
    config.put("dataDir", dataDir.toAbsolutePath().toString());
    config.put("tickTime", Integer.toString(TICK_MS));
    config.put("maxSessionTimeout", "60000");
    config.put("admin.enableServer", "false");
    config.put("maxClientCnxns", "0");
    // read from a system property only; unset, the server warns at every start
    System.setProperty("zookeeper.maxCnxns", "0");
    ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder().baseDir(dataDir.toAbsolutePath())
      .configuration(config).exitHandler(ExitHandler.LOG_ONLY).build();
    server.start();
    return new EmbeddedZooKeeper(server, host, chosen);
  }



  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String connectString() {
    return host + ":" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
