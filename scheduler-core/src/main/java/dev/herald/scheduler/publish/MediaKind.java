package dev.herald.scheduler.publish;

/** The kind of a {@link Media} attachment. */
public enum MediaKind {
  IMAGE,
  VIDEO
}
