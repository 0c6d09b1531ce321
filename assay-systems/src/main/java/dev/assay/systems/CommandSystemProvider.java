package dev.assay.systems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adapter type {@code command}: a {@link CommandSystem}.
 *
 * <p>Parameters: {@code command} (required: a list of strings, or one string split on
 * whitespace, never passed to a shell), {@code workdir} (default: the suite's folder; relative
 * paths resolve against it), {@code env} (a map of variables added to the inherited environment;
 * scalar values are taken as their text, since YAML reads {@code N: 1} as a number), {@code
 * processes} (pool size, default 1), {@code depends_on} (the files and folders the answers depend
 * on, relative to the working directory; default: every file the command line names; see {@link
 * CommandFiles}). The processes are started at creation, so a command that
 * cannot run is reported as bad input before any run.
 */
public final class CommandSystemProvider implements SystemProvider {
  private static final String COMMAND = "a list of strings, e.g. [python, answer.py], or one string";

  @Override
  public String type() {
    return "command";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("command", "workdir", "env", "processes", "depends_on");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    Params params = Params.of(spec, context.suiteFile());
    CommandSystem system = new CommandSystem(config(spec, params, context.folder()));
    try {
      system.start();
    } catch (IOException e) {
      throw params.fault("command", "cannot start: " + e.getMessage(), "an executable program and its arguments");
    }
    return system;
  }

  /** The configuration the spec declares, checked but not started. */
  static CommandSystem.Config config(SystemSpec spec, PluginContext context) {
    return config(spec, Params.of(spec, context.suiteFile()), context.folder());
  }

  private static CommandSystem.Config config(SystemSpec spec, Params params, Path folder) {
    Path workdir = workdir(params, folder);
    return new CommandSystem.Config(spec.name(), command(params), workdir, env(params),
        params.integer("processes", 1, AdapterLimits.PROCESSES, "the number of processes to run, e.g. 4"),
        dependsOn(params, workdir));
  }

  private static List<String> command(Params params) {
    JsonNode v = params.raw("command");
    if (v == null) {
      throw params.fault("command", "missing", COMMAND);
    }
    List<String> command = new ArrayList<>();
    if (v.isTextual()) {
      command.addAll(Arrays.asList(v.textValue().trim().split("\\s+")));
      command.removeIf(String::isEmpty);
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        JsonNode part = v.get(i);
        if (!part.isTextual()) {
          throw params.fault("command", "element " + i + " is not a string: " + part, COMMAND);
        }
        command.add(part.textValue());
      }
    } else {
      throw params.fault("command", "not a list or a string: " + v, COMMAND);
    }
    if (command.isEmpty() || command.get(0).isEmpty()) {
      throw params.fault("command", "empty", COMMAND);
    }
    return command;
  }

  private static final String DEPENDS_ON = "a list of the files and folders the command reads, relative to its "
      + "working directory, e.g. [answer.py, model.bin]";

  /** {@code depends_on}: null when absent (the default); every entry must exist now. */
  private static List<String> dependsOn(Params params, Path workdir) {
    JsonNode v = params.raw("depends_on");
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw params.fault("depends_on", "not a list: " + v, DEPENDS_ON);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual() || e.textValue().isBlank()) {
        throw params.fault("depends_on", "element " + i + " is not a file name: " + e, DEPENDS_ON);
      }
      Path p = workdir.resolve(e.textValue());
      if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
        throw params.fault("depends_on", "element " + i + ": no such file or folder: " + p, DEPENDS_ON);
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Path workdir(Params params, Path folder) {
    if (!params.has("workdir")) {
      return folder;
    }
    String expected = "an existing folder, relative to the suite's folder";
    params.requiredString("workdir", expected);
    Path dir = params.path("workdir", folder);
    if (!Files.isDirectory(dir)) {
      throw params.fault("workdir", "no such folder: " + dir, expected);
    }
    return dir;
  }

  private static Map<String, String> env(Params params) {
    JsonNode v = params.raw("env");
    Map<String, String> env = new LinkedHashMap<>();
    if (v == null) {
      return env;
    }
    if (!v.isObject()) {
      throw params.fault("env", "not a map: " + v, "a map of variable names to strings");
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw params.fault("env." + e.getKey(), "not a string: " + e.getValue(), "a string value");
      }
      env.put(e.getKey(), e.getValue().asText());
    }
    return env;
  }
}
