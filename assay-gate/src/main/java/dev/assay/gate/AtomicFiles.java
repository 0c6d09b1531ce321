package dev.assay.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file all at once: a temporary file beside it, then a move, so readers never see half. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, String text) {
    Path target = file.toAbsolutePath().normalize();
    Path folder = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(folder);
      tmp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
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
}
