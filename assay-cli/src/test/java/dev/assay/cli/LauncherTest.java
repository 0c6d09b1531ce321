package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./assay} launcher: batch commands get the serial collector, servers the JVM defaults,
 * {@code ASSAY_JAVA_OPTS} replaces both; every command but {@code --help}/{@code --version} uses (or,
 * first after a build, records) a class-data-sharing archive beside the jar. Each test runs a copy of
 * the launcher in a folder of its own, so the state of this checkout's jar does not matter.
 */
class LauncherTest {
  private static final String BATCH = "-XX:+UseSerialGC";
  private static final String QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off";
  private static final Path LAUNCHER = Path.of("..", "assay").toAbsolutePath().normalize();

  @TempDir Path root;

  private Path jar() {
    return root.resolve("assay-cli/target/assay.jar");
  }

  @BeforeEach
  void copyLauncher() throws IOException {
    assumeTrue(Files.isRegularFile(LAUNCHER), "no launcher at " + LAUNCHER);
    Files.copy(LAUNCHER, root.resolve("assay"));
    Files.createDirectories(jar().getParent());
    Files.write(jar(), new byte[0]);
  }

  @Test
  void batchCommandsRunWithTheBatchSettings() throws Exception {
    assertThat(jvmOptions(Map.of(), "--store=assay-store", "report", "A", "B")).startsWith(BATCH + " ");
    assertThat(jvmOptions(Map.of(), "compare", "A", "B")).startsWith(BATCH + " ");
    assertThat(jvmOptions(Map.of(), "monitor", "list")).startsWith(BATCH + " ");
  }

  @Test
  void longRunningCommandsKeepTheJvmDefaults() throws Exception {
    assertThat(jvmOptions(Map.of(), "serve", "--port", "0")).doesNotContain("GC").startsWith("-XX:ArchiveClassesAtExit=");
    assertThat(jvmOptions(Map.of(), "--store", "s", "monitor", "watch")).doesNotContain("GC");
  }

  @Test
  void assayJavaOptsReplacesTheSettings() throws Exception {
    assertThat(jvmOptions(Map.of("ASSAY_JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "report", "A", "B"))
        .isEqualTo("-XX:+UseG1GC -Xmx1g");
    assertThat(jvmOptions(Map.of("ASSAY_JAVA_OPTS", ""), "report", "A", "B")).isEmpty();
  }

  @Test
  void theFirstCommandAfterABuildRecordsTheArchiveAndLaterOnesUseIt() throws Exception {
    Path archive = root.resolve("assay-cli/target/assay.jsa");
    assertThat(jvmOptions(Map.of(), "runs", "list"))
        .matches(java.util.regex.Pattern.quote(BATCH + " -XX:ArchiveClassesAtExit=" + archive) + "\\.\\d+\\.tmp "
            + java.util.regex.Pattern.quote(QUIET));
    assertThat(jvmOptions(Map.of(), "--version")).isEqualTo(BATCH);
    assertThat(jvmOptions(Map.of(), "--help")).isEqualTo(BATCH);
    Files.write(archive, new byte[] {1});
    Files.setLastModifiedTime(jar(), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    assertThat(jvmOptions(Map.of(), "runs", "list")).isEqualTo(BATCH + " -XX:SharedArchiveFile=" + archive + " " + QUIET);
    // A jar built after the archive was recorded: record again.
    Files.setLastModifiedTime(jar(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertThat(jvmOptions(Map.of(), "runs", "list")).contains("-XX:ArchiveClassesAtExit=");
  }

  @Test
  void theRecordingRunKeepsStdoutAndExitCodeAndLeavesOneArchive() throws Exception {
    writeJar("class Main { public static void main(String[] a) { System.out.println(\"result \" + a.length);"
        + " System.exit(3); } }");
    Path archive = root.resolve("assay-cli/target/assay.jsa");
    for (int run = 0; run < 2; run++) {
      ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("assay").toString(), "x", "y");
      pb.environment().remove("ASSAY_JAVA_OPTS");
      pb.environment().remove("ASSAY_LAUNCHER_DRY_RUN");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("run %d exit code (stderr: %s)", run, err).isEqualTo(3);
      assertThat(out).as("run %d: only the program's output on stdout", run).isEqualTo("result 2\n");
    }
    try (var files = Files.list(archive.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("assay.jar", "assay.jsa");
    }
  }

  /** Compiles {@code source} (a class Main) into the launcher's jar. */
  private void writeJar(String source) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assumeTrue(compiler != null, "no Java compiler in this JVM");
    Path src = Files.createDirectories(root.resolve("src-tmp"));
    Files.writeString(src.resolve("Main.java"), source);
    assertThat(compiler.run(null, null, null, "-d", src.toString(), src.resolve("Main.java").toString())).isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar()), manifest)) {
      out.putNextEntry(new JarEntry("Main.class"));
      out.write(Files.readAllBytes(src.resolve("Main.class")));
      out.closeEntry();
    }
    // The launcher rebuilds a jar older than sources under src/main; this folder has none.
    deleteTree(src);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The options the launcher puts between {@code java} and {@code -Dassay.home}, from its dry run. */
  private String jvmOptions(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("assay").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("ASSAY_JAVA_OPTS");
    pb.environment().put("ASSAY_LAUNCHER_DRY_RUN", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    int home = out.indexOf(" -Dassay.home=");
    assertThat(home).as(out).isPositive();
    assertThat(out).endsWith(String.join(" ", args));
    String beforeHome = out.substring(0, home);
    int java = beforeHome.indexOf("java");
    return beforeHome.substring(java + "java".length()).strip();
  }
}
