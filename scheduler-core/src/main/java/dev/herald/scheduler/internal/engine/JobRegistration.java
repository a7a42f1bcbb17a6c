package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobOptions;
import jakarta.inject.Provider;

/**
 * A registered job type: how to get its implementation and how it runs.
 *
 * @param type the type name
 * @param provider supplies the implementation for each run (a singleton or a DI provider)
 * @param options retries, timeout, recovery
 */
public record JobRegistration(String type, Provider<? extends Job> provider, JobOptions options) {}
