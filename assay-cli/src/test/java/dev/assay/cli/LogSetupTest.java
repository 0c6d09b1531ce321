package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The command line's logging: what {@link LogSetup} sets up, and that logback uses it. */
class LogSetupTest {

  @Test
  void logbackIsConfiguredInCodeWithLogsOnStderr() {
    // The JVM's logback context was set up by LogSetup (found through META-INF/services), not by
    // an XML file: the appender it names is there, writing to stderr.
    assertThat(LogSetupTest.class.getResource("/logback.xml")).as("no XML configuration to parse").isNull();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
  }

  @Test
  void configureSetsLevelsAndStopsOtherConfigurators() {
    LoggerContext context = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR").isStarted()).isTrue();
    assertThat(context.getLogger("ai.djl").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("ai.djl.engine").isDebugEnabled()).isFalse();
    context.stop();
  }

  @Test
  void assayLogLevelNamesTheRootLevel() {
    assertThat(LogSetup.level(null)).isEqualTo(Level.WARN);
    assertThat(LogSetup.level(" ")).isEqualTo(Level.WARN);
    assertThat(LogSetup.level("debug")).isEqualTo(Level.DEBUG);
    assertThat(LogSetup.level("INFO")).isEqualTo(Level.INFO);
    assertThat(LogSetup.level("loud")).as("an unknown name").isEqualTo(Level.WARN);
  }
}
