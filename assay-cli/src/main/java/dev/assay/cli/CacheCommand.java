package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.store.SqliteResponseCache;
import dev.assay.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay cache stats|clear|prune}: housekeeping of the response cache ({@code cache.db}
 * beside the store). Runs are never touched: the cache only saves calls to systems.
 */
@Command(name = "cache", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show, clear or prune the response cache (cache.db beside the store); runs are not touched.",
    subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class, CacheCommand.Prune.class})
final class CacheCommand implements Callable<Integer> {
  CacheCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay cache stats | clear | prune --older-than 30d");
  }

  /** The cache file of the store this invocation names. */
  static Path file(AssayCommand root) {
    CliContext ctx = root.ctx();
    return StoreLocation.cacheFor(StoreLocation.resolve(root.store, ctx.env(), ctx.cwd()));
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "How many responses the cache holds, their size, and when the oldest and newest were stored.")
  static final class Stats implements Callable<Integer> {
    private final AssayCommand root;

    @Mixin FormatOption format = new FormatOption();

    Stats(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      CliContext ctx = root.ctx();
      Path file = file(root);
      SqliteResponseCache.Stats s = new SqliteResponseCache.Stats(0, 0, null, null);
      long onDisk = 0;
      if (Files.exists(file)) {
        try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
          s = cache.stats();
        }
        onDisk = diskSize(file);
      }
      if (format.json()) {
        ObjectNode o = Json.object();
        o.put("file", file.toString());
        o.put("exists", Files.exists(file));
        o.put("entries", s.entries());
        o.put("bytes", s.bytes());
        o.put("bytes_on_disk", onDisk);
        o.put("oldest", s.oldest() == null ? null : s.oldest().toString());
        o.put("newest", s.newest() == null ? null : s.newest().toString());
        RunViews.printJson(ctx.out(), o);
        return ExitCode.OK;
      }
      ctx.out().printf(Locale.ROOT, "cache     %s%s%n", TerminalText.escape(file.toString()),
          Files.exists(file) ? "" : " (not created yet)");
      ctx.out().printf(Locale.ROOT, "entries   %d%n", s.entries());
      ctx.out().printf(Locale.ROOT, "size      %s of responses, %s on disk%n", bytes(s.bytes()), bytes(onDisk));
      if (s.oldest() != null) {
        ctx.out().printf(Locale.ROOT, "oldest    %s%nnewest    %s%n", s.oldest(), s.newest());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Remove every cached response (the next run calls its systems again).")
  static final class Clear implements Callable<Integer> {
    private final AssayCommand root;

    @Mixin FormatOption format = new FormatOption();

    Clear(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      return remove(root, format, SqliteResponseCache::clear);
    }
  }

  @Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Remove the responses stored longer ago than --older-than (serving one from the cache does not "
          + "make it younger).")
  static final class Prune implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--older-than", required = true, paramLabel = "AGE",
        description = "A number and a unit: s, m, h, d (days) or w (weeks), e.g. 30d, 12h.")
    String olderThan;

    @Mixin FormatOption format = new FormatOption();

    Prune(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      Instant cutoff = root.ctx().clock().instant().minus(age(olderThan));
      return remove(root, format, cache -> cache.prune(cutoff));
    }
  }

  private static int remove(AssayCommand root, FormatOption format, ToLongFunction<SqliteResponseCache> how)
      throws IOException {
    CliContext ctx = root.ctx();
    Path file = file(root);
    long removed = 0;
    long before = 0;
    long after = 0;
    if (Files.exists(file)) {
      before = diskSize(file);
      try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
        removed = how.applyAsLong(cache);
      }
      after = diskSize(file);
    }
    if (format.json()) {
      ObjectNode o = Json.object();
      o.put("file", file.toString());
      o.put("removed", removed);
      o.put("bytes_freed", Math.max(0, before - after));
      RunViews.printJson(ctx.out(), o);
    } else {
      ctx.out().printf(Locale.ROOT, "removed %s from %s (%s freed)%n",
          Plural.of(removed, "cached response"), TerminalText.escape(file.toString()), bytes(Math.max(0, before - after)));
    }
    return ExitCode.OK;
  }

  private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

  /** {@code 30d} as a duration; anything else is an input error. */
  static Duration age(String text) {
    Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw InputException.of("--older-than '" + text + "' is not an age",
          "a number and a unit s, m, h, d or w, e.g. 30d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** The cache file with its write-ahead log, as the disk holds them. */
  private static long diskSize(Path file) throws IOException {
    long total = 0;
    for (String suffix : new String[] {"", "-wal"}) {
      Path p = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(p)) {
        total += Files.size(p);
      }
    }
    return total;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
