package dev.herald.scheduler.publish;

/** The kind of a {@link Media} attachment. */
public enum MediaKind {
  /** A still image; which formats a platform accepts is in its {@link PlatformCapabilities}. */
  IMAGE,
  /** A video clip. */
  VIDEO
}
