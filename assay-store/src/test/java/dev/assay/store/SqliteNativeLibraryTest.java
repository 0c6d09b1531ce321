package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library kept in a cache folder: unpacked once, whole, and used by the driver. */
class SqliteNativeLibraryTest {

  private static byte[] jarCopy(Path library) throws Exception {
    String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
        + library.getFileName();
    try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @Test
  void unpacksOnceAndReplacesAPartialFile(@TempDir Path dir) throws Exception {
    Path library = SqliteNativeLibrary.unpack(dir);
    assertThat(library).isNotNull().isRegularFile();
    assertThat(Files.readAllBytes(library)).isEqualTo(jarCopy(library));
    // A second start finds it and does not write it again.
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(library, old);
    assertThat(SqliteNativeLibrary.unpack(dir)).isEqualTo(library);
    assertThat(Files.getLastModifiedTime(library)).isEqualTo(old);
    // A partial copy (a crash mid-write by some other tool) is replaced by a whole one.
    Files.write(library, new byte[] {1, 2, 3});
    assertThat(SqliteNativeLibrary.unpack(dir)).isEqualTo(library);
    assertThat(Files.readAllBytes(library)).isEqualTo(jarCopy(library));
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactly(library);
    }
  }

  @Test
  void anUnwritableFolderLeavesTheDriverToItself(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertThat(SqliteNativeLibrary.unpack(file.resolve("sub"))).isNull();
  }

  @Test
  void theCacheFolderFollowsXdgThenHome() {
    Path xdg = SqliteNativeLibrary.cacheFolder(Map.of("XDG_CACHE_HOME", "/var/cache/me"));
    assertThat(xdg.toString()).startsWith("/var/cache/me/assay/sqlite-");
    Path home = SqliteNativeLibrary.cacheFolder(Map.of("XDG_CACHE_HOME", "relative/ignored"));
    assertThat(home.toString()).startsWith(Path.of(System.getProperty("user.home"), ".cache", "assay", "sqlite-").toString());
  }

  @Test
  void storesOpenWithTheCachedLibrary(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir.resolve("assay.db"))) {
      assertThat(store.runs()).isEmpty();
    }
    String path = System.getProperty("org.sqlite.lib.path");
    assertThat(path).as("the driver was pointed at the cache").isNotNull();
    assertThat(Path.of(path, System.getProperty("org.sqlite.lib.name"))).isRegularFile();
  }
}
