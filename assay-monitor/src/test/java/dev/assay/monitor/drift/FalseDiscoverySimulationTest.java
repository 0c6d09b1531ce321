package dev.assay.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.monitor.profile.ColumnType;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileOptions;
import dev.assay.monitor.profile.Profiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The simulation through the real profiler and check: 1,000 numeric columns, 200
 * repetitions. Without drift the false-discovery proportion (here: any alarm, since every
 * discovery is false) averages at most q = 0.05; Evidently's per-column tests at 0.05 would raise
 * about 50 alarms per check. With a planted shift in 20 columns the power is reported and the
 * false-discovery proportion stays controlled.
 */
class FalseDiscoverySimulationTest {
  private static final int COLUMNS = 1000;
  private static final int ROWS = 300;
  private static final int REPS = 200;
  private static final double Q = 0.05;

  @Test
  void benjaminiHochbergControlsFalseAlarmsAcrossAThousandColumns() {
    long seed = 20260514L;
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < COLUMNS; c++) {
      names.add("f" + c);
    }
    ProfileOptions options = new ProfileOptions(null, Map.of(), ROWS, 10, 100, 10, 0);
    Profiler profiler = new Profiler(options, () -> {
      throw new AssertionError("no text columns here");
    });
    // Thresholds 0: this simulation is about the p-values; the effect threshold only removes alarms.
    DriftConfig config = new DriftConfig(Q, 0.05, 1, 0,
        Map.of(ColumnType.NUMERIC, new DriftConfig.Rule(Effect.WASSERSTEIN, 0, false)), Map.of());
    DriftCheck check = new DriftCheck(config);
    double fdpNull = 0;
    int checksWithAlarm = 0;
    int rawAlarms = 0;
    double fdpPlanted = 0;
    double power = 0;
    for (int rep = 0; rep < REPS; rep++) {
      Profile ref = profiler.reference(new ArrayTable(names, gaussianRows(random, 0, 0)));
      DriftReport none = check.check(ref, profiler.current(new ArrayTable(names, gaussianRows(random, 0, 0)), ref,
          null).get(""));
      int alarms = none.driftedColumns().size();
      fdpNull += alarms > 0 ? 1 : 0;
      checksWithAlarm += alarms > 0 ? 1 : 0;
      rawAlarms += (int) none.results().stream().filter(d -> d.pValue() <= Q).count();
      if (rep < 50) {
        // Planted: the first 20 columns shift by 0.5 standard deviations.
        DriftReport planted = check.check(ref, profiler.current(new ArrayTable(names, gaussianRows(random, 20, 0.5)),
            ref, null).get(""));
        long trueFound = planted.driftedColumns().stream().filter(d -> Integer.parseInt(d.column().substring(1)) < 20)
            .count();
        long falseFound = planted.driftedColumns().size() - trueFound;
        fdpPlanted += planted.driftedColumns().isEmpty() ? 0 : (double) falseFound / planted.driftedColumns().size();
        power += trueFound / 20.0;
      }
    }
    System.out.printf("no drift: FDR %.3f (checks with any alarm %d/%d); raw per-column tests at 0.05 raised "
        + "%.1f alarms per check%n", fdpNull / REPS, checksWithAlarm, REPS, (double) rawAlarms / REPS);
    System.out.printf("20 columns shifted by 0.5 sd (n=%d per side): power %.3f, FDR %.4f%n", ROWS, power / 50,
        fdpPlanted / 50);
    double se = Math.sqrt(Q * (1 - Q) / REPS);
    assertThat(fdpNull / REPS).isLessThanOrEqualTo(Q + 3 * se);
    assertThat((double) rawAlarms / REPS).isGreaterThan(30); // what uncorrected tests would do
    assertThat(fdpPlanted / 50).isLessThanOrEqualTo(Q + 3 * Math.sqrt(Q * (1 - Q) / 50));
    assertThat(power / 50).isGreaterThan(0.8);
  }

  private static Object[][] gaussianRows(Random random, int shifted, double shift) {
    Object[][] rows = new Object[ROWS][COLUMNS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLUMNS; c++) {
        rows[r][c] = random.nextGaussian() + (c < shifted ? shift : 0);
      }
    }
    return rows;
  }
}
