package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Store;
import dev.assay.engine.EngineListener;
import dev.assay.engine.ErrorSummary;
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
import dev.assay.store.SqliteTokenStore;
import dev.assay.store.StoreLocation;
import dev.assay.store.Stores;
import java.nio.file.Path;

/**
 * The store and response cache a command works on, located by {@link Stores}: {@code --store}
 * (or {@code assay serve --db}), else {@code ASSAY_STORE}, else {@code .assay/assay.db} under the
 * working directory; an SQLite file or a {@code jdbc:postgresql:} database (user and password in
 * the URL, or in {@code PGUSER} and {@code PGPASSWORD}). The cache is {@code cache.db} beside the
 * store file (for PostgreSQL, in {@code .assay/} of the working directory), opened only when a
 * command asks for it. Also hands out the services bound to them, so commands only parse options,
 * call services and print.
 *
 * <p>An SQLite store is audited: every change a command makes through it is appended to the
 * store's audit log in the name of the local user (docs/audit.md). The model registry and the audit
 * log are kept in SQLite stores only; on a PostgreSQL store the commands that need them say so.
 */
final class StoreSession implements AutoCloseable {
  private final CliContext ctx;
  private final Stores.Location location;
  private Store store;
  private SqliteStore sqlite;
  private AuditedStore audited;
  private ResponseCache cache;

  StoreSession(CliContext ctx, String storeOption) {
    this.ctx = ctx;
    this.location = Stores.locate(storeOption, ctx.env(), ctx.cwd());
  }

  /**
   * A session on the store {@code dbOption} names ({@code assay serve --db}), else on {@code
   * storeOption}'s; naming a store both ways is refused, since one of them would be ignored.
   */
  StoreSession(CliContext ctx, String storeOption, String dbOption) {
    this(ctx, pick(storeOption, dbOption));
  }

  private static String pick(String storeOption, String dbOption) {
    boolean store = storeOption != null && !storeOption.isBlank();
    boolean db = dbOption != null && !dbOption.isBlank();
    if (store && db) {
      throw InputException.of("--store and --db both name a store", "one of them (they take the same locations)");
    }
    return db ? dbOption : storeOption;
  }

  /** The store: audited when it keeps an audit log. */
  Store store() {
    if (store == null) {
      Store opened = Stores.open(location, ctx.env());
      if (opened instanceof SqliteStore s) {
        sqlite = s;
        audited = AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), actor().name(), ctx.clock());
        store = audited;
      } else {
        store = opened;
      }
    }
    return store;
  }

  /**
   * The store with its model registry and audit log.
   *
   * @throws InputException when the store keeps neither (a PostgreSQL store)
   */
  AuditedStore audited() {
    store();
    if (audited == null) {
      throw InputException.of("the store " + dev.assay.core.text.TerminalText.escape(location.display())
          + " keeps no model registry or audit log (a PostgreSQL store does not yet)",
          "an SQLite store (--store PATH) for models, audit, rerun, coverage and scorecard");
    }
    return audited;
  }

  /** Who the changes are recorded for: the local user. */
  Actor actor() {
    return Actor.local(ctx.env());
  }

  /** Where the store is. */
  Stores.Location where() {
    return location;
  }

  /** Records {@code event} in the audit log when the store keeps one (an SQLite store). */
  void audit(dev.assay.core.audit.AuditEvent event) {
    store();
    if (audited != null) {
      audited.record(event);
    }
  }

  /** The server's token file: beside the store file (for PostgreSQL, in .assay/ of the working directory). */
  Path tokensFile() {
    return SqliteTokenStore.beside(location.file());
  }

  ResponseCache cache() {
    if (cache == null) {
      cache = SqliteResponseCache.open(StoreLocation.cacheFor(location.file()));
    }
    return cache;
  }

  /** The store file, or for a PostgreSQL store the place its cache and reports go beside. */
  Path file() {
    return location.file();
  }

  /** Where the store is, for messages: the file, or the URL without its password. */
  String location() {
    return location.display();
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
  SuiteExecution execution(EngineListener extra) {
    EngineListener progress = new ProgressListener(ctx);
    EngineListener listener = extra == null ? progress : new EngineListener() {
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
      public void finished(dev.assay.core.RunRecord run, ErrorSummary errors) {
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
