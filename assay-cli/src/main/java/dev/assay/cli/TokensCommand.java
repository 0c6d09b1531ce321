package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.TerminalText;
import dev.assay.server.Role;
import dev.assay.server.TokenService;
import dev.assay.server.Views;
import dev.assay.store.SqliteTokenStore;
import dev.assay.store.StoredToken;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay tokens create|list|revoke}: the server's API tokens, kept beside the store. */
@Command(name = "tokens", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Create, list and revoke the API tokens of 'assay serve --auth tokens' (kept in tokens.db beside "
        + "the store).",
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Callable<Integer> {
  TokensCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay tokens create --name NAME --role ROLE | list | revoke ID");
  }

  static SqliteTokenStore open(AssayCommand root) {
    try (StoreSession s = root.openStore()) {
      return SqliteTokenStore.open(s.tokensFile());
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Create a token and print it, this once; only a slow salted hash of it is kept.")
  static final class Create implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the token is for, e.g. ci.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "viewer (reads), editor (also pushes runs and verdicts) or admin (also manages tokens).")
    String role;

    @Mixin FormatOption format = new FormatOption();

    Create(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      Role r;
      try {
        r = Role.ofToken(role.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InputException.of("--role " + TerminalText.escape(role) + " is not a role", "viewer, editor or admin");
      }
      CliContext ctx = root.ctx();
      try (StoreSession session = root.openStore();
          SqliteTokenStore store = SqliteTokenStore.open(session.tokensFile())) {
        TokenService.Created made;
        try {
          made = new TokenService(store, ctx.clock(), session::audit).create(name, r);
        } catch (IllegalArgumentException e) {
          throw InputException.of("--name: " + e.getMessage(), "e.g. --name ci");
        }
        if (format.json()) {
          ObjectNode o = Views.token(made.stored());
          o.put("token", made.token());
          RunViews.printJson(ctx.out(), o);
        } else {
          ctx.out().println(made.token());
          ctx.err().println("token " + made.stored().id() + " (" + TerminalText.escape(name) + ", " + r.wire()
              + ") created; it is shown only this once. Use it as: export ASSAY_TOKEN=...");
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List tokens (ids, names, roles; never the tokens themselves).")
  static final class ListTokens implements Callable<Integer> {
    private final AssayCommand root;

    @Mixin FormatOption format = new FormatOption();

    ListTokens(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (SqliteTokenStore store = open(root)) {
        if (format.json()) {
          ArrayNode a = Json.MAPPER.createArrayNode();
          store.list().forEach(t -> a.add(Views.token(t)));
          ObjectNode o = Json.object();
          o.set("tokens", a);
          RunViews.printJson(ctx.out(), o);
        } else if (store.list().isEmpty()) {
          ctx.err().println("no tokens");
        } else {
          ctx.out().printf(Locale.ROOT, "%-12s  %-20s  %-6s  %-24s  %s%n", "ID", "NAME", "ROLE", "CREATED", "STATE");
          for (StoredToken t : store.list()) {
            ctx.out().printf(Locale.ROOT, "%-12s  %-20s  %-6s  %-24s  %s%n", t.id(), TerminalText.escape(t.name()),
                t.role(), HumanTime.of(t.createdAt()), t.revoked() ? "revoked " + HumanTime.of(t.revokedAt()) : "valid");
          }
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Revoke a token by its id (a running server stops accepting it within a minute).")
  static final class Revoke implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (assay tokens list).")
    String id;

    Revoke(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession session = root.openStore();
          SqliteTokenStore store = SqliteTokenStore.open(session.tokensFile())) {
        if (!store.revoke(id, ctx.clock().instant())) {
          throw InputException.of("no valid token with id '" + TerminalText.escape(id) + "'", "an id from assay tokens list");
        }
        session.audit(TokenService.revoked(id));
      }
      ctx.err().println("token " + TerminalText.escape(id) + " revoked");
      return ExitCode.OK;
    }
  }
}
