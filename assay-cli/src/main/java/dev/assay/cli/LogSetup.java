package dev.assay.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * The command line's logging, set up in code (found by logback through {@code
 * META-INF/services}) rather than read from {@code logback.xml}: parsing an XML configuration
 * loads some 500 classes, about half a second of every command's start on a small machine.
 *
 * <p>What it sets: logs go to stderr, so stdout carries only results (JSON with {@code --format
 * json}), as {@code LEVEL logger: message}; the root level is {@code ASSAY_LOG_LEVEL} (default
 * WARN; an unknown name means WARN); DJL, which reports at every start that the machine has no
 * GPU, logs errors only.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The environment variable naming the root log level. */
  static final String LEVEL_VARIABLE = "ASSAY_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger{0}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(System.getenv(LEVEL_VARIABLE)));
    root.addAppender(stderr);
    context.getLogger("ai.djl").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root level a value of {@value #LEVEL_VARIABLE} names: WARN when unset or unknown. */
  static Level level(String name) {
    return name == null || name.isBlank() ? Level.WARN : Level.toLevel(name.trim().toUpperCase(Locale.ROOT), Level.WARN);
  }
}
