package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every publish a fake server accepted, in order: the side effect tests count to prove a post went
 * out exactly once. A replay the platform answers from its idempotency cache is not a new entry.
 *
 * <p>This class is threadsafe.
 */
public final class Ledger {

  private final List<LedgerEntry> entries = new CopyOnWriteArrayList<>();

  /**
   * Appends {@code entry}; fake servers call this when they accept a publish.
   *
   * @param entry the accepted publish
   */
  public void record(LedgerEntry entry) {
    entries.add(notNull(entry, "entry"));
  }

  /**
   * A snapshot of every entry, oldest first.
   *
   * @return the entries
   */
  public List<LedgerEntry> entries() {
    return List.copyOf(entries);
  }

  /**
   * The entries published as {@code account}.
   *
   * @param account the account
   * @return the entries, oldest first; empty if none
   */
  public List<LedgerEntry> entriesFor(String account) {
    return entries.stream().filter(e -> e.account().equals(account)).toList();
  }

  /**
   * The entry with remote id {@code remoteId}.
   *
   * @param remoteId the remote id
   * @return the entry, or empty if none has that remote id
   */
  public Optional<LedgerEntry> find(String remoteId) {
    return entries.stream().filter(e -> e.remoteId().equals(remoteId)).findFirst();
  }

  /**
   * The number of entries.
   *
   * @return the number of entries, 0 or more
   */
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "Ledger[" + entries.size() + " publishes]";
  }
}
