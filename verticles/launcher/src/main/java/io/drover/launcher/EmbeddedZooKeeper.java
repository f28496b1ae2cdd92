package io.drover.launcher;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A standalone ZooKeeper server inside the Drover process, for one-machine use: nothing to
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

  static EmbeddedZooKeeper start(String host, int port, Path dataDir) throws Exception {
    int chosen = port == 0 ? freePort(host) : port;
    Files.createDirectories(dataDir);
    Properties config = new Properties();
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
