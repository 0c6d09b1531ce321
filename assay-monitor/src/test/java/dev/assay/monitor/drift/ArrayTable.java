package dev.assay.monitor.drift;

import dev.assay.monitor.data.Table;
import java.util.List;

/** An in-memory table of rows (tests). */
final class ArrayTable implements Table {
  private final List<String> columns;
  private final Object[][] rows;

  ArrayTable(List<String> columns, Object[][] rows) {
    this.columns = columns;
    this.rows = rows;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public void scan(RowConsumer consumer) {
    for (int i = 0; i < rows.length; i++) {
      consumer.accept(rows[i].clone(), i + 1);
    }
  }
}
