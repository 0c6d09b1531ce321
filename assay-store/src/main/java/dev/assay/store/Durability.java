package dev.assay.store;

/**
 * What a committed write survives. Maps to SQLite's {@code synchronous} setting in WAL mode.
 *
 * <p>Both levels survive a killed process ({@code kill -9}, an OOM kill, a crashed JVM): in WAL mode
 * a commit has been handed to the operating system before it returns, and the OS writes it out
 * even when the process is gone. Only a power loss or kernel crash can lose a commit made under
 * {@link #PROCESS_CRASH}; the database is never corrupted either way, it just loses the last few
 * transactions.
 */
public enum Durability {
  /** {@code synchronous=NORMAL}: survives a killed process; no fsync per commit. The default. */
  PROCESS_CRASH("NORMAL"),
  /** {@code synchronous=FULL}: also survives power loss; one fsync of the WAL per commit. */
  POWER_LOSS("FULL");

  private final String pragma;

  Durability(String pragma) {
    this.pragma = pragma;
  }

  /** The value of SQLite's {@code synchronous} pragma for this level. */
  String synchronousPragma() {
    return pragma;
  }
}
