package dev.herald.docs;

// tag::job-class[]
import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;

/** Sends one edition of the digest; registered as job type "send-digest". */
final class SendDigestJob implements Job {
  private final Digests digests;

  SendDigestJob(Digests digests) {
    this.digests = digests;
  }

  @Override
  public void execute(JobContext context) throws Exception {
    String edition = context.payload(String.class);   // decoded with the scheduler's codec
    digests.send(edition);                             // return: success; throw: failure
  }
}
// end::job-class[]
