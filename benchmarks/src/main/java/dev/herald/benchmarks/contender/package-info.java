/**
 * What each system under test provides: an {@link dev.herald.benchmarks.contender.Engine} (one
 * node working through jobs) and a {@link dev.herald.benchmarks.contender.Backlog} (its jobs, in
 * tables of its own).
 */
package dev.herald.benchmarks.contender;
