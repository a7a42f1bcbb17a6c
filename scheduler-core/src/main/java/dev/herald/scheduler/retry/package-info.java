/**
 * What happens when a job fails: {@link dev.herald.scheduler.retry.RetryPolicy} (attempts,
 * exponential backoff with a cap and jitter, which failures to retry) and the exceptions a job
 * throws to ask for a specific delay or for human review.
 */
package dev.herald.scheduler.retry;
