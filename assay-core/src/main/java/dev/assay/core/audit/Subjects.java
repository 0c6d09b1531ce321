package dev.assay.core.audit;

/**
 * How audit entries name what they are about: {@code KIND:ID}. One place, so that the log, its
 * verifier and {@code assay audit list --subject} agree.
 */
public final class Subjects {
  private Subjects() {}

  public static String run(String runId) {
    return "run:" + runId;
  }

  public static String verdict(String verdictId) {
    return "verdict:" + verdictId;
  }

  public static String plan(String planHash) {
    return "plan:" + planHash;
  }

  public static String dataset(String hash) {
    return "dataset:" + hash;
  }

  public static String model(String name) {
    return "model:" + name;
  }

  public static String version(String model, int number) {
    return "version:" + model + "@" + number;
  }

  public static String policy(String model, int revision) {
    return "policy:" + model + "#" + revision;
  }

  public static String alias(String model, String alias) {
    return "alias:" + model + "/" + alias;
  }

  public static String aliasMove(String moveId) {
    return "move:" + moveId;
  }

  public static String reproduction(String id) {
    return "reproduction:" + id;
  }

  /** A server's API token, by its id (never its secret). */
  public static String token(String tokenId) {
    return "token:" + tokenId;
  }

  public static String log() {
    return "log:audit";
  }

  /** The kind of a subject: {@code run} for {@code run:0190...}. */
  public static String kind(String subject) {
    int colon = subject.indexOf(':');
    return colon < 0 ? "" : subject.substring(0, colon);
  }

  /** The id of a subject: {@code 0190...} for {@code run:0190...}. */
  public static String id(String subject) {
    int colon = subject.indexOf(':');
    return colon < 0 ? subject : subject.substring(colon + 1);
  }
}
