package dev.assay.tracking.sql;

import java.sql.SQLException;

/**
 * What differs between the SQL of SQLite and PostgreSQL for the tracking tables: pattern matching
 * and how a unique-key violation is reported. Everything else is SQL both speak.
 */
public enum Dialect {
  /** SQLite: LIKE ignores ASCII case, so case-sensitive LIKE is GLOB with the pattern translated. */
  SQLITE {
    @Override
    String like(String column, boolean ignoreCase) {
      return ignoreCase ? column + " LIKE ?" : column + " GLOB ?";
    }

    @Override
    String likeArgument(String pattern, boolean ignoreCase) {
      if (ignoreCase) {
        return pattern;
      }
      StringBuilder glob = new StringBuilder(pattern.length() + 8);
      for (char ch : pattern.toCharArray()) {
        switch (ch) {
          case '%' -> glob.append('*');
          case '_' -> glob.append('?');
          case '*', '?', '[' -> glob.append('[').append(ch).append(']');
          default -> glob.append(ch);
        }
      }
      return glob.toString();
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      return (e.getErrorCode() & 0xFF) == 19; // SQLITE_CONSTRAINT
    }
  },
  /** PostgreSQL: LIKE and ILIKE as MLflow means them. */
  POSTGRES {
    @Override
    String like(String column, boolean ignoreCase) {
      return column + (ignoreCase ? " ILIKE ?" : " LIKE ?");
    }

    @Override
    String likeArgument(String pattern, boolean ignoreCase) {
      return pattern;
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }
  };

  /** A condition matching {@code column} against one bound pattern (MLflow's % and _ wildcards). */
  abstract String like(String column, boolean ignoreCase);

  /** The value to bind for {@link #like}'s placeholder. */
  abstract String likeArgument(String pattern, boolean ignoreCase);

  abstract boolean isUniqueViolation(SQLException e);
}
