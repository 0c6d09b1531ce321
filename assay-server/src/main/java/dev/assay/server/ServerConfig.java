package dev.assay.server;

import dev.assay.core.InputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * How the server listens and whom it lets in.
 *
 * @param bind the address to listen on (default 127.0.0.1)
 * @param port the port, 0 for any free one
 * @param auth tokens or none; none only on loopback
 * @param allowedHosts extra host names (as in the Host header, without port) the server answers to,
 *     beyond its bind address and, on loopback, localhost / 127.0.0.1 / [::1]
 * @param maxJsonBytes the largest JSON body of an ordinary request
 * @param maxChunkBytes the largest chunk of pushed results
 * @param maxDatasetBytes the largest pushed dataset
 */
public record ServerConfig(String bind, int port, AuthMode auth, List<String> allowedHosts, long maxJsonBytes,
    long maxChunkBytes, long maxDatasetBytes) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (port < 0 || port > 65535) {
      throw InputException.of("--port " + port + " is not a port", "0 to 65535 (0: any free port)");
    }
  }

  /** Loopback, port 8080, the default limits. */
  public static ServerConfig defaults(AuthMode auth) {
    return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, auth, List.of(), 1L << 20, 32L << 20, 1L << 30);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(bind, p, auth, allowedHosts, maxJsonBytes, maxChunkBytes, maxDatasetBytes);
  }

  public ServerConfig withBind(String address) {
    return new ServerConfig(address, port, auth, allowedHosts, maxJsonBytes, maxChunkBytes, maxDatasetBytes);
  }

  public ServerConfig withAllowedHosts(List<String> hosts) {
    return new ServerConfig(bind, port, auth, hosts, maxJsonBytes, maxChunkBytes, maxDatasetBytes);
  }

  /** Whether the bind address is a loopback address. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw InputException.of("--bind " + dev.assay.core.text.TerminalText.escape(bind) + " is not an address of this"
          + " machine", "an address such as 127.0.0.1 or 0.0.0.0");
    }
  }

  /**
   * Refuses a configuration that would expose the store to the network without authentication.
   *
   * @throws InputException when auth is off and the bind address is not loopback
   */
  public void check() {
    if (auth == AuthMode.NONE && !loopback()) {
      throw InputException.of("refusing to listen on " + dev.assay.core.text.TerminalText.escape(bind)
          + " without authentication: anyone who can reach it could read and change the store",
          "--auth tokens (create a token with 'assay tokens create --name NAME --role admin'), or --bind 127.0.0.1");
    }
  }
}
