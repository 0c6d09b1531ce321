package dev.assay.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the run store lives: {@code --store PATH} wins, then the environment variable {@value
 * #ENV}, else {@code <cwd>/.assay/assay.db}.
 *
 * <p>A PATH that names an existing directory, or ends with a path separator, means {@code
 * <PATH>/assay.db}. A relative PATH is resolved against the working directory. A blank option or
 * variable counts as absent. The response cache sits beside the store as {@code cache.db}.
 */
public final class StoreLocation {
  /** The environment variable naming the store. */
  public static final String ENV = "ASSAY_STORE";
  /** The store's file name inside a store directory. */
  public static final String STORE_FILE = "assay.db";
  /** The response cache's file name, beside the store. */
  public static final String CACHE_FILE = "cache.db";
  /** The store directory used when neither the option nor the variable is set. */
  public static final String DEFAULT_DIR = ".assay";

  private StoreLocation() {}

  /**
   * The store file.
   *
   * @param option the value of {@code --store}, null when not given
   * @param env the process environment
   * @param cwd the working directory
   */
  public static Path resolve(String option, Map<String, String> env, Path cwd) {
    String chosen = !isBlank(option) ? option : env.get(ENV);
    if (isBlank(chosen)) {
      return cwd.resolve(DEFAULT_DIR).resolve(STORE_FILE).normalize();
    }
    Path path = cwd.resolve(chosen).normalize();
    boolean namesDirectory = chosen.endsWith("/") || chosen.endsWith(cwd.getFileSystem().getSeparator())
        || Files.isDirectory(path);
    return namesDirectory ? path.resolve(STORE_FILE) : path;
  }

  /** The response cache file for the store at {@code storeFile}. */
  public static Path cacheFor(Path storeFile) {
    return storeFile.resolveSibling(CACHE_FILE);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
