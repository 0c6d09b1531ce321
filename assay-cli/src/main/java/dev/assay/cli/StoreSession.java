package dev.assay.cli;

import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Store;
import dev.assay.engine.SuiteExecution;
import dev.assay.gate.ComparisonService;
import dev.assay.store.SqliteResponseCache;
import dev.assay.store.StoreLocation;
import java.nio.file.Path;

/**
 * The store and response cache a command works on: {@code --store}, else {@code ASSAY_STORE},
 * else {@code .assay/assay.db} under the working directory; the cache is {@code cache.db} beside
 * the store file, opened only when a command asks for it. Also hands out the services bound to
 * them, so commands only parse options, call services and print.
 */
final class StoreSession implements AutoCloseable {
  private final CliContext ctx;
  private final Path file;
  private final String dbUrl;
  private Store store;
  private ResponseCache cache;

  StoreSession(CliContext ctx, String storeOption) {
    this(ctx, storeOption, null);
  }

  /** A session on the store {@code dbUrl} names (a JDBC URL), or on the SQLite file when it is null. */
  StoreSession(CliContext ctx, String storeOption, String dbUrl) {
    this.ctx = ctx;
    this.file = StoreLocation.resolve(storeOption, ctx.env(), ctx.cwd());
    this.dbUrl = dbUrl;
  }

  Store store() {
    if (store == null) {
      store = dev.assay.store.Stores.open(dbUrl, file);
    }
    return store;
  }

  /** The server's token file: beside the store file. */
  Path tokensFile() {
    return dev.assay.store.SqliteTokenStore.beside(file);
  }

  ResponseCache cache() {
    if (cache == null) {
      cache = SqliteResponseCache.open(StoreLocation.cacheFor(file));
    }
    return cache;
  }

  Path file() {
    return file;
  }

  /** The comparison service over this store. */
  ComparisonService comparisons() {
    return new ComparisonService(store(), Plugins.installed(), ctx.clock());
  }

  /** The engine's suite runner over this store and cache, reporting progress on stderr. */
  SuiteExecution execution() {
    return execution(null);
  }

  /** The suite runner, also telling {@code extra} (e.g. a live push) about progress when it is not null. */
  SuiteExecution execution(dev.assay.engine.EngineListener extra) {
    dev.assay.engine.EngineListener progress = new ProgressListener(ctx);
    dev.assay.engine.EngineListener listener = extra == null ? progress : new dev.assay.engine.EngineListener() {
      @Override
      public void started(String runId, String systemName, long total, long alreadyDone) {
        progress.started(runId, systemName, total, alreadyDone);
        extra.started(runId, systemName, total, alreadyDone);
      }

      @Override
      public void acknowledged(dev.assay.core.ExampleResult result) {
        progress.acknowledged(result);
        extra.acknowledged(result);
      }

      @Override
      public void finished(dev.assay.core.RunRecord run, dev.assay.engine.ErrorSummary errors) {
        progress.finished(run, errors);
        extra.finished(run, errors);
      }
    };
    return new SuiteExecution(store(), cache(), Plugins.installed(), listener, ctx.clock(), ctx.cwd(), ctx.env());
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
