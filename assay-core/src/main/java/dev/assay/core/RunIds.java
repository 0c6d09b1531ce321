package dev.assay.core;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered run ids: UUID version 7 (RFC 9562).
 *
 * <p>Ids made by one process sort in creation order even within one millisecond: the 12-bit
 * {@code rand_a} field carries a counter that is reset each millisecond. The remaining bits come
 * from a SecureRandom; ids are identifiers, not a statistical choice, so they need no seed.
 */
public final class RunIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis = -1;
  private static int counter;

  private RunIds() {}

  public static synchronized String next() {
    long now = System.currentTimeMillis();
    if (now <= lastMillis) {
      now = lastMillis;
      counter++;
      if (counter > 0xFFF) {
        now = ++lastMillis;
        counter = 0;
      }
    } else {
      counter = 0;
    }
    lastMillis = now;
    long msb = (now << 16) | (0x7L << 12) | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
