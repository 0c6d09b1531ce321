package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code ./assay} launcher's JVM settings: batch commands get the parallel collector and C2 alone, servers the defaults. */
class LauncherTest {
  private static final String BATCH = "-XX:+UseParallelGC";
  private static final Path LAUNCHER = Path.of("..", "assay").toAbsolutePath().normalize();

  @Test
  void batchCommandsRunWithTheBatchSettings() throws Exception {
    assertEquals(BATCH, jvmOptions(Map.of(), "--store=assay-store", "report", "A", "B"));
    assertEquals(BATCH, jvmOptions(Map.of(), "compare", "A", "B"));
    assertEquals(BATCH, jvmOptions(Map.of(), "monitor", "list"));
  }

  @Test
  void longRunningCommandsKeepTheJvmDefaults() throws Exception {
    assertEquals("", jvmOptions(Map.of(), "serve", "--port", "0"));
    assertEquals("", jvmOptions(Map.of(), "--store", "s", "monitor", "watch"));
  }

  @Test
  void assayJavaOptsReplacesTheSettings() throws Exception {
    assertEquals("-XX:+UseG1GC -Xmx1g", jvmOptions(Map.of("ASSAY_JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "report", "A", "B"));
    assertEquals("", jvmOptions(Map.of("ASSAY_JAVA_OPTS", ""), "report", "A", "B"));
  }

  /** The options the launcher puts between {@code java} and {@code -Dassay.home}, from its dry run. */
  private static String jvmOptions(Map<String, String> env, String... args) throws IOException, InterruptedException {
    assumeTrue(Files.isRegularFile(LAUNCHER), "no launcher at " + LAUNCHER);
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("ASSAY_JAVA_OPTS");
    pb.environment().put("ASSAY_LAUNCHER_DRY_RUN", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    int home = out.indexOf(" -Dassay.home=");
    assertTrue(home > 0, out);
    assertTrue(out.endsWith(String.join(" ", args)), out);
    String beforeHome = out.substring(0, home);
    int java = beforeHome.indexOf("java");
    return beforeHome.substring(java + "java".length()).strip();
  }
}
