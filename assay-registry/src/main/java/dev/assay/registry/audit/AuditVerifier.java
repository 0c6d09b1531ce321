package dev.assay.registry.audit;

import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.InputException;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditLog;
import dev.assay.core.audit.Subjects;
import dev.assay.core.io.DatasetHasher;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.Registry;
import dev.assay.core.text.HumanTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks the audit log against itself and against the store ({@code assay audit verify},
 * docs/audit.md).
 *
 * <ol>
 *   <li>The chain: entries are numbered 1, 2, 3... without gaps, each entry's fields hash to its
 *       recorded hash, and each records the hash of the entry before. An edited entry fails the
 *       first test; a removed, inserted or reordered one the second or third.
 *   <li>The checkpoint, when given: the entry it names exists and has the hash it recorded, so a
 *       truncated tail or a rebuilt chain is caught.
 *   <li>The content: for every stored run, dataset, plan, verdict, model, version, policy, alias
 *       move and rerun verification, the latest entry about it records the hash of what the store
 *       holds now; nothing is stored that the log never recorded, nothing the log recorded is gone
 *       without a deletion entry, and every alias points where its last move put it. A running
 *       run's content is not compared (its results are still arriving).
 * </ol>
 *
 * <p>Reads only; streams the log and each run's results, so memory grows with the number of
 * objects, not of results.
 */
public final class AuditVerifier {
  /** Kinds of subject that name stored objects (others, such as {@code alias:} or {@code log:}, do not). */
  private static final Set<String> STATEFUL = Set.of("run", "dataset", "plan", "verdict", "calibration", "model",
      "version", "policy", "move", "reproduction");

  private final Store store;
  private final Registry registry;
  private final AuditLog log;

  /** Compares {@code log} with what {@code store} and {@code registry} hold (read them unaudited). */
  public AuditVerifier(Store store, Registry registry, AuditLog log) {
    this.store = store;
    this.registry = registry;
    this.log = log;
  }

  /** @param checkpoint a checkpoint to compare the log with, or null */
  public AuditReport verify(AuditCheckpoint checkpoint) {
    List<AuditFinding> findings = new ArrayList<>();
    Chain chain = new Chain(checkpoint, findings);
    log.forEach(chain::accept);
    chain.finish();
    int objects = compareContent(chain, findings);
    return new AuditReport(chain.count, chain.head, checkpoint, objects, findings);
  }

  /** Walks the entries in order, recording chain breaks and the latest entry per subject. */
  private static final class Chain {
    private final AuditCheckpoint checkpoint;
    private final List<AuditFinding> findings;
    private long count;
    private AuditEntry head;
    private long expectedSeq = 1;
    private String expectedPrevious = AuditEntry.GENESIS;
    private AuditEntry atCheckpoint;
    /** The latest entry whose first subject is the key. */
    final Map<String, AuditEntry> latest = new HashMap<>();
    /** The latest entry naming the key anywhere (for aliases). */
    final Map<String, AuditEntry> latestMention = new HashMap<>();

    Chain(AuditCheckpoint checkpoint, List<AuditFinding> findings) {
      this.checkpoint = checkpoint;
      this.findings = findings;
    }

    void accept(AuditEntry e) {
      count++;
      head = e;
      String subject = e.subjects().isEmpty() ? "log:audit" : e.subjects().get(0);
      if (e.seq() != expectedSeq) {
        findings.add(new AuditFinding(e.seq(), subject, e.seq() > expectedSeq
            ? "entry " + expectedSeq + (e.seq() - expectedSeq > 1 ? " to " + (e.seq() - 1) : "")
                + " missing: entry " + e.seq() + " follows entry " + (expectedSeq - 1)
            : "out of order: entry " + e.seq() + " follows entry " + (expectedSeq - 1)));
      } else if (!e.computeHash().equals(e.hash())) {
        findings.add(new AuditFinding(e.seq(), subject, "the entry was altered: its fields hash to "
            + e.computeHash() + ", but it records " + e.hash()));
      } else if (!e.previousHash().equals(expectedPrevious)) {
        findings.add(new AuditFinding(e.seq(), subject, "the chain is broken: the entry records previous hash "
            + e.previousHash() + ", but the entry before it hashes to " + expectedPrevious
            + " (an entry was removed, inserted, reordered or altered)"));
      }
      expectedSeq = e.seq() + 1;
      expectedPrevious = e.hash();
      if (checkpoint != null && e.seq() == checkpoint.seq()) {
        atCheckpoint = e;
      }
      latest.put(subject, e);
      e.subjects().forEach(s -> latestMention.put(s, e));
    }

    void finish() {
      if (checkpoint == null) {
        return;
      }
      if (atCheckpoint == null) {
        long last = head == null ? 0 : head.seq();
        findings.add(new AuditFinding(Math.max(last + 1, 1), Subjects.log(), "the log ends at entry " + last
            + " but the checkpoint of " + HumanTime.of(checkpoint.at()) + " recorded entry " + checkpoint.seq()
            + ": entries were removed from the end of the log (or it was replaced)"));
      } else if (!atCheckpoint.hash().equals(checkpoint.hash())) {
        findings.add(new AuditFinding(checkpoint.seq(), Subjects.log(), "entry " + checkpoint.seq()
            + " hashes to " + atCheckpoint.hash() + " but the checkpoint of " + HumanTime.of(checkpoint.at())
            + " recorded " + checkpoint.hash() + ": the log was rewritten up to there"));
      }
    }
  }

  /** Compares every stored object with the latest entry about it; returns how many objects were compared. */
  private int compareContent(Chain chain, List<AuditFinding> findings) {
    Map<String, Supplier<String>> current = new LinkedHashMap<>();
    Map<String, Boolean> comparable = new HashMap<>();
    List<RunRecord> runs;
    try {
      runs = store.runs();
    } catch (RuntimeException e) {
      findings.add(new AuditFinding(0, "run", "the stored runs cannot be read (a header was edited?): "
          + e.getMessage()));
      runs = List.of();
    }
    for (RunRecord r : runs) {
      String s = Subjects.run(r.runId());
      current.put(s, () -> AuditContent.run(store, r));
      comparable.put(s, r.status() != RunStatus.RUNNING);
    }
    for (VerdictRecord v : store.verdicts(VerdictRecord.Query.ALL)) {
      current.put(Subjects.verdict(v.id()), () -> AuditContent.of(v));
    }
    for (CalibrationRecord c : store.calibrations(CalibrationRecord.Query.ALL)) {
      current.put(Subjects.calibration(c.id()), () -> AuditContent.of(c));
    }
    try {
      for (Plan p : store.plans()) {
        current.put(Subjects.plan(p.hash()), p::hash);
      }
    } catch (InputException e) {
      findings.add(new AuditFinding(0, "plan", "a stored plan was edited: " + e.render()));
      chain.latest.keySet().stream().filter(s -> Subjects.kind(s).equals("plan"))
          .forEach(s -> current.put(s, () -> chain.latest.get(s).contentHash()));
    }
    for (String s : chain.latest.keySet()) {
      if (Subjects.kind(s).equals("dataset")) {
        String hash = Subjects.id(s);
        try {
          store.dataset(hash).ifPresent(d -> current.put(s, () -> rehash(d)));
        } catch (RuntimeException unreadable) {
          current.put(s, () -> "unreadable: " + unreadable.getMessage());
        }
      }
    }
    for (Model m : registry.models()) {
      current.put(Subjects.model(m.name()), () -> AuditContent.of(m));
      registry.versions(m.name()).forEach(v -> current.put(Subjects.version(m.name(), v.number()),
          () -> AuditContent.of(v)));
      registry.policies(m.name()).forEach(p -> current.put(Subjects.policy(m.name(), p.revision()),
          () -> AuditContent.of(p)));
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (AliasMove mv : registry.aliasHistory(m.name())) {
        current.put(Subjects.aliasMove(mv.id()), () -> AuditContent.of(mv));
        expected.put(mv.alias(), mv.to());
      }
      Map<String, Integer> actual = registry.aliases(m.name());
      for (String alias : union(expected.keySet(), actual.keySet())) {
        if (!Objects.equals(expected.get(alias), actual.get(alias))) {
          String s = Subjects.alias(m.name(), alias);
          AuditEntry last = chain.latestMention.get(s);
          findings.add(new AuditFinding(last == null ? 0 : last.seq(), s, "points at version " + actual.get(alias)
              + " but its last recorded move put it at version " + expected.get(alias)));
        }
      }
    }
    registry.reproductions().forEach(r -> current.put(Subjects.reproduction(r.id()), () -> AuditContent.of(r)));

    for (Map.Entry<String, Supplier<String>> e : current.entrySet()) {
      String subject = e.getKey();
      AuditEntry last = chain.latest.get(subject);
      if (last == null) {
        findings.add(new AuditFinding(0, subject, "in the store but not in the audit log: stored behind assay's "
            + "back, or its entries were removed"));
      } else if (last.action().endsWith(".deleted")) {
        findings.add(new AuditFinding(last.seq(), subject, "entry " + last.seq() + " recorded its deletion, but it "
            + "is in the store"));
      } else if (comparable.getOrDefault(subject, true)) {
        String now;
        try {
          now = e.getValue().get();
        } catch (RuntimeException unreadable) {
          now = "unreadable (" + unreadable.getMessage() + ")";
        }
        if (!Objects.equals(now, last.contentHash())) {
          findings.add(new AuditFinding(last.seq(), subject, "changed since entry " + last.seq() + " ("
              + last.action() + "): the entry records sha256 " + last.contentHash() + ", the store now holds "
              + now));
        }
      }
    }
    for (Map.Entry<String, AuditEntry> e : chain.latest.entrySet()) {
      String subject = e.getKey();
      AuditEntry last = e.getValue();
      if (STATEFUL.contains(Subjects.kind(subject)) && !current.containsKey(subject)
          && !last.action().endsWith(".deleted")) {
        findings.add(new AuditFinding(last.seq(), subject, "recorded by entry " + last.seq() + " (" + last.action()
            + ") but missing from the store, and no deletion was recorded"));
      }
    }
    return current.size();
  }

  private static String rehash(Dataset d) {
    return DatasetHasher.hash(d.examples());
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(a);
    b.stream().filter(x -> !a.contains(x)).forEach(out::add);
    return out;
  }
}
