package dev.assay.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes a file all at once: a temporary file beside it, then a move, so readers never see half.
 *
 * <p>The file gets the permissions any program's new file gets: read-write for everyone, less the
 * process's umask (0644 under the usual 022). A CI uploader running as another user must be able
 * to read a report; {@link Files#createTempFile} would make every output 0600.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8. */
  public static void write(Path file, String text) {
    write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  /** Fills a temporary file; what it writes appears at the target only once complete. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Lets {@code content} fill a temporary file beside {@code file}, then moves it into place, so
   * large outputs can be streamed and still appear whole or not at all.
   *
   * @throws UncheckedIOException naming the file when writing or moving fails; the temporary
   *     file is removed
   */
  public static void write(Path file, Content content) {
    Path target = file.toAbsolutePath().normalize();
    Path folder = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(folder);
      tmp = createTemporary(folder, target.getFileName().toString());
      content.writeTo(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; that is the error to report.
        }
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new empty file {@code .NAME.RANDOM.tmp} in {@code folder}, created without explicit
   * permissions so that the umask decides them; the random part keeps concurrent writers apart.
   */
  private static Path createTemporary(Path folder, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = folder.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
}
