package dev.assay.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command system's content hash follows the files its command line names, and nothing else. */
class CommandFilesTest {
  @TempDir Path dir;

  @Test
  void editingTheScriptChangesTheHashAndRestoringItRestoresTheHash() throws Exception {
    Path script = Files.writeString(dir.resolve("answer.py"), "print('v1')\n");
    List<String> command = List.of("python3", "answer.py", "--temperature", "0");
    String v1 = CommandFiles.contentHash(command, dir);
    assertThat(v1).hasSize(64);
    assertThat(CommandFiles.contentHash(command, dir)).isEqualTo(v1);

    Files.writeString(script, "print('v2')\n");
    String v2 = CommandFiles.contentHash(command, dir);
    assertThat(v2).isNotEqualTo(v1);

    Files.writeString(script, "print('v1')\n");
    assertThat(CommandFiles.contentHash(command, dir)).isEqualTo(v1);
  }

  @Test
  void theHashCoversEveryNamedFileAndWhereItStandsOnTheCommandLine() throws Exception {
    Files.writeString(dir.resolve("a.py"), "a");
    Files.writeString(dir.resolve("config.json"), "{}");
    String both = CommandFiles.contentHash(List.of("python3", "a.py", "config.json"), dir);
    Files.writeString(dir.resolve("config.json"), "{\"k\": 1}");
    assertThat(CommandFiles.contentHash(List.of("python3", "a.py", "config.json"), dir)).isNotEqualTo(both);
    assertThat(CommandFiles.contentHash(List.of("python3", "config.json", "a.py"), dir))
        .as("argument order is part of the command").isNotEqualTo(
            CommandFiles.contentHash(List.of("python3", "a.py", "config.json"), dir));
  }

  @Test
  void aCommandNamingNoFileHasNoContentHash() throws Exception {
    Files.createDirectory(dir.resolve("models"));
    assertThat(CommandFiles.contentHash(List.of("python3", "-m", "server", "models", "--port=0"), dir)).isNull();
    assertThat(CommandFiles.contentHash(List.of("no-such-program", "missing.py"), dir)).isNull();
  }

  @Test
  void theSystemReportsTheHashOfItsScript() throws Exception {
    Files.writeString(dir.resolve("echo.args"), "x");
    List<String> command = new java.util.ArrayList<>(EchoProcess.command());
    command.add("echo.args");
    try (CommandSystem system = new CommandSystem(new CommandSystem.Config("echo", command, dir, Map.of(), 1))) {
      assertThat(system.contentHash()).isEqualTo(CommandFiles.contentHash(command, dir)).isNotNull();
    }
  }

  @Test
  void dependsOnHashesExactlyTheListedFilesAndFolders() throws Exception {
    Files.writeString(dir.resolve("answer.py"), "v1");
    Files.createDirectories(dir.resolve("model/sub"));
    Files.writeString(dir.resolve("model/weights.bin"), "w1");
    Files.writeString(dir.resolve("model/sub/vocab.txt"), "a b");
    Files.writeString(dir.resolve("answer.log"), "");
    List<String> deps = List.of("answer.py", "model");
    String h = CommandFiles.dependencies(deps, dir);
    assertThat(h).hasSize(64);
    Files.writeString(dir.resolve("answer.log"), "q1\n");
    assertThat(CommandFiles.dependencies(deps, dir)).as("an unlisted file does not count").isEqualTo(h);
    Files.writeString(dir.resolve("model/sub/vocab.txt"), "a b c");
    assertThat(CommandFiles.dependencies(deps, dir)).as("a file deep in a listed folder counts").isNotEqualTo(h);
    Files.writeString(dir.resolve("model/sub/vocab.txt"), "a b");
    assertThat(CommandFiles.dependencies(deps, dir)).isEqualTo(h);
    Files.writeString(dir.resolve("model/extra.json"), "{}");
    assertThat(CommandFiles.dependencies(deps, dir)).as("a new file in a listed folder counts").isNotEqualTo(h);
    assertThat(CommandFiles.dependencies(List.of(), dir)).isNull();
  }
}
