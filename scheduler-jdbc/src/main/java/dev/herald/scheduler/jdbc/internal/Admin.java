package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** Administrative commands and retention. */
public final class Admin {
  private final Jdbc jdbc;
  private final JobRows rows;

  public Admin(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  public AdminResult apply(String jobId, AdminCommand command) {
    String sql = "SELECT " + JobRows.JOB_COLUMNS + " FROM " + jdbc.tables().jobs()
        + " WHERE id = ? FOR UPDATE";
    return jdbc.inTransaction(command.name() + " job " + jobId, (c, now) -> {
      List<JobSnapshot> found = rows.query(c, sql, ps -> ps.setString(1, jobId));
      if (found.isEmpty()) {
        return new AdminResult.NotFound();
      }
      JobSnapshot job = found.get(0);
      if (!command.appliesTo().contains(job.status())) {
        return new AdminResult.WrongStatus(job.status());
      }
      JobSnapshot after = command.applyTo(job, now);
      rows.update(c, after);
      if (command.clearsSteps()) {
        rows.deleteSteps(c, List.of(jobId));
      }
      rows.deleteSteps(c, jobId, command.stepsToDelete());
      for (var step : command.stepsToWrite().entrySet()) {
        rows.upsertStep(c, jobId, step.getKey(), step.getValue());
      }
      return new AdminResult.Applied(after);
    });
  }

  public int purge(Instant before) {
    String finished = "SELECT id FROM " + jdbc.tables().jobs()
        + " WHERE status IN ('COMPLETED', 'CANCELLED') AND updated_at < ?";
    return jdbc.inTransaction("purge finished jobs", (c, now) -> {
      for (String table : List.of(jdbc.tables().steps(), jdbc.tables().history())) {
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM " + table + " WHERE job_id IN (" + finished + ")")) {
          jdbc.dialect().setInstant(ps, 1, before);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + jdbc.tables().history() + " WHERE finished_at < ?")) {
        jdbc.dialect().setInstant(ps, 1, before);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + jdbc.tables().jobs()
          + " WHERE status IN ('COMPLETED', 'CANCELLED') AND updated_at < ?")) {
        jdbc.dialect().setInstant(ps, 1, before);
        return ps.executeUpdate();
      }
    });
  }
}
