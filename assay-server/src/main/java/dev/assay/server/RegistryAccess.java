package dev.assay.server;

import dev.assay.core.Plugins;
import dev.assay.core.audit.AuditEvent;
import dev.assay.registry.Actor;
import dev.assay.registry.CurrentSuite;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.audit.AuditReport;
import dev.assay.registry.audit.AuditVerifier;
import dev.assay.registry.audit.AuditedStore;
import dev.assay.registry.scorecard.Scorecard;
import dev.assay.registry.scorecard.ScorecardService;
import java.time.Clock;
import java.time.Instant;

/**
 * The registry services a server offers over its audited store (the same services as {@code assay
 * models|audit|scorecard}), bound to the caller: a promotion or registration is recorded in the
 * caller's name, and only an admin may override a promotion policy.
 *
 * <p>Promotion policies name suite files; the server reads them where the policy recorded them, on
 * its own host (a policy is set with {@code assay models policy}, never by a request).
 */
final class RegistryAccess {
  private final AuditedStore audited;
  private final Plugins plugins;
  private final Clock clock;

  /** @param audited the server's store, recording each change in the name of the request's caller */
  RegistryAccess(AuditedStore audited, Plugins plugins, Clock clock) {
    this.audited = audited;
    this.plugins = plugins;
    this.clock = clock;
  }

  AuditedStore store() {
    return audited;
  }

  /** The model registry acting for {@code caller}: admins may override, everyone else may not. */
  ModelRegistry models(Principal caller) {
    Actor actor = new Actor(RequestActor.of(caller), caller != null && caller.role().includes(Role.ADMIN));
    return new ModelRegistry(audited, audited, CurrentSuite.files(plugins), clock, actor);
  }

  /**
   * Recomputes the chain and every content hash, reading the store as it is (not through the log).
   * No checkpoint: a server opens no file a request could name; {@code assay audit verify} checks one.
   */
  AuditReport verify() {
    return new AuditVerifier(audited.unaudited(), audited.unauditedRegistry(), audited.log()).verify(null);
  }

  Scorecard scorecard(Instant since, String model) {
    return new ScorecardService(audited, audited, plugins, clock).compute(new ScorecardService.Request(since, model,
        null));
  }

  /** Records a change made outside the store (a token created or revoked) in the caller's name. */
  void record(AuditEvent event) {
    audited.record(event);
  }
}
