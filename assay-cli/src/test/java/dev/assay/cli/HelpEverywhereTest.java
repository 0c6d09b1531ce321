package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks the whole command tree, so a command added tomorrow is covered too: every command and
 * sub-command answers {@code --help}, {@code -h}, {@code assay help PATH...} and {@code assay PARENT
 * help NAME} with its usage on stdout, nothing on stderr and exit 0, even though most of them have
 * required parameters that are missing here.
 */
class HelpEverywhereTest {
  @TempDir Path dir;

  @Test
  void everyCommandAnswersHelpInEveryForm() {
    CliHarness cli = new CliHarness(dir);
    List<List<String>> paths = new ArrayList<>(CliHarness.commandTree(dir).keySet());
    // The tree as of this test: a sanity floor, not a census.
    assertThat(paths).hasSizeGreaterThan(20).contains(List.of("runs", "export"), List.of("score", "retrieval"),
        List.of("cache", "prune"), List.of("run"), List.of("compare"));
    for (List<String> path : paths) {
      String usage = "Usage: assay" + (path.isEmpty() ? "" : " " + String.join(" ", path));
      List<String[]> forms = new ArrayList<>();
      forms.add(concat(path, "--help"));
      forms.add(concat(path, "-h"));
      forms.add(concat(List.of("help"), path.toArray(String[]::new)));
      if (!path.isEmpty()) {
        List<String> parent = new ArrayList<>(path.subList(0, path.size() - 1));
        parent.add("help");
        forms.add(concat(parent, path.get(path.size() - 1)));
      }
      for (String[] args : forms) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
        assertThat(r.out()).as(String.join(" ", args)).startsWith(usage + " ");
        assertThat(r.err()).as(String.join(" ", args)).isEmpty();
      }
    }
  }

  @Test
  void everyFormatOptionListsItsChoices() {
    int formats = 0;
    for (Map.Entry<List<String>, CommandLine> command : CliHarness.commandTree(dir).entrySet()) {
      List<String> path = command.getKey();
      CommandLine cl = command.getValue();
      OptionSpec format = cl.getCommandSpec().findOption("--format");
      if (format == null) {
        continue;
      }
      formats++;
      assertThat(format.type().isEnum()).as("assay %s --format is an enum", path).isTrue();
      String description = String.join(" ", format.description());
      for (Object choice : format.type().getEnumConstants()) {
        assertThat(description).as("assay %s --format", path).contains(choice.toString());
      }
    }
    assertThat(formats).isGreaterThan(10);
  }

  @Test
  void helpOfAnUnknownCommandIsAUsageError() {
    CliHarness.Result r = new CliHarness(dir).run("help", "runs", "lst");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: 'assay runs' has no command 'lst' (did you mean 'list'? known: delete, "
        + "export, help, list, push, show)\n");
    assertThat(r.out()).isEmpty();
  }

  private static String[] concat(List<String> path, String... more) {
    List<String> all = new ArrayList<>(path);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }
}
