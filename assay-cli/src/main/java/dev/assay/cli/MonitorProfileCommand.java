package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.drift.DriftMonitor;
import dev.assay.monitor.profile.ColumnProfile;
import dev.assay.monitor.profile.ColumnType;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileJson;
import dev.assay.monitor.profile.ProfileOptions;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay monitor profile DATA --output profile.json}: a reference profile. */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Take a reference profile (bounded size, whatever the data size) of a data file or a stored run.")
final class MonitorProfileCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "DATA", description = MonitorData.DATA_HELP)
  String data;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the profile (JSON).")
  String output;

  @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns to profile (default: all).")
  List<String> columns;

  @Option(names = "--type", paramLabel = "COL=TYPE",
      description = "Force a column's type: numeric, categorical or text (repeatable).")
  Map<String, String> types = new LinkedHashMap<>();

  @Option(names = "--sample", defaultValue = "2000", paramLabel = "N",
      description = "Sample values kept per numeric column, 100-100000 (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--text-sample", defaultValue = "200", paramLabel = "N",
      description = "Texts embedded per text column, 10-2000 (default: ${DEFAULT-VALUE}).")
  int textSample;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the samples.")
  long seed;

  @Mixin
  FormatOption format;

  MonitorProfileCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    if (sample < 100 || sample > 100_000) {
      throw InputException.of("--sample " + sample + " is out of range", "100 to 100000");
    }
    if (textSample < 10 || textSample > 2000) {
      throw InputException.of("--text-sample " + textSample + " is out of range", "10 to 2000");
    }
    Map<String, ColumnType> forced = new LinkedHashMap<>();
    types.forEach((c, t) -> {
      ColumnType type = ColumnType.of(t);
      if (type == null) {
        throw InputException.of("--type " + c + "=" + t + ": unknown type", "numeric, categorical or text");
      }
      forced.put(c, type);
    });
    StoreSession[] session = {null};
    try {
      Table table = MonitorData.open(root, session, data, columns);
      ProfileOptions options = new ProfileOptions(columns, forced, sample, ProfileOptions.DEFAULT_BINS,
          ProfileOptions.DEFAULT_TOP, textSample, seed);
      Profile profile = new DriftMonitor(MiniLmEmbedder::shared).profile(table, options);
      Path out = ctx.resolve(output);
      String json = ProfileJson.write(profile);
      AtomicFiles.write(out, json);
      if (format.json()) {
        var o = Json.object();
        o.put("profile", out.toString());
        o.put("rows", profile.rows());
        o.put("bytes", json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        var cols = o.putArray("columns");
        for (ColumnProfile c : profile.columns()) {
          cols.addObject().put("name", c.name()).put("type", c.type().word()).put("count", c.count())
              .put("missing", c.missing());
        }
        ctx.out().println(o.toPrettyString());
      } else {
        List<String> kinds = new ArrayList<>();
        for (ColumnProfile c : profile.columns()) {
          kinds.add(TerminalText.escape(c.name()) + " (" + c.type().word() + ")");
        }
        ctx.out().println("profiled " + Plural.of(profile.rows(), "row") + " of " + TerminalText.escape(table.name()) + ": "
            + String.join(", ", kinds));
        ctx.out().println("wrote " + TerminalText.escape(out.toString()) + " ("
            + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes)");
      }
      return ExitCode.OK;
    } finally {
      if (session[0] != null) {
        session[0].close();
      }
    }
  }
}
