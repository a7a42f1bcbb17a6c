package dev.herald.scheduler.jdbc.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Herald's table names under a configurable prefix.
 *
 * @param prefix the prefix, e.g. {@code herald_}
 */
public record Tables(String prefix) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,30}");

  /**
   * @throws IllegalArgumentException if the prefix is not a safe SQL identifier start
   */
  public Tables {
    if (!SAFE.matcher(prefix).matches()) {
      throw new IllegalArgumentException("table prefix must be 1 to 31 letters, digits or "
          + "underscores starting with a letter, was '" + prefix + "'");
    }
  }

  public String jobs() {
    return prefix + "jobs";
  }

  public String steps() {
    return prefix + "job_steps";
  }

  public String history() {
    return prefix + "job_history";
  }

  public String locks() {
    return prefix + "locks";
  }

  public String tokens() {
    return prefix + "tokens";
  }

  public String budgets() {
    return prefix + "budgets";
  }

  public String budgetUses() {
    return prefix + "budget_uses";
  }

  /** Every table the migrations create except the schema history, dependents first. */
  public List<String> data() {
    return List.of(history(), steps(), jobs(), locks(), tokens(), budgetUses(), budgets());
  }

  public String schemaVersion() {
    return prefix + "schema_version";
  }

  /** {@code sql} with every {@code ${prefix}} replaced. */
  public String expand(String sql) {
    return sql.replace("${prefix}", prefix);
  }
}
