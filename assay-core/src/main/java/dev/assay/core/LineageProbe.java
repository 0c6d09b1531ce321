package dev.assay.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Reads the lineage of the current process: assay version, git state, JVM and OS. */
public final class LineageProbe {
  private LineageProbe() {}

  /** The assay version baked in at build time. */
  public static String assayVersion() {
    try (InputStream in = LineageProbe.class.getResourceAsStream("/dev/assay/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Lineage for a run started in {@code workingDirectory}. Git fields are null when git is not
   * installed or the directory is not inside a repository.
   */
  public static Lineage probe(Path workingDirectory) {
    String commit = git(workingDirectory, "rev-parse", "HEAD");
    Boolean dirty = null;
    if (commit != null) {
      String status = git(workingDirectory, "status", "--porcelain", "--untracked-files=no");
      dirty = status == null ? null : !status.isBlank();
    }
    String jvm = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version");
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    return new Lineage(assayVersion(), commit == null ? null : commit.strip(), dirty, jvm, os);
  }

  private static String git(Path dir, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
