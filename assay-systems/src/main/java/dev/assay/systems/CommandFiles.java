package dev.assay.systems;

import dev.assay.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content hash of a {@code command} system: by default sha256 over every file its command line
 * names — the script in {@code [python, answer.py]}, the program in {@code [./serve.sh]}; when the
 * suite lists {@code depends_on}, over exactly those files and folders instead.
 *
 * <p>By default an argument counts when, resolved against the working directory, it is a regular file; a bare
 * program name found on the PATH ({@code python}) is not looked up, so upgrading an interpreter
 * does not invalidate the cache but editing the script does. Modules the script imports are not
 * seen: the cache and {@code --resume} cannot know about them (docs/adapters.md).
 */
final class CommandFiles {
  /** Files larger than this (a model checkpoint passed as an argument) are hashed by size and mtime. */
  static final long MAX_HASHED_BYTES = 64L << 20;

  private CommandFiles() {}

  /** The hash, or null when no argument names a file (then there is no content to follow). */
  static String contentHash(List<String> command, Path workdir) {
    MessageDigest digest = Json.digest();
    boolean any = false;
    for (int i = 0; i < command.size(); i++) {
      Path file = file(command.get(i), workdir);
      if (file == null) {
        continue;
      }
      any = true;
      update(digest, i + "\0" + command.get(i) + "\0");
      try {
        content(digest, file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ", named on the command line", e);
      }
      update(digest, "\0");
    }
    return any ? Json.hex(digest.digest()) : null;
  }

  /** The files the default hash covers: those the command line names, in order (for messages). */
  static List<String> named(List<String> command, Path workdir) {
    List<String> out = new ArrayList<>();
    for (String argument : command) {
      if (file(argument, workdir) != null) {
        out.add(argument);
      }
    }
    return out;
  }

  /**
   * The hash of {@code depends_on}: each entry's name as written and its content; a folder
   * contributes every regular file under it, by relative path in sorted order. Null for an empty
   * list (the spec then says it all).
   *
   * @param entries as written in the suite, resolved against {@code workdir}; each exists
   */
  static String dependencies(List<String> entries, Path workdir) {
    if (entries.isEmpty()) {
      return null;
    }
    MessageDigest digest = Json.digest();
    for (String entry : entries) {
      Path p = workdir.resolve(entry);
      update(digest, "entry\0" + entry + "\0");
      try {
        if (Files.isDirectory(p)) {
          List<Path> files;
          try (Stream<Path> walk = Files.walk(p)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            update(digest, p.relativize(f).toString().replace('\\', '/') + "\0");
            content(digest, f);
          }
        } else {
          content(digest, p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ", listed in depends_on", e);
      }
      update(digest, "\0");
    }
    return Json.hex(digest.digest());
  }

  private static void content(MessageDigest digest, Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_HASHED_BYTES) {
      update(digest, "size=" + size + " mtime=" + Files.getLastModifiedTime(file).toMillis());
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
  }

  private static Path file(String argument, Path workdir) {
    if (argument.isEmpty() || argument.startsWith("-")) {
      return null;
    }
    try {
      Path p = workdir.resolve(argument);
      return Files.isRegularFile(p) ? p : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
  }
}
