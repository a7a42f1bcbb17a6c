package dev.herald.scheduler.internal.codec;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Isolates the optional jsr310 dependency: loaded only when it is present. */
final class JavaTimeSupport {
  private JavaTimeSupport() {}

  static Module module() {
    return new JavaTimeModule();
  }
}
