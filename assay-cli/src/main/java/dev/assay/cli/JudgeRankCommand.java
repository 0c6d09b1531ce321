package dev.assay.cli;

import dev.assay.core.Limits;
import dev.assay.core.text.TerminalText;
import dev.assay.judge.PairwiseComparisons;
import dev.assay.judge.SystemRanking;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay judge rank COMPARISONS.jsonl}: several systems ranked by the Bradley-Terry model
 * fitted to their pairwise comparisons, with seeded bootstrap intervals and the win-rate matrix.
 */
@Command(name = "rank", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Rank several systems from pairwise comparisons (a judge's or humans'): Bradley-Terry strengths "
        + "with bootstrap intervals of strengths and ranks, and the observed win-rate matrix.")
final class JudgeRankCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "COMPARISONS",
      description = "JSON Lines: {\"a\": system, \"b\": system, \"winner\": \"a\" | \"b\" | \"tie\"} per line "
          + "(e.g. written by 'assay judge pairwise --comparisons FILE').")
  String file;

  @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
      description = "Level of the intervals (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--replicates", paramLabel = "B", defaultValue = "1000",
      description = "Bootstrap resamples of the comparisons (default: ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin FormatOption format = new FormatOption();

  JudgeRankCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    OptionRanges.check("--replicates", replicates, Limits.REPLICATES);
    SystemRanking ranking = SystemRanking.of(PairwiseComparisons.read(ctx.resolve(file), file), replicates, seed,
        confidence);
    if (format.json()) {
      RunViews.printJson(ctx.out(), ranking.toJson());
      return ExitCode.OK;
    }
    print(ctx.out(), ranking);
    if (ranking.result().failed() > 0) {
      ctx.err().println(String.format(Locale.ROOT, "warning: %d of %d resamples left a system unbeaten (no finite "
          + "fit) and were left out; the intervals are too narrow at the extremes: compare more pairs",
          ranking.result().failed(), ranking.result().resamples()));
    }
    return ExitCode.OK;
  }

  private static void print(PrintWriter out, SystemRanking r) {
    List<SystemRanking.Entry> entries = r.entries();
    int width = Math.max(6, entries.stream().mapToInt(e -> TerminalText.escape(e.system()).length()).max().orElse(6));
    out.println(String.format(Locale.ROOT, "Bradley-Terry ranking of %d systems from %d comparisons in %s; %s%% "
        + "bootstrap intervals (%d resamples, seed %d)", entries.size(), r.comparisons().comparisons().size(),
        TerminalText.escape(r.comparisons().source()), percent(r.confidence()), r.result().resamples(),
        r.result().seed()));
    out.println(String.format(Locale.ROOT, "%4s  %-" + width + "s  %9s  %-21s  %-6s  %5s  %6s  %5s", "rank", "system",
        "strength", "interval", "ranks", "wins", "losses", "ties"));
    for (SystemRanking.Entry e : entries) {
      String ci = e.interval() == null ? "-" : String.format(Locale.ROOT, "[%+.3f, %+.3f]", e.interval().lower(),
          e.interval().upper());
      String ranks = e.rankLower() == e.rankUpper() ? Integer.toString(e.rankLower()) : e.rankLower() + "-"
          + e.rankUpper();
      out.println(String.format(Locale.ROOT, "%4d  %-" + width + "s  %+9.3f  %-21s  %-6s  %5d  %6d  %5d", e.rank(),
          TerminalText.escape(e.system()), e.strength(), ci, ranks, e.wins(), e.losses(), e.ties()));
    }
    out.println("strength: log-odds scale, summing to 0; P(i beats j) = 1 / (1 + exp(strength_j - strength_i))");
    out.println();
    out.println("win rate of the row against the column (ties count half; comparisons in parentheses)");
    List<String> names = r.comparisons().systems();
    double[][] rates = r.winRates();
    int[][] n = r.counts();
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ""));
    for (SystemRanking.Entry col : entries) {
      head.append("  ").append(String.format(Locale.ROOT, "%-14s", cut(TerminalText.escape(col.system()), 14)));
    }
    out.println(head.toString().stripTrailing());
    for (SystemRanking.Entry row : entries) {
      int i = names.indexOf(row.system());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s",
          TerminalText.escape(row.system())));
      for (SystemRanking.Entry col : entries) {
        int j = names.indexOf(col.system());
        String cell = i == j ? "-" : n[i][j] == 0 ? "(0)" : String.format(Locale.ROOT, "%.3f (%d)", rates[i][j],
            n[i][j]);
        line.append("  ").append(String.format(Locale.ROOT, "%-14s", cell));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String percent(double confidence) {
    String p = String.format(Locale.ROOT, "%.2f", 100 * confidence);
    return p.replaceAll("\\.?0+$", "");
  }
}
