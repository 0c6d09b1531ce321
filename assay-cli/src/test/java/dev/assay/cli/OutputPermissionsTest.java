package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 15: reports, cards, JUnit, Markdown and exports get the permissions the umask
 * gives any new file (they were 0600, unreadable to a CI uploader running as another user).
 */
class OutputPermissionsTest {
  @TempDir Path dir;

  @Test
  void everyFileAssayWritesHonoursTheUmask() throws Exception {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "skipped: no POSIX permissions on this file system");
    // What the umask gives a new file: the oracle every output must match.
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
    Assumptions.assumeTrue(expected.contains(PosixFilePermission.OTHERS_READ)
        || expected.contains(PosixFilePermission.GROUP_READ), "skipped: the umask gives new files no read to others");

    CliHarness cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", GateCommandTest.TWO,
        "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "200",
        "--junit", "out/junit.xml", "--markdown", "out/pr.md", "--report", "out/gate.html");
    assertThat(gate.code()).as(gate.toString()).isZero();
    assertThat(cli.run("card", "upper", "--output", "out").code()).isZero();
    CliHarness.Result list = cli.run("runs", "list", "--format", "json");
    String run = dev.assay.core.Json.MAPPER.readTree(list.out()).path("runs").get(0).path("run_id").asText();
    assertThat(cli.run("runs", "export", run, "--output", "out/run.json").code()).isZero();
    assertThat(cli.run("report", run, "--output", "out/run.html").code()).isZero();

    for (String name : List.of("junit.xml", "pr.md", "gate.html", "card-upper.md", "card-upper.html", "run.json",
        "run.html")) {
      Path file = dir.resolve("out").resolve(name);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name)
          .isEqualTo(PosixFilePermissions.toString(expected));
    }
    try (var left = Files.list(dir.resolve("out"))) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temporary files left").noneMatch(
          n -> n.endsWith(".tmp"));
    }
  }
}
