package dev.assay.cli;

import dev.assay.server.client.RunPush;
import dev.assay.server.client.ServerClient;
import picocli.CommandLine.Option;

/** {@code --server URL}: where runs and verdicts are pushed; the token comes from {@code ASSAY_TOKEN}. */
final class ServerOption {
  /** The environment variable holding the API token. */
  static final String TOKEN_ENV = "ASSAY_TOKEN";

  @Option(names = "--server", paramLabel = "URL",
      description = "Also push runs (and verdicts) to this assay server, e.g. http://assay.example:8080; "
          + "the token is read from $ASSAY_TOKEN.")
  String server;

  boolean given() {
    return server != null;
  }

  RunPush pusher(CliContext ctx) {
    return new RunPush(new ServerClient(server, ctx.env().get(TOKEN_ENV)));
  }
}
