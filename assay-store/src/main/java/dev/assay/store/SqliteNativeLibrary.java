package dev.assay.store;

import dev.assay.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library in a cache folder so that a command does not unpack it again.
 *
 * <p>Why: on its own, the SQLite driver writes its native library (about 1 MB) to a new file in the
 * temporary folder at every start, reads it back to compare it with the jar's copy, and deletes it
 * at exit; a process that is killed leaves its copy behind. Every assay command opens a store, so
 * that cost (a tenth of a second or more on a small machine) was paid by each command. Here the
 * library is unpacked once per driver version into {@code $XDG_CACHE_HOME/assay/sqlite-VERSION/OS/}
 * (default {@code ~/.cache/...}), atomically (written to a temporary name, then moved), and the
 * driver is pointed at it ({@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}).
 *
 * <p>Invariants: a cached file is used only when its size is the jar copy's size (a partial or
 * foreign file is replaced); when the user has set {@code org.sqlite.lib.path}, or anything here
 * fails (no home folder, a read-only file system), nothing is set and the driver does as it
 * always did.
 */
final class SqliteNativeLibrary {
  private static volatile boolean prepared;

  private SqliteNativeLibrary() {}

  /** Points the driver at the cached library, unpacking it first when needed; once per JVM. */
  static void prepare() {
    if (prepared) {
      return;
    }
    synchronized (SqliteNativeLibrary.class) {
      if (!prepared) {
        Path folder = cacheFolder(System.getenv());
        if (folder != null && System.getProperty("org.sqlite.lib.path") == null) {
          Path library = unpack(folder);
          if (library != null) {
            System.setProperty("org.sqlite.lib.path", library.getParent().toString());
            System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
          }
        }
        prepared = true;
      }
    }
  }

  /** Where this driver version's library is kept for this platform, or null without a home. */
  static Path cacheFolder(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    String home = System.getProperty("user.home");
    Path base;
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      base = Path.of(xdg);
    } else if (home != null && !home.isBlank() && !"?".equals(home)) {
      base = Path.of(home, ".cache");
    } else {
      return null;
    }
    String version = org.sqlite.SQLiteJDBCLoader.getVersion();
    return base.resolve("assay").resolve("sqlite-" + version).resolve(OSInfo.getNativeLibFolderPathForCurrentOS());
  }

  /**
   * The library in {@code folder}, unpacked from the jar when absent or of the wrong size; null when
   * the jar has no library for this platform or the folder cannot be written.
   */
  static Path unpack(Path folder) {
    String name = System.mapLibraryName("sqlitejdbc");
    if (name.endsWith(".dylib")) {
      name = "libsqlitejdbc.dylib"; // the driver's own name on macOS
    }
    URL resource = org.sqlite.SQLiteJDBCLoader.class.getResource(
        "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
    if (resource == null) {
      return null;
    }
    Path target = folder.resolve(name);
    try {
      URLConnection connection = resource.openConnection();
      long size = connection.getContentLengthLong();
      if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) {
        return target;
      }
      AtomicFiles.write(target, tmp -> {
        try (InputStream in = connection.getInputStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
      });
      return target;
    } catch (IOException | RuntimeException e) { // UncheckedIOException from the write among them
      return null; // the driver unpacks it itself, as it always did
    }
  }
}
