package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Store;
import dev.assay.engine.SuiteExecution;
import dev.assay.gate.ComparisonService;
import dev.assay.store.PostgresDatabase;
import dev.assay.store.PostgresStore;
import dev.assay.store.SqliteResponseCache;
import dev.assay.store.SqliteStore;
import dev.assay.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store and response cache a command works on: {@code --store}, else {@code ASSAY_STORE},
 * else {@code .assay/assay.db} under the working directory. A location starting {@code
 * jdbc:postgresql:} is a PostgreSQL database (user and password in the URL, or in {@code PGUSER} and
 * {@code PGPASSWORD}); anything else is an SQLite file. The cache is {@code cache.db} beside the
 * store file (for PostgreSQL, in {@code .assay/} of the working directory), opened only when a
 * command asks for it. Also hands out the services bound to them, so commands only parse options,
 * call services and print.
 */
final class StoreSession implements AutoCloseable {
  private final CliContext ctx;
  /** The PostgreSQL URL, or null for a file store. */
  private final String url;
  private final Path file;
  private Store store;
  private ResponseCache cache;

  StoreSession(CliContext ctx, String storeOption) {
    this.ctx = ctx;
    String chosen = storeOption != null && !storeOption.isBlank() ? storeOption : ctx.env().get(StoreLocation.ENV);
    if (PostgresDatabase.isUrl(chosen)) {
      this.url = chosen;
      this.file = ctx.cwd().resolve(StoreLocation.DEFAULT_DIR).resolve(StoreLocation.STORE_FILE).normalize();
    } else {
      this.url = null;
      this.file = StoreLocation.resolve(storeOption, ctx.env(), ctx.cwd());
    }
  }

  Store store() {
    if (store == null) {
      store = url != null ? openPostgres(ctx, url) : SqliteStore.open(file);
    }
    return store;
  }

  /**
   * Opens the store at {@code location} (a file path or a PostgreSQL URL). With {@code mustExist}, a
   * file that is not there is refused rather than created.
   */
  static Store open(CliContext ctx, String location, boolean mustExist) {
    if (PostgresDatabase.isUrl(location)) {
      return openPostgres(ctx, location);
    }
    Path path = StoreLocation.resolve(location, java.util.Map.of(), ctx.cwd());
    if (mustExist && !Files.isRegularFile(path)) {
      throw InputException.of("no store at " + path, "an assay store file (e.g. .assay/assay.db) or a"
          + " jdbc:postgresql:// URL");
    }
    return SqliteStore.open(path);
  }

  private static Store openPostgres(CliContext ctx, String url) {
    try {
      return PostgresStore.open(url, ctx.env().get("PGUSER"), ctx.env().get("PGPASSWORD"));
    } catch (IllegalStateException e) {
      // A wrong URL, an unreachable server or bad credentials: the user's input, not assay's fault.
      throw InputException.of(e.getMessage(), "a reachable PostgreSQL database,"
          + " jdbc:postgresql://HOST[:PORT]/DB?user=USER (password in PGPASSWORD)");
    }
  }

  ResponseCache cache() {
    if (cache == null) {
      cache = SqliteResponseCache.open(StoreLocation.cacheFor(file));
    }
    return cache;
  }

  /** The store file, or for a PostgreSQL store the place its cache and reports go beside. */
  Path file() {
    return file;
  }

  /** Where the store is, for messages: the file, or the URL without its password. */
  String location() {
    return url != null ? PostgresDatabase.redact(url) : file.toString();
  }

  /** The comparison service over this store. */
  ComparisonService comparisons() {
    return new ComparisonService(store(), Plugins.installed(), ctx.clock());
  }

  /** The engine's suite runner over this store and cache, reporting progress on stderr. */
  SuiteExecution execution() {
    return new SuiteExecution(store(), cache(), Plugins.installed(), new ProgressListener(ctx), ctx.clock(), ctx.cwd(),
        ctx.env());
  }

  @Override
  public void close() {
    if (cache instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not close the response cache: " + e.getMessage(), e);
      }
    }
    if (store != null) {
      store.close();
    }
  }
}
