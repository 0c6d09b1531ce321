package dev.assay.core;

/**
 * Calls a model on behalf of a plug-in (a judge asking its model) through the same machinery the
 * engine uses for systems: response cache, rate limit, per-attempt timeout and retries with
 * backoff for transient errors.
 *
 * <p>Implementations are thread-safe.
 */
public interface ModelCaller {
  /**
   * The output of {@code system} for {@code invocation}: from the cache when present, else asked
   * (and then cached).
   *
   * @param cacheIdentity what identifies the model's answers in the cache (a hash of its settings,
   *     never of a secret)
   * @throws SystemException when the call failed for good (a permanent error, or a transient one
   *     that outlasted the retries; the message says which)
   */
  Output call(SystemUnderTest system, String cacheIdentity, Invocation invocation)
      throws SystemException, InterruptedException;

  /** One attempt, no cache, no retries: for plug-ins used outside a run. */
  ModelCaller DIRECT = (system, identity, invocation) -> system.call(invocation);
}
