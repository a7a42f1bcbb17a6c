package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.spi.LeaseRef;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims this node holds, from claim until their completion is durable. The lease keeper
 * renews exactly these. Threadsafe.
 */
final class InFlight {
  private final ConcurrentHashMap<LeaseRef, RunHandle> handles = new ConcurrentHashMap<>();

  void add(RunHandle handle) {
    handles.put(handle.lease(), handle);
  }

  void remove(LeaseRef lease) {
    handles.remove(lease);
  }

  RunHandle get(LeaseRef lease) {
    return handles.get(lease);
  }

  Collection<RunHandle> all() {
    return List.copyOf(handles.values());
  }

  boolean isEmpty() {
    return handles.isEmpty();
  }

  int size() {
    return handles.size();
  }
}
