package dev.assay.cli;

import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Store;
import dev.assay.engine.SuiteExecution;
import dev.assay.gate.ComparisonService;
import dev.assay.registry.Actor;
import dev.assay.registry.CurrentSuite;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.audit.AuditVerifier;
import dev.assay.registry.audit.AuditedStore;
import dev.assay.registry.rerun.RerunVerifier;
import dev.assay.registry.scorecard.ScorecardService;
import dev.assay.store.SqliteResponseCache;
import dev.assay.store.SqliteStore;
import dev.assay.store.StoreLocation;
import java.nio.file.Path;

/**
 * The store and response cache a command works on: {@code --store}, else {@code ASSAY_STORE},
 * else {@code .assay/assay.db} under the working directory; the cache is {@code cache.db} beside
 * the store file, opened only when a command asks for it. Also hands out the services bound to
 * them, so commands only parse options, call services and print.
 *
 * <p>The store is audited: every change a command makes through it is appended to the store's
 * audit log in the name of the local user (docs/audit.md).
 */
final class StoreSession implements AutoCloseable {
  private final CliContext ctx;
  private final Path file;
  private final String dbUrl;
  private SqliteStore sqlite;
  private AuditedStore store;
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

  /** The store, audited. */
  Store store() {
    return audited();
  }

  /** The store and its registry, audited. */
  AuditedStore audited() {
    if (store == null) {
      Store opened = dev.assay.store.Stores.open(dbUrl, file);
      if (!(opened instanceof SqliteStore s)) {
        opened.close();
        throw new IllegalStateException(opened.getClass().getSimpleName() + " keeps no registry or audit log");
      }
      sqlite = s;
      store = AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), actor().name(), ctx.clock());
    }
    return store;
  }

  /** Who the changes are recorded for: the local user. */
  Actor actor() {
    return Actor.local(ctx.env());
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

  /** The model registry service, reading suites from files. */
  ModelRegistry models() {
    return new ModelRegistry(audited(), audited(), CurrentSuite.files(Plugins.installed()), ctx.clock(), actor());
  }

  /** Re-executes runs and records what they showed. */
  RerunVerifier reruns() {
    return new RerunVerifier(audited(), audited(), execution(), Plugins.installed(), ctx.clock(), actor().name());
  }

  /** Compares the audit log with what the store holds (reading it as it is, not through the log). */
  AuditVerifier auditVerifier() {
    audited();
    return new AuditVerifier(sqlite, sqlite.registry(), sqlite.auditLog());
  }

  ScorecardService scorecard() {
    return new ScorecardService(audited(), audited(), Plugins.installed(), ctx.clock());
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
