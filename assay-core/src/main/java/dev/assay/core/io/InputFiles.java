package dev.assay.core.io;

import dev.assay.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens the files a user names as input (suites, gates, datasets, score, prediction, qrels and run
 * files): every reader goes through here, so every reader reports a bad path the same way.
 *
 * <p>Invariants: a file is opened only after it was found to be a regular file (symlinks followed),
 * so a FIFO is never opened (opening one for reading blocks until a writer appears) and a device
 * such as {@code /dev/zero} is never read. Anything else is an {@link InputException} naming the
 * file and saying what it is: {@code file not found}, {@code not a regular file: a directory}
 * (also {@code a FIFO (named pipe)}, {@code a character device}, {@code a block device}, {@code a
 * socket}), {@code symlink loop}, {@code broken symlink (its target does not exist)}, {@code
 * permission denied}. The check and the open are two system calls, so a file swapped for a FIFO
 * in between could still block; the files are the user's own, which makes that a non-issue in
 * practice.
 */
public final class InputFiles {
  /** Symlink hops followed before a chain counts as a loop (Linux gives up after 40). */
  private static final int MAX_HOPS = 40;

  private InputFiles() {}

  /**
   * Checks that {@code file} is a regular file that exists.
   *
   * @param name the file as the user wrote it, for messages
   * @param what what the file should be, for messages, e.g. "a dataset file"
   * @return the size of the file in bytes
   * @throws InputException when it is anything else
   */
  public static long check(Path file, String name, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      boolean link = Files.isSymbolicLink(file);
      throw fault(file, name, what, link ? "broken symlink (its target does not exist)" : "file not found");
    } catch (AccessDeniedException e) {
      throw fault(file, name, what, "permission denied");
    } catch (FileSystemException e) {
      throw fault(file, name, what, isLoop(file, e) ? "symlink loop" : "cannot open: " + reason(e));
    } catch (IOException e) {
      throw fault(file, name, what, "cannot open: " + reason(e));
    }
    if (!attributes.isRegularFile()) {
      throw fault(file, name, what, "not a regular file: " + kind(file, attributes));
    }
    return attributes.size();
  }

  /**
   * Opens {@code file} for reading after {@link #check}ing it.
   *
   * @throws InputException when it is not a readable regular file
   */
  public static InputStream open(Path file, String name, String what) {
    check(file, name, what);
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw unreadable(file, name, what, e);
    }
  }

  /**
   * Reads all of a small text file as strict UTF-8 (a leading byte-order mark dropped), after
   * {@link #check}ing it and its size.
   *
   * @throws InputException when it is not a readable regular file, is larger than {@code maxBytes}
   *     or holds invalid UTF-8 (naming the line)
   */
  public static String readText(Path file, String name, String what, long maxBytes) {
    return Utf8Text.decode(readAll(file, name, what, maxBytes), name);
  }

  /**
   * Reads all of {@code file} after {@link #check}ing it and its size.
   *
   * @param maxBytes the largest size accepted; a larger file is an {@link InputException}
   */
  public static byte[] readAll(Path file, String name, String what, long maxBytes) {
    long size = check(file, name, what);
    if (size > maxBytes) {
      throw tooLarge(name, size, maxBytes, what);
    }
    try (InputStream in = Files.newInputStream(file)) {
      // The size can change after the check; never read more than the limit and one byte.
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(name, bytes.length, maxBytes, what);
      }
      return bytes;
    } catch (IOException e) {
      throw unreadable(file, name, what, e);
    }
  }

  /** The error for a read that failed after the file was opened, in the user's words. */
  public static InputException unreadable(Path file, String name, String what, IOException e) {
    String problem = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "file not found"
        : "cannot read the file: " + reason(e);
    return fault(file, name, what, problem);
  }

  /** What a file that is not regular is, in words: "a directory", "a FIFO (named pipe)", ... */
  static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      // The unix view is there on Linux and macOS; elsewhere the generic words below serve.
      int mode = (Integer) Files.getAttribute(file, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file";
    }
  }

  private static boolean isLoop(Path file, FileSystemException e) {
    String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
    if (reason.contains("symbolic link")) {
      return true;
    }
    // The reason text comes from the OS and may be localised: walk the chain as well.
    Set<Path> seen = new HashSet<>();
    Path p = file.toAbsolutePath().normalize();
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      if (!Files.isSymbolicLink(p)) {
        return false;
      }
      if (!seen.add(p)) {
        return true;
      }
      try {
        Path target = Files.readSymbolicLink(p);
        Path parent = p.getParent();
        p = (parent == null ? target : parent.resolve(target)).normalize();
      } catch (IOException | UnsupportedOperationException x) {
        return false;
      }
    }
    return true;
  }

  /** The OS's words for an I/O failure, without exception class names or the path (named already). */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "I/O error" : m;
  }

  private static InputException tooLarge(String name, long size, long maxBytes, String what) {
    return new InputException(name, 0, null, "file too large (" + bytes(size) + ")",
        what + " of at most " + bytes(maxBytes));
  }

  /** A byte count for messages: "512 bytes", "3 KiB", "1.5 MiB". */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    double kib = n / 1024.0;
    if (kib < 1024) {
      return trim(kib) + " KiB";
    }
    return trim(kib / 1024) + " MiB";
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static InputException fault(Path file, String name, String what, String problem) {
    return new InputException(name, 0, null, problem, what + " at " + file.toAbsolutePath().normalize());
  }

  /** Whether {@code file} exists in any form (a dangling symlink counts), without following links. */
  public static boolean exists(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
  }
}
