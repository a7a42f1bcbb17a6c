package dev.herald.docs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for the host application's own code that the samples' jobs call. Threadsafe. */
final class Digests {
  private final List<String> sent = new CopyOnWriteArrayList<>();

  /** Sends one edition of the digest (here: records it). */
  void send(String edition) {
    sent.add(edition);
  }

  /** The editions sent, in order. */
  List<String> sent() {
    return sent;
  }
}
